"""`ino-desk export fhir --since DATE [--out FILE]`: doses given, as a FHIR R4 Bundle."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from ino_desk.cli.clinical import date_arg
from ino_desk.cli.credentials import add_export_user_flag
from ino_desk.cli.exports import signed_in_export
from ino_desk.cli.parser import EXIT_FAILED, EXIT_OK, UsageError, user_path
from ino_desk.cli.waste import zone_arg
from ino_desk.label.pack import load_pack
from ino_desk.safe_files import OutputFileError
from ino_desk.services.paperwork.fhir_export import fhir_bundle

if TYPE_CHECKING:
    import argparse


def register(commands: Any) -> None:
    p = commands.add_parser("export", help="records out to other systems")
    kinds = p.add_subparsers(dest="export_kind", required=True, metavar="KIND")
    fhir = kinds.add_parser(
        "fhir", help="MedicationAdministration and MedicationRequest as a FHIR R4 Bundle"
    )
    fhir.add_argument("--since", required=True, type=date_arg("--since"), metavar="YYYY-MM-DD")
    fhir.add_argument(
        "--out",
        metavar="FILE.json",
        type=user_path("--out"),
        help="write here (default: standard output)",
    )
    fhir.add_argument("--force", action="store_true", help="replace an existing --out file")
    fhir.add_argument("--tz", metavar="ZONE", default="UTC", help="time zone of --since")
    add_export_user_flag(fhir)
    fhir.set_defaults(func=_fhir)


def _fhir(args: argparse.Namespace, out: TextIO) -> int:
    from ino_desk.cli.document_output import staged_output

    zone = zone_arg(args.tz)
    staged = staged_output(args, "the FHIR bundle") if args.out is not None else None
    with signed_in_export(args) as export:
        if export is None:
            return EXIT_FAILED
        bundle = fhir_bundle(export.store, load_pack().rules, args.since, zone)
        text = json.dumps(bundle, indent=2, ensure_ascii=False) + "\n"
        if staged is not None:
            try:
                with staged:
                    staged.write(text.encode("utf-8"))
                    path = staged.publish()
            except OutputFileError as exc:
                raise UsageError(f"--out: {exc.message}") from None
            out.write(
                f"FHIR bundle with {len(bundle.get('entry', []))} entries written to {path}\n"
            )
        export.record(f"FHIR bundle since {args.since.isoformat()}")
    if staged is None:
        out.write(text)
    return EXIT_OK
