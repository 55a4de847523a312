"""A private copy of a database file to check, so the file itself is never written.

`db check` and `audit verify` read the file read-only (SQLite `immutable=1` when it has no
`-wal`, so not even side files appear beside it; `mode=ro` when another program may be
writing it), copy it page by page into an owner-only temporary folder, and do everything else
on the copy: migrate an older schema with the project's own migrations, read every table,
verify the audit trail. A file SQLite cannot copy page by page (damaged) is copied byte for
byte. The copy is deleted afterwards; one left by a killed check is removed at the next start
(see `leftovers`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL

from ino_desk.persistence.sqlite import messages
from ino_desk.persistence.sqlite.leftovers import CHECK_PREFIX
from ino_desk.safe_files import SQLITE_HEADER, create_private_empty

if TYPE_CHECKING:
    from collections.abc import Iterator

BUSY_TIMEOUT_S = 5.0


def read_only_uri(path: Path) -> str:
    """A URI that never writes to `path` nor creates files beside it when it has no `-wal`."""
    wal = Path(f"{path}-wal")
    mode = "mode=ro" if wal.exists() else "immutable=1"
    return f"{path.as_uri()}?{mode}"


def refuse_unusable(path: Path, backups_dir: Path | None = None) -> None:
    """Missing, unreadable, empty or not SQLite at all: StoreUnavailableError, untouched.

    An empty file is never taken for a new database: it may be what is left of a lost one
    (the message points to `backups_dir` when it holds backups)."""
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        raise messages.missing(path) from None
    except IsADirectoryError:
        raise messages.not_a_database(path, "it is a folder") from None
    except OSError as exc:
        raise messages.from_os_error(exc, path) from None
    if not header:
        raise messages.empty_file(path, backups_dir)
    if header != SQLITE_HEADER:
        raise messages.not_a_database(path, "it does not start like a database")


def _temporary_folder() -> Path:
    """Owner-only (mkdtemp makes it 0700), named with our process id for `leftovers`."""
    return Path(tempfile.mkdtemp(prefix=f"{CHECK_PREFIX}{os.getpid()}-"))


@contextlib.contextmanager
def private_copy(path: Path) -> Iterator[Path]:
    """A copy of `path` in an owner-only temporary folder, deleted on leaving the block."""
    folder = _temporary_folder()
    try:
        copy = folder / "copy.sqlite3"
        create_private_empty(copy)
        try:
            _page_copy(path, copy)
        except sqlite3.Error as exc:
            if messages.is_busy(exc):
                raise messages.locked() from None
            _raw_copy(path, copy)  # damaged: keep every byte, let the checks say what is wrong
        yield copy
    except OSError as exc:
        raise messages.from_os_error(exc, folder, "temporary") from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _page_copy(path: Path, copy: Path) -> None:
    source = sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_S)
    try:
        target = sqlite3.connect(copy)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()


def _raw_copy(path: Path, copy: Path) -> None:
    for suffix in ("", "-wal"):
        part = Path(f"{path}{suffix}")
        if part.exists():
            with part.open("rb") as src, open(f"{copy}{suffix}", "wb") as dst:
                shutil.copyfileobj(src, dst)


def lenient_text(data: bytes) -> str:
    """Text as stored; bytes that are not UTF-8 become lone surrogates (reported, not raised)."""
    return data.decode("utf-8", "surrogateescape")


def has_bad_text(value: object) -> bool:
    """True for text read by `lenient_text` that held bytes which are not UTF-8."""
    if not isinstance(value, str) or value.isascii():
        return False
    return any("\udc80" <= ch <= "\udcff" for ch in value)


def reading_engine(copy: Path) -> Engine:
    """An engine over a private copy that never fails on text that is not UTF-8."""
    engine = create_engine(
        URL.create("sqlite+pysqlite", database=str(copy)),
        connect_args={"timeout": BUSY_TIMEOUT_S},
        hide_parameters=True,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.text_factory = lenient_text

    return engine
