"""`override` for Qt method overrides on Python 3.11, without a run-time dependency.

`typing.override` exists from Python 3.12; mypy reads it from typing_extensions, while at
run time the decorator is a no-op that returns the function unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from typing_extensions import override
else:
    _F = TypeVar("_F")

    def override(method: _F) -> _F:
        return method


__all__ = ["override"]
