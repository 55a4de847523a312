"""The log file: where it lives, what it records, and what it must never record."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ino_desk import __version__
from ino_desk.logging_setup import (
    PrivateRotatingFileHandler,
    close_logging,
    configure_logging,
    redact,
)

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from tests.conftest import CliRunner


@pytest.fixture
def logger() -> Iterator[logging.Logger]:
    yield logging.getLogger("ino_desk.test")
    close_logging()


def test_a_command_run_is_logged_in_the_user_state_folder(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    result = run_cli("dose", "--height-cm", "170", "--weight-kg", "75", "--cycle", "1")
    assert result.returncode == 0, result.stderr
    log_file = tmp_path / "state" / "ino-desk" / "log" / "ino-desk.log"
    # "<date> <time,ms> LEVEL logger [pid N] message": the time may hold any digits
    messages = [line.split("] ", 1)[1] for line in log_file.read_text("utf-8").splitlines()]
    # no arguments: they may describe a patient
    assert messages == [f"ino-desk {__version__} started (dose)"]


def test_version_writes_nothing(run_cli: CliRunner, tmp_path: Path) -> None:
    assert run_cli("--version").returncode == 0
    assert not (tmp_path / "state").exists()


def test_records_go_to_the_file_with_secrets_redacted(
    tmp_path: Path, logger: logging.Logger
) -> None:
    path = configure_logging(tmp_path / "log")
    assert path == tmp_path / "log" / "ino-desk.log"
    logger.info("signed in: user=kim password=hunter2 mrn: 00123456")
    logger.info("patient='Jane Doe' dob=1970-01-01")
    close_logging()
    text = path.read_text(encoding="utf-8")
    assert "user=kim" in text
    for secret in ("hunter2", "00123456", "Jane Doe", "1970-01-01"):
        assert secret not in text
    assert text.count("<redacted>") == 4


def test_a_traceback_is_redacted_too(tmp_path: Path, logger: logging.Logger) -> None:
    path = configure_logging(tmp_path)
    assert path is not None
    try:
        raise ValueError("lookup failed for mrn=987654")
    except ValueError:
        logger.exception("save failed")
    close_logging()
    text = path.read_text(encoding="utf-8")
    assert "ValueError: lookup failed for mrn=<redacted>" in text
    assert "987654" not in text


def test_an_unwritable_log_folder_is_not_fatal(tmp_path: Path, logger: logging.Logger) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the log folder should be")
    assert configure_logging(blocker / "log") is None
    logger.error("still fine")  # no handler, no exception


def test_configuring_twice_keeps_one_file_handler(tmp_path: Path, logger: logging.Logger) -> None:
    configure_logging(tmp_path / "a")
    path = configure_logging(tmp_path / "b")
    assert path is not None
    logger.info("once")
    close_logging()
    assert path.read_text(encoding="utf-8").count("once") == 1
    assert not (tmp_path / "a" / "ino-desk.log").read_text(encoding="utf-8")


@given(
    key=st.sampled_from(["password", "MRN", "dob", "patient", "name"]),
    value=st.text(st.characters(blacklist_categories=["Zs", "Zl", "Zp", "Cc"]), min_size=1),
)
def test_redact_never_lets_a_sensitive_value_through(key: str, value: str) -> None:
    assert redact(f"{key}={value}") == f"{key}=<redacted>"
    assert redact(f"saved {key}: {value} ok") == f"saved {key}: <redacted> ok"


def test_the_log_rotates_by_size_keeping_the_newest_files(tmp_path: Path) -> None:
    handler = PrivateRotatingFileHandler(tmp_path / "ino-desk.log", max_bytes=200, backups=2)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log = logging.getLogger("ino_desk.rotation-test")
    log.propagate = False
    log.addHandler(handler)
    try:
        for number in range(30):
            log.warning("record %02d %s", number, "x" * 20)  # 30 bytes a line
    finally:
        log.removeHandler(handler)
        handler.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["ino-desk.log", "ino-desk.log.1", "ino-desk.log.2"]  # the oldest dropped
    assert all((tmp_path / n).stat().st_size < 200 for n in names)
    assert all((tmp_path / n).stat().st_mode & 0o777 == 0o600 for n in names)
    assert "record 29" in (tmp_path / "ino-desk.log").read_text(encoding="utf-8")
    newest_rotated = (tmp_path / "ino-desk.log.1").read_text(encoding="utf-8").splitlines()
    current = (tmp_path / "ino-desk.log").read_text(encoding="utf-8").splitlines()
    assert int(newest_rotated[-1].split()[1]) + 1 == int(current[0].split()[1])  # nothing lost
