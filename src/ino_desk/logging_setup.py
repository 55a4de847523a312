"""Send ino-desk's log records to a rotating file in the platform's log folder, redacted."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ino_desk import paths
from ino_desk.safe_files import PRIVATE_FILE_MODE, private_file, private_folder

if TYPE_CHECKING:
    import io

LOG_FILE_NAME = "ino-desk.log"
LOGGER_NAME = "ino_desk"
_MAX_BYTES = 1_000_000  # a few months of start-up and error records per file
_BACKUPS = 4
_MARK = "_ino_desk_handler"  # tags our handler so a second set-up replaces it

# Records name events, never people: code must not log patient data or secrets. This filter
# is the second line of defence for `key=value` / `key: value` pairs that slip through.
_SENSITIVE = re.compile(
    r"(?i)\b(password|passwd|secret|token|mrn|patient|name|given_name|family_name|"
    r"date_of_birth|dob|birth_date)(\s*[=:]\s*)((?:'[^']*'|\"[^\"]*\")(?!\S)|\S+)"
)


# A database URL's password (user:password@host), should one ever reach a message.
_URL_PASSWORD = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://[^:/@\s]*):[^@\s]*@")


def redact(text: str) -> str:
    text = _URL_PASSWORD.sub(lambda m: f"{m.group(1)}:<redacted>@", text)
    return _SENSITIVE.sub(lambda m: f"{m.group(1)}{m.group(2)}<redacted>", text)


class PrivateRotatingFileHandler(logging.FileHandler):
    """The log names the database and errors: owner-only (0600) whatever the umask, the
    rotated files too (a rename keeps the mode; each new file is opened 0600).

    Before a record would take the file to `max_bytes`, it becomes `NAME.1` (the older ones
    move up to `NAME.<backups>`, the oldest is dropped) and a new file starts. Written here
    rather than taken from `logging.handlers`, which a command would import (sockets,
    pickle, queues, threads) only to write a few lines.
    """

    def __init__(self, path: Path, max_bytes: int, backups: int) -> None:
        self.max_bytes = max_bytes
        self.backups = backups
        super().__init__(path, mode="a", encoding="utf-8")

    def _open(self) -> io.TextIOWrapper:
        def opener(path: str, flags: int) -> int:
            return os.open(path, flags, PRIVATE_FILE_MODE)

        stream = open(  # noqa: SIM115 - the handler owns and closes the stream
            self.baseFilename, "a", encoding=self.encoding, errors=self.errors, opener=opener
        )
        private_file(Path(self.baseFilename))
        return stream

    def emit(self, record: logging.LogRecord) -> None:
        try:
            stream = self.stream
            if stream is not None and stream.tell() > 0:
                size = stream.tell() + len(self.format(record).encode("utf-8")) + 1
                if size >= self.max_bytes:
                    self.doRollover()
        except Exception:
            self.handleError(record)
            return
        super().emit(record)

    def doRollover(self) -> None:  # noqa: N802 - the name logging's own handler uses
        self.acquire()
        try:
            if self.stream is not None:
                self.stream.close()
            base = self.baseFilename
            for number in range(self.backups - 1, 0, -1):
                if os.path.exists(f"{base}.{number}"):
                    os.replace(f"{base}.{number}", f"{base}.{number + 1}")
            if os.path.exists(base):
                os.replace(base, f"{base}.1")
            self.stream = self._open()
        finally:
            self.release()


def _exception_line(exc: BaseException) -> str:
    """One exception as `Kind: message`; a database statement error shows its kind, the
    driver's own message and the SQL text, never its parameters (the row's data)."""
    if hasattr(exc, "statement") and hasattr(exc, "params"):
        orig = getattr(exc, "orig", None)
        cause = f"{type(orig).__name__}: {orig}" if orig is not None else "no driver error"
        return f"{type(exc).__name__}: {cause} [SQL: {getattr(exc, 'statement', '')}]"
    import traceback  # only when an error is logged

    return "".join(traceback.format_exception_only(type(exc), exc)).rstrip("\n")


def format_exception_without_data(exc: BaseException) -> str:
    """A traceback (the chain of causes too) built from frames and exception kinds, with
    statement errors described without their parameters (see `_exception_line`)."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and all(current is not seen for seen in chain):
        chain.append(current)
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    import traceback  # only when an error is logged

    parts: list[str] = []
    for position, item in enumerate(reversed(chain)):
        if position:
            parts.append("\nwhich led to:\n")
        parts.append("Traceback (most recent call last):\n")
        parts.extend(  # where, not the source text: a library's line may name parameters
            f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}\n'
            for frame in traceback.extract_tb(item.__traceback__)
        )
        parts.append(_exception_line(item) + "\n")
    return "".join(parts).rstrip("\n")


class RedactingFormatter(logging.Formatter):
    """Formats a record, traceback included, then blanks values of sensitive-looking keys.

    Tracebacks are built by `format_exception_without_data`: SQL parameters are left out by
    construction, not found by pattern afterwards.
    """

    def formatException(self, ei: Any) -> str:  # noqa: N802 - logging.Formatter's name
        _kind, value, _tb = ei
        if value is None:
            return super().formatException(ei)
        return format_exception_without_data(value)

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def configure_logging(log_dir: Path | None = None, level: int = logging.INFO) -> Path | None:
    """Log `ino_desk.*` records to `<log_dir>/ino-desk.log`; returns that path.

    Returns None when the folder cannot be written (read-only home, full disk): the app
    still runs, and errors then go to stderr only. Never raises.
    """
    logger = logging.getLogger(LOGGER_NAME)
    for handler in [h for h in logger.handlers if getattr(h, _MARK, False)]:
        logger.removeHandler(handler)
        handler.close()
    folder = log_dir if log_dir is not None else paths.log_dir()
    path = folder / LOG_FILE_NAME
    try:
        private_folder(folder)
        handler = PrivateRotatingFileHandler(path, _MAX_BYTES, _BACKUPS)
    except OSError:
        return None
    setattr(handler, _MARK, True)
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s [pid %(process)d] %(message)s")
    )
    logger.addHandler(handler)
    logger.setLevel(level)
    return path


def close_logging() -> None:
    """Flush and detach the file handler (tests and a clean exit)."""
    logger = logging.getLogger(LOGGER_NAME)
    for handler in [h for h in logger.handlers if getattr(h, _MARK, False)]:
        logger.removeHandler(handler)
        handler.close()
