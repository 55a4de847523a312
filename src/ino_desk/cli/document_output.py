"""The file a command writes (--out), and a printed document written into it: staged beside
its target, checked before anything is rendered, published only when every check passed."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ino_desk.cli.parser import EXIT_FAILED, EXIT_OK, UsageError, printable
from ino_desk.safe_files import OutputFileError, StagedFile

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    from ino_desk.domain.printed.bag_label import BagLabel
    from ino_desk.domain.printed.documents import DocumentRefusedError, OrderSheet


def staged_output(args: argparse.Namespace, what: str) -> StagedFile:
    """The --out file, checked before anything is rendered: never the database, a backup or
    (without --force) an existing file. Written owner-only, published only when all passed."""
    from ino_desk import paths

    try:
        return StagedFile(
            Path(args.out),
            force=bool(getattr(args, "force", False)),
            databases=[paths.database_path(args.db)],
            what=what,
        )
    except OutputFileError as exc:
        raise UsageError(f"--out: {exc.message}") from None


def write_document(
    doc: OrderSheet | BagLabel,
    data: bytes,
    staged: StagedFile,
    out: TextIO,
    before_publish: Callable[[], None] | None = None,
) -> int:
    """Write the PDF beside its target, run the last check, then make it appear."""
    try:
        with staged:
            staged.write(data)
            if before_publish is not None:
                before_publish()
            path = staged.publish()
    except OutputFileError as exc:
        raise UsageError(f"--out: {exc.message}") from None
    kind = "order sheet" if doc.document_id.startswith("OS") else "bag label"
    out.write(f"{kind} {doc.document_id} written to {path} (sha256 {doc.content_hash})\n")
    return EXIT_OK


def refused_document(exc: DocumentRefusedError) -> int:
    sys.stderr.write(f"ino-desk: refused: {printable(exc.reason)}\n")
    return EXIT_FAILED
