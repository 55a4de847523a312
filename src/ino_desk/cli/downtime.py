"""`ino-desk downtime snapshot` and `ino-desk downtime-pack`: working when the database is down.

`downtime snapshot [--out PATH]` refreshes this workstation's local read-only snapshot (the
GUI refreshes it by itself after each change and on a timer). `downtime-pack --out FILE.pdf`
prints the pack from the database, or from the snapshot when the database cannot be reached
(the pack says which); a site's scheduler runs it daily.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ino_desk.cli.context import context_of
from ino_desk.cli.document_output import staged_output
from ino_desk.cli.parser import EXIT_OK, UsageError, user_path
from ino_desk.label.pack import load_pack
from ino_desk.safe_files import OutputFileError, StagedFile, check_output_path
from ino_desk.services.paperwork.downtime_pack import assemble_downtime_pack

if TYPE_CHECKING:
    import argparse

    from ino_desk.services.ports.downtime import DowntimeStorage


def register(commands: Any) -> None:
    downtime = commands.add_parser("downtime", help="this workstation's downtime snapshot")
    actions = downtime.add_subparsers(dest="downtime_action", required=True, metavar="ACTION")
    snap = actions.add_parser(
        "snapshot", help="refresh the local read-only snapshot of the next 7 days"
    )
    snap.add_argument(
        "--out",
        metavar="PATH",
        type=user_path("--out"),
        help="where to write it (default: this workstation's own)",
    )
    snap.set_defaults(func=_snapshot)
    pack = commands.add_parser(
        "downtime-pack", help="print the downtime pack (doses, quick reference, paper forms)"
    )
    pack.add_argument("--out", required=True, metavar="FILE.pdf", type=user_path("--out"))
    pack.add_argument(
        "--force", action="store_true", help="replace an existing --out file (never a database)"
    )
    pack.set_defaults(func=_pack)


def _storage(args: argparse.Namespace) -> DowntimeStorage:
    return context_of(args).downtime()


def _snapshot_target(args: argparse.Namespace, storage: DowntimeStorage) -> Path:
    """--out, checked: never the database; an existing file only if it is a snapshot."""
    from ino_desk import paths

    if args.out is None:
        return storage.snapshot_path
    target = Path(args.out).expanduser().absolute()
    database = paths.database_path(args.db).expanduser().absolute()
    if target.is_file() and target != database:
        if not storage.is_snapshot(target):
            raise UsageError(
                f"--out: {target} exists and is not a downtime snapshot; choose another name"
            )
        return target
    try:
        return check_output_path(target, databases=[database], what="the snapshot")
    except OutputFileError as exc:
        raise UsageError(f"--out: {exc.message}") from None


def _snapshot(args: argparse.Namespace, out: TextIO) -> int:
    storage = _storage(args)
    info = storage.take_snapshot(_snapshot_target(args, storage))
    out.write(
        f"downtime snapshot written to {info.location}: {info.patients} patients, "
        f"{info.doses} doses, {info.first_day.isoformat()} to {info.last_day.isoformat()} "
        f"(taken {info.taken_text})\n"
    )
    return EXIT_OK


def _pack(args: argparse.Namespace, out: TextIO) -> int:
    from ino_desk.pdf.render import pdf_renderer

    staged = staged_output(args, "the downtime pack")
    with _storage(args).pack_source() as (store, source):
        pack = assemble_downtime_pack(
            store, load_pack().rules, date.today(), datetime.now(UTC).astimezone(), source
        )
    return _publish(staged, pdf_renderer().downtime_pack(pack), out, len(pack.doses), source)


def _publish(staged: StagedFile, data: bytes, out: TextIO, doses: int, source: str) -> int:
    try:
        with staged:
            staged.write(data)
            path = staged.publish()
    except OutputFileError as exc:
        raise UsageError(f"--out: {exc.message}") from None
    out.write(f"downtime pack written to {path}: {doses} doses, from {source}\n")
    return EXIT_OK
