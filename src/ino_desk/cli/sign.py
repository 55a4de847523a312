"""`ino-desk sign verify|prepared|double-check` and `ino-desk signatures`: sign a dose order.

Each signature takes the signer's password at that moment (21 CFR 11.200). The double check
takes the checker's own figures; a mismatch is recorded and printed, and exits 1.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, TextIO

from ino_desk.cli.credentials import (
    add_export_user_flag,
    add_user_flag,
    open_store,
    password,
    refused,
)
from ino_desk.cli.exports import signed_in_export
from ino_desk.cli.json_out import dumps
from ino_desk.cli.paper_flags import add_paper_flags, paper_from
from ino_desk.cli.parser import EXIT_FAILED, EXIT_OK, UsageError
from ino_desk.domain.errors import DomainError, InputError
from ino_desk.domain.printed.paper_records import paper_note
from ino_desk.domain.quantities import format_quantity
from ino_desk.domain.staff.signatures import CheckedFigures
from ino_desk.label.pack import load_pack
from ino_desk.services.staff.signature_views import order_signatures
from ino_desk.services.staff.signing import (
    double_check,
    sign_prepared,
    verify_order,
)
from ino_desk.services.store_errors import NotFoundError

if TYPE_CHECKING:
    import argparse

    from ino_desk.domain.staff.accounts import StoredSignature

MAX_ID = 2**63 - 1  # a stored id is a SQLite INTEGER; a larger number cannot name a record


def _positive_int(name: str) -> Any:
    def convert(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise UsageError(f"{name}: {text!r} is not a whole number") from None
        if not 1 <= value <= MAX_ID:
            raise UsageError(f"{name}: must be a whole number from 1 to {MAX_ID}")
        return value

    return convert


def _decimal(name: str) -> Any:
    def convert(text: str) -> Decimal:
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise UsageError(f"{name}: {text!r} is not a number") from None
        if not value.is_finite() or value <= 0:
            raise UsageError(f"{name}: must be a number above 0")
        return value

    return convert


def register(commands: Any) -> None:
    sign = commands.add_parser("sign", help="sign a dose order with your password")
    actions = sign.add_subparsers(dest="sign_action", required=True, metavar="MEANING")
    verify = actions.add_parser("verify", help='"verified order" (pharmacist)')
    prepared = actions.add_parser("prepared", help='"prepared" (technician or pharmacist)')
    check = actions.add_parser(
        "double-check", help="independent double check (a third pharmacist, own figures)"
    )
    check.add_argument("--dose-mg", required=True, type=_decimal("--dose-mg"))
    check.add_argument("--volume-ml", required=True, type=_decimal("--volume-ml"))
    check.add_argument("--vials", required=True, type=_positive_int("--vials"))
    check.add_argument(
        "--lot",
        metavar="LOT",
        help="the lot read on the vial, compared with the recorded vials (as at the bench)",
    )
    for parser, run in ((verify, _verify), (prepared, _prepared), (check, _check)):
        parser.add_argument("--dose", required=True, type=_positive_int("--dose"), metavar="ID")
        add_user_flag(parser)
        add_paper_flags(parser)
        parser.set_defaults(func=_guarded(run))
    shown = commands.add_parser("signatures", help="the signatures on a dose order")
    shown.add_argument("--dose", required=True, type=_positive_int("--dose"), metavar="ID")
    shown.add_argument("--json", action="store_true")
    add_export_user_flag(shown)
    shown.set_defaults(func=_show)


def _guarded(run: Any) -> Any:
    def guarded(args: argparse.Namespace, out: TextIO) -> int:
        paper_from(args)  # bad paper flags are refused before the password is asked
        secret = password(f"password for {args.user} (signing): ")
        try:
            code: int = run(args, secret, out)
        except NotFoundError as exc:
            raise UsageError(f"--dose: {exc.message}") from None
        except InputError as exc:
            raise UsageError(str(exc)) from None
        except DomainError as exc:
            return refused(exc)
        return code

    return guarded


def _paper(sig: StoredSignature) -> str:
    return "" if sig.paper_time is None else f" ({paper_note(sig.paper_time)})"


def _verify(args: argparse.Namespace, secret: str, out: TextIO) -> int:
    with open_store(args) as store:
        sig = verify_order(store, load_pack().rules, args.user, secret, args.dose, paper_from(args))
    out.write(f"dose {args.dose}: {sig.meaning.value} by {sig.full_name}{_paper(sig)}\n")
    return EXIT_OK


def _prepared(args: argparse.Namespace, secret: str, out: TextIO) -> int:
    with open_store(args) as store:
        sig = sign_prepared(
            store, load_pack().rules, args.user, secret, args.dose, paper_from(args)
        )
    out.write(f"dose {args.dose}: {sig.meaning.value} by {sig.full_name}{_paper(sig)}\n")
    return EXIT_OK


def _check(args: argparse.Namespace, secret: str, out: TextIO) -> int:
    lot = args.lot.strip() if args.lot else None
    figures = CheckedFigures(args.dose_mg, args.volume_ml, args.vials, lot)
    with open_store(args) as store:
        result = double_check(
            store,
            load_pack().rules,
            args.user,
            secret,
            args.dose,
            figures,
            paper_from(args),
            compare_lot=lot is not None,  # a lot typed: checked at the bench against the vials
        )
    if result.mismatches:
        entered = (
            f"{format_quantity(figures.dose_mg, 'mg')}, "
            f"{format_quantity(figures.drug_volume_ml, 'mL')}, {figures.vials} vials"
        )
        out.write(
            f"dose {args.dose}: MISMATCH in {', '.join(result.mismatches)} "
            f"(entered {entered}); recorded, not signed\n"
        )
        return EXIT_FAILED
    out.write(f"dose {args.dose}: independent double check agrees; signed\n")
    return EXIT_OK


def _show(args: argparse.Namespace, out: TextIO) -> int:
    try:
        with signed_in_export(args) as export:
            if export is None:
                return EXIT_FAILED
            views = order_signatures(export.store, args.dose)
            export.record(f"signatures of dose {args.dose}")
    except NotFoundError as exc:
        raise UsageError(f"--dose: {exc.message}") from None
    if args.json:
        out.write(
            dumps(
                [
                    {
                        "meaning": v.signature.meaning.value,
                        "full_name": v.signature.full_name,
                        "role": v.signature.role.value,
                        "signed_at": v.signature.signed_at.isoformat(),
                        "valid": v.valid,
                    }
                    for v in views
                ]
            )
            + "\n"
        )
        return EXIT_OK
    for v in views:
        s = v.signature
        out.write(
            f"{s.signed_at:%Y-%m-%d %H:%M} UTC\t{s.meaning.value}\t{s.full_name}\t{v.status}\n"
        )
    if not views:
        out.write(f"dose {args.dose}: no signatures\n")
    return EXIT_OK
