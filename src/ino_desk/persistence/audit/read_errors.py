"""Why a read failed, in words that never carry row data (`db check`, `audit verify`)."""

from __future__ import annotations

import re

from sqlalchemy.exc import DBAPIError

_ROW_TEXT = re.compile(r"\s+with text\b.*", re.DOTALL)  # SQLite quotes the bad row's text


def describe(exc: BaseException) -> str:
    """A short plain description of why reading failed, never holding row data."""
    if isinstance(exc, DBAPIError):
        engine = "PostgreSQL" if type(exc.orig).__module__.startswith("psycopg") else "SQLite"
        text = " ".join(_ROW_TEXT.sub("", str(exc.orig or "")).split())[:160]
        return f"{engine}: {text}" if text else f"{engine} could not read it"
    return f"{type(exc).__name__} while reading"
