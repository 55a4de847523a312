"""`--confirm-implausible`: a value outside the site's plausible ranges is refused (exit 2,
naming the flag, the value and the range) until the command is run again with this flag."""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ino_desk.cli.parser import UsageError
from ino_desk.domain.patients.plausibility import ImplausibleError

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

MEASUREMENT_FLAGS = {"height": "--height-cm", "weight": "--weight-kg", "BSA": "--height-cm"}


def add_confirm_flag(parser: Any) -> None:
    parser.add_argument(
        "--confirm-implausible",
        action="store_true",
        help="save a value outside the site's plausible ranges (read it back first)",
    )


@contextmanager
def plausibility_flags(flags: Mapping[str, str]) -> Iterator[None]:
    try:
        yield
    except ImplausibleError as exc:
        first = exc.found[0].field
        raise UsageError(
            f"{flags.get(first, first)}: {exc.message}; if the values are right, run again "
            "with --confirm-implausible"
        ) from None
