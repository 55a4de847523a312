"""A watched drop folder: interface engines that cannot speak MLLP write one message per file.

Each file is received once: its message is kept in the database with the answer, the answer
is written beside it as `<name>.ack`, and the file is moved to `processed/`. A file still
being written (changed in the last second) is left for the next look.
"""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

PATTERNS = ("*.hl7", "*.HL7", "*.txt")
SETTLE_SECONDS = 1.0


def waiting_files(folder: Path, now: float | None = None) -> list[Path]:
    """Files ready to read, oldest first."""
    moment = time.time() if now is None else now
    found = {p for pattern in PATTERNS for p in folder.glob(pattern) if p.is_file()}
    ready = [p for p in found if moment - p.stat().st_mtime >= SETTLE_SECONDS]
    return sorted(ready, key=lambda p: (p.stat().st_mtime, p.name))


def process_folder(
    folder: Path, receive: Callable[[str, str], str | None], now: float | None = None
) -> int:
    """Receive every waiting file; returns how many were received. A file whose message could
    not be kept (`receive` gives no ACK: the database was unavailable) stays for the next look."""
    done = folder / "processed"
    done.mkdir(mode=0o700, exist_ok=True)
    count = 0
    for path in waiting_files(folder, now):
        text = path.read_bytes().decode("utf-8", errors="replace")
        ack = receive(text, f"drop folder {path.name}")
        if ack is None:
            continue
        target, fd = _kept_names(done, path.name)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(ack)
        os.replace(path, target)
        os.chmod(target, 0o600)
        count += 1
    return count


def _kept_names(done: Path, name: str) -> tuple[Path, int]:
    """Where a received file and its ACK are kept: its own name, or with a number when a
    file of that name was received before (a laboratory may reuse names; nothing kept is
    overwritten). Returns the message's path and the ACK file, created owner-only."""
    for n in range(10_000):
        stem = name if n == 0 else f"{name}.{n}"
        target = done / stem
        if target.exists():
            continue
        try:
            fd = os.open(done / f"{stem}.ack", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        return target, fd
    raise OSError(f"no free name for {name} in {done}")
