"""SHA256SUMS of a label pack: every file is listed, and every listed file matches."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

SUMS_FILE = "SHA256SUMS"


class ChecksumError(Exception):
    pass


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _pack_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and p.name != SUMS_FILE and "__pycache__" not in p.parts
    )


def write_checksums(folder: Path) -> Path:
    """Regenerate SHA256SUMS after an intentional edit of the pack."""
    lines = [f"{_digest(p)}  {p.relative_to(folder).as_posix()}" for p in _pack_files(folder)]
    target = folder / SUMS_FILE
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def verify_checksums(folder: Path) -> None:
    """Raise ChecksumError naming the first file that is missing, extra or altered."""
    sums = folder / SUMS_FILE
    if not sums.is_file():
        raise ChecksumError(f"{sums}: checksum file missing")
    listed: dict[str, str] = {}
    for number, line in enumerate(sums.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64:
            raise ChecksumError(f"{sums}: line {number} is not '<sha256>  <file>'")
        listed[name] = digest
    present = {p.relative_to(folder).as_posix(): p for p in _pack_files(folder)}
    for name, digest in listed.items():
        path = present.get(name)
        if path is None:
            raise ChecksumError(f"{folder / name}: listed in {SUMS_FILE} but missing")
        if _digest(path) != digest:
            raise ChecksumError(
                f"{path}: checksum mismatch (file altered since the pack was sealed)"
            )
    extra = sorted(set(present) - set(listed))
    if extra:
        raise ChecksumError(f"{folder / extra[0]}: not listed in {SUMS_FILE}")
