"""What the composition root hands every command: the chosen database, as typed openers.

`app.main` builds one `CliContext` for the `--db` it was given and puts it on the parsed
arguments (`attach`); commands take it back with `context_of`, so mypy checks every use
instead of each command reading loose attributes off the argparse Namespace."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable
    from contextlib import AbstractContextManager

    from ino_desk.services.ports.admin import DatabaseAdmin
    from ino_desk.services.ports.downtime import DowntimeStorage
    from ino_desk.services.ports.store import Store

_ATTRIBUTE = "cli_context"


class CliContext:
    """The openers of the chosen database. A plain class, not a dataclass: its field types
    stay type-checking imports, so `app.main` parses the command line before any port loads."""

    __slots__ = ("database_admin", "downtime", "open_store")

    def __init__(
        self,
        open_store: Callable[[bool], AbstractContextManager[Store]],  # the flag: may create
        database_admin: Callable[[], DatabaseAdmin],
        downtime: Callable[[], DowntimeStorage],
    ) -> None:
        self.open_store = open_store
        self.database_admin = database_admin
        self.downtime = downtime


def attach(args: argparse.Namespace, context: CliContext) -> None:
    setattr(args, _ATTRIBUTE, context)


def context_of(args: argparse.Namespace) -> CliContext:
    context = getattr(args, _ATTRIBUTE, None)
    if not isinstance(context, CliContext):  # pragma: no cover - app.main always attaches one
        raise RuntimeError("no database configured for this command")
    return context
