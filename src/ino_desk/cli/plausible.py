"""`--confirm-implausible`: a value outside the site's plausible ranges is refused (exit 2,
naming the flag, the value and the range) until the command is run again with this flag;
`--confirm-weight-change` likewise for a weight more than the threshold from the last one."""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ino_desk.cli.parser import UsageError
from ino_desk.domain.patients.plausibility import ImplausibleError, WeightChanged

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping


def add_confirm_flag(parser: Any) -> None:
    parser.add_argument(
        "--confirm-implausible",
        action="store_true",
        help="save a value outside the site's plausible ranges (read it back first)",
    )


def add_confirm_weight_change_flag(parser: Any) -> None:
    parser.add_argument(
        "--confirm-weight-change",
        action="store_true",
        help="save a weight more than 10 %% from the last measurement (read both back first)",
    )


@contextmanager
def plausibility_flags(flags: Mapping[str, str]) -> Iterator[None]:
    try:
        yield
    except ImplausibleError as exc:
        first = exc.found[0].field
        needed = sorted(
            {
                "--confirm-weight-change"
                if isinstance(f, WeightChanged)
                else "--confirm-implausible"
                for f in exc.found
            }
        )
        raise UsageError(
            f"{flags.get(first, first)}: {exc.message}; if the values are right, run again "
            f"with {' and '.join(needed)}"
        ) from None
