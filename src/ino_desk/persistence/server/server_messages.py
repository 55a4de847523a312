"""Plain-words messages for what can go wrong with a PostgreSQL server database.

Only the SQLSTATE class and the server's first line are used: never row data (statements run
with hidden parameters) and never a password (none is in the URL ino-desk accepts).
"""

from __future__ import annotations

from ino_desk.services.store_errors import StoreError, StoreUnavailableError

RETRY_SQLSTATES = frozenset({"40001", "40P01", "55P03"})  # serialisation, deadlock, lock wait
_SAVED = "Nothing from this action was saved"


def _first_line(exc: BaseException) -> str:
    line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return " ".join(line.split())[:200]


def explain(exc: BaseException, location: str) -> StoreError | None:
    """The plain-words error for a server failure, or None when it is not one we can explain."""
    state = str(getattr(exc, "sqlstate", "") or "")
    if state in RETRY_SQLSTATES:
        return StoreError(
            "The database server stayed busy with other workstations' changes. "
            f"{_SAVED}; please try again in a minute."
        )
    if state.startswith("28"):
        return StoreUnavailableError(
            f"The database server {location} refused the sign-in ({_first_line(exc)}). Check "
            "the user name in the URL and the password in PGPASSFILE or ~/.pgpass."
        )
    if state == "3D000":
        return StoreUnavailableError(
            f"The database in {location} does not exist on the server; ask whoever looks after "
            "the server (see the README: a pharmacy's server)."
        )
    if state == "42501":
        return StoreError(
            f"The database server refused this change ({_first_line(exc)}). {_SAVED}."
        )
    if state.startswith("53"):
        return StoreError(
            f"The database server is out of resources ({_first_line(exc)}). {_SAVED}; tell "
            "whoever looks after the server."
        )
    if state.startswith(("08", "57P")) or not state:
        return unreachable(location, exc)
    return None


def unreachable(location: str, exc: BaseException) -> StoreUnavailableError:
    return StoreUnavailableError(
        f"The database server {location} cannot be reached ({_first_line(exc)}). {_SAVED}; "
        "check the network and that the server is running, then try again."
    )


def failed(location: str, exc: BaseException) -> StoreUnavailableError:
    return StoreUnavailableError(
        f"The database server {location} could not be used ({_first_line(exc)})."
    )
