"""Commands that take records out of ino-desk (backup, FHIR, reports, signature listings):
one way to open the store, sign the exporter in, refuse cleanly, and record the export."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ino_desk.cli.credentials import open_store, password, refused
from ino_desk.cli.parser import UsageError
from ino_desk.domain.errors import DomainError
from ino_desk.domain.staff.users import User
from ino_desk.services.ports.store import Store

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator


@dataclass(frozen=True, slots=True)
class Export:
    """The open store and who takes the records out (None: a database without users)."""

    store: Store
    who: User | None

    def record(self, what: str) -> None:
        """Logs who took what out; a database without users has nobody to log."""
        from ino_desk.services.staff.sign_in import record_export  # only when a command exports

        if self.who is not None:
            record_export(self.store, self.who, what)


def _exporter(args: argparse.Namespace, store: Store) -> User | None:
    """The signed-in user an export is recorded under; None only for a database without
    users, where there is nobody to sign in. A wrong password refuses (DomainError)."""
    from ino_desk.services.staff.sign_in import authenticate  # only when a command exports
    from ino_desk.services.staff.users import needs_first_administrator

    if needs_first_administrator(store):
        return None
    if not args.user or not args.user.strip():
        raise UsageError("--user: required, this database has users; exports are recorded")
    return authenticate(store, args.user, password(f"password for {args.user}: "))


@contextmanager
def signed_in_export(args: argparse.Namespace) -> Iterator[Export | None]:
    """Opens the store and signs the exporter in. A refused sign-in is written to stderr and
    yields None: the command then exits with EXIT_FAILED before reading any record."""
    with open_store(args) as store:
        try:
            who = _exporter(args, store)
        except DomainError as exc:
            refused(exc)
            yield None
            return
        yield Export(store, who)
