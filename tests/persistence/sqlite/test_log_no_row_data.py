"""Issue #14: a database error never writes row data (SQL parameters) to the log file, on a
SQLite file and on a PostgreSQL server database (whose errors could carry a row's values)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import pytest

from ino_desk.logging_setup import close_logging, configure_logging
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.charts.patients import register_patient
from tests.cli.inprocess import InProcessCli, cli
from tests.engines import open_location
from tests.people import pharmacist
from tests.persistence.factories import patient

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["cli"]

FAMILY = "Zebulonfeather"  # no pattern-based redaction would recognise this as a name


# A trigger refusing every new patient with a constraint error (an IntegrityError).
REFUSE = {
    "sqlite": [
        "CREATE TRIGGER refuse_patients BEFORE INSERT ON patients "
        "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION refuse_patients() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "RAISE EXCEPTION 'refused by the test' USING ERRCODE = 'check_violation'; END $$",
        "CREATE TRIGGER refuse_patients BEFORE INSERT ON patients FOR EACH ROW "
        "EXECUTE FUNCTION refuse_patients()",
    ],
}


def _refusing_patients(location: str, engine: str) -> None:
    db = open_location(location)
    try:
        with db.write_engine.begin() as conn:
            for statement in REFUSE[engine]:
                conn.exec_driver_sql(statement)
    finally:
        db.close()


def test_a_failed_insert_logs_the_statement_but_no_row_data(
    db_location: str, engine: str, tmp_path: Path
) -> None:
    _refusing_patients(db_location, engine)
    log_file = configure_logging(tmp_path / "log")
    assert log_file is not None
    db = open_location(db_location)
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
    cli: InProcessCli, db_location: str, engine: str
) -> None:
    _refusing_patients(db_location, engine)
    done = cli("--db", db_location, "demo", "--patients", "1")
    # SQLite's refusal is unexpected (exit 70, the error's class logged); the server's is
    # explained by its messages (exit 4, its words logged).
    code, cause = {"sqlite": (70, "IntegrityError"), "postgresql": (4, "refused by the test")}[
        engine
    ]
    assert done.code == code
    text = cli.log_file.read_text(encoding="utf-8")
    assert cause in text
    assert "parameters" not in text
    assert "DEMO" not in text  # demo MRNs and diagnoses are parameters
