"""What the clinical commands (patient, measurement, lab, course, cycle, dose-day) share.

Argument types whose errors name the flag and the allowed form (exit 2), and the frame of a
write: the user's password, one store, sign-in, then the use case. Rules are never checked
here: the services and the domain refuse, and `cli.refusals` reports clinical refusals.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING, Any, TextIO

from ino_desk.cli.credentials import add_user_flag, open_store, password, refused
from ino_desk.cli.parser import EXIT_FAILED, UsageError, choice_type, printable
from ino_desk.domain.errors import InputError
from ino_desk.domain.quantities import parse_decimal
from ino_desk.domain.staff.users import PermissionDeniedError
from ino_desk.services.paperwork.document_lookup import NotOnRecordError
from ino_desk.services.staff.sign_in import SignInRefusedError, authenticate
from ino_desk.services.store_errors import ConflictError, NotFoundError

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Mapping
    from decimal import Decimal

    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store

    Write = Callable[[Store, User, argparse.Namespace, TextIO], int]
    Read = Callable[[Store, argparse.Namespace, TextIO], int]

YES_NO: dict[str, object] = {"yes": True, "no": False}
MAX_CYCLE = 99  # a typing guard for the flag; the clinical cycle limits come from the pack


def date_arg(flag: str) -> Callable[[str], date]:
    def convert(text: str) -> date:
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            raise UsageError(f"{flag}: {text!r} is not a date; use YYYY-MM-DD") from None

    return convert


def decimal_arg(flag: str) -> Callable[[str], Decimal]:
    """A plain decimal number; its range is the domain's to judge."""

    def convert(text: str) -> Decimal:
        try:
            return parse_decimal(text, flag)
        except InputError as exc:
            raise UsageError(f"{flag}: {exc.message}") from None

    return convert


def whole_arg(flag: str, low: int, high: int) -> Callable[[str], int]:
    def convert(text: str) -> int:
        value = decimal_arg(flag)(text)
        if value != value.to_integral_value() or not low <= value <= high:
            raise UsageError(f"{flag}: {text!r} is not allowed; use a whole number {low} to {high}")
        return int(value)

    return convert


def int_arg(flag: str) -> Callable[[str], int]:
    """A whole number; its range is the domain's to judge."""

    def convert(text: str) -> int:
        value = decimal_arg(flag)(text)
        if value != value.to_integral_value():
            raise UsageError(f"{flag}: {text!r} is not a whole number")
        return int(value)

    return convert


def yes_no(flag: str) -> Any:
    return choice_type(flag, dict(YES_NO))


def add_mrn_flag(parser: Any) -> None:
    parser.add_argument("--mrn", required=True, metavar="MRN", help="the patient's MRN")


def _bad_input(exc: InputError, flags: Mapping[str, str]) -> UsageError:
    return UsageError(f"{flags.get(exc.field, exc.field)}: {exc.message}")


def _not_on_record(exc: NotOnRecordError) -> int:
    # As `order-sheet` and `bag-label` do for an MRN, cycle or day that is not stored.
    sys.stderr.write(f"ino-desk: {printable(exc.message)}\n")
    return EXIT_FAILED


def writing(run: Write, flags: Mapping[str, str]) -> Callable[[argparse.Namespace, TextIO], int]:
    """Sign `--user` in with their password, then run one write use case.

    `flags` maps the domain's field names to the flags typed, so an error names the flag.
    Clinical refusals (findings with a rule code) are left to the one handler in `app`.
    """

    def command(args: argparse.Namespace, out: TextIO) -> int:
        secret = password(f"password for {args.user}: ")
        with open_store(args) as store:
            try:
                who = authenticate(store, args.user, secret)
                return run(store, who, args, out)
            except InputError as exc:
                raise _bad_input(exc, flags) from None
            except NotOnRecordError as exc:
                return _not_on_record(exc)
            except NotFoundError as exc:
                return refused(exc.message)
            except ConflictError as exc:
                return refused(exc.message)
            except (SignInRefusedError, PermissionDeniedError) as exc:
                return refused(exc)

    return command


def reading(run: Read, flags: Mapping[str, str]) -> Callable[[argparse.Namespace, TextIO], int]:
    """Run one read use case on the store (no sign-in: reading changes nothing)."""

    def command(args: argparse.Namespace, out: TextIO) -> int:
        with open_store(args) as store:
            try:
                return run(store, args, out)
            except InputError as exc:
                raise _bad_input(exc, flags) from None
            except NotOnRecordError as exc:
                return _not_on_record(exc)

    return command


def add_write_flags(parser: Any) -> None:
    add_mrn_flag(parser)
    add_user_flag(parser)
