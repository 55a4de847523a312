"""Issue #14: a database error never writes row data (SQL parameters) to the log file."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import pytest

from ino_desk.logging_setup import close_logging, configure_logging
from ino_desk.persistence.sqlite.database import open_database
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.charts.patients import register_patient
from tests.cli.inprocess import InProcessCli, cli
from tests.people import pharmacist
from tests.persistence.factories import patient

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["cli"]

FAMILY = "Zebulonfeather"  # no pattern-based redaction would recognise this as a name


def _refusing_patients(path: Path) -> None:
    db = open_database(path)
    try:
        with db.write_engine.begin() as conn:
            conn.exec_driver_sql(
                "CREATE TRIGGER refuse_patients BEFORE INSERT ON patients "
                "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
            )
    finally:
        db.close()


def test_a_failed_insert_logs_the_statement_but_no_row_data(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite3"
    _refusing_patients(path)
    log_file = configure_logging(tmp_path / "log")
    assert log_file is not None
    db = open_database(path)
    try:
        store = SqlStore(db)
        with pytest.raises(Exception) as failed:  # noqa: PT011 - whatever the driver raises
            register_patient(store, patient("MRN-7731", family=FAMILY), pharmacist(store))
        logging.getLogger("ino_desk.test").error("save failed", exc_info=failed.value)
    finally:
        db.close()
        close_logging()
    text = log_file.read_text(encoding="utf-8")
    assert "refused by the test" in text  # the cause is kept
    assert "INSERT INTO patients" in text  # and the statement
    assert FAMILY not in text
    assert "MRN-7731" not in text
    assert "1979-05-17" not in text  # the date of birth
    assert "parameters" not in text


def test_an_unexpected_database_error_in_a_command_logs_no_row_data(
    cli: InProcessCli, tmp_path: Path
) -> None:
    path = tmp_path / "desk.sqlite3"
    _refusing_patients(path)
    done = cli("--db", str(path), "demo", "--patients", "1")
    assert done.code == 70
    text = cli.log_file.read_text(encoding="utf-8")
    assert "IntegrityError" in text
    assert "parameters" not in text
    assert "DEMO" not in text  # demo MRNs and diagnoses are parameters
