"""Issue 16 on the command line: `void` actions, plausibility confirmation, the prescriber."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import pypdf
import pytest

from tests.cli.test_course_commands import (
    COURSE_STEPS,
    ELSEWHERE,
    MRN,
    READER_PW,
    _copy,
    _one_line,
    _private_folders,
    cli,
    planned,
    staffed,
)
from tests.engines import engine, pg_server, pg_template, prepared, pytest_generate_tests

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "_private_folders",
    "engine",
    "pg_server",
    "pg_template",
    "planned",
    "prepared",
    "pytest_generate_tests",
    "staffed",
]


def _lines(db: str, capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    capsys.readouterr()
    assert cli(db, *args, user=None) == 0
    return capsys.readouterr().out.splitlines()


def test_lab_void_keeps_the_result_listed_with_its_mark(
    planned: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _copy(planned, tmp_path)
    [line] = _lines(db, capsys, "lab", "list", "--mrn", MRN)
    lab_id = line.split("\t")[0]
    void = ("lab", "void", "--mrn", MRN, "--id", lab_id)
    assert cli(db, *void, "--reason", "  ") == 2
    assert "--reason" in _one_line(capsys.readouterr().err)
    assert cli(db, "lab", "void", "--mrn", "NOPE-1", "--id", lab_id, "--reason", "x") == 1
    assert "no patient with MRN NOPE-1" in _one_line(capsys.readouterr().err)
    assert cli(db, "lab", "void", "--mrn", MRN, "--id", "999", "--reason", "x") == 2
    assert "--id: lab result number 999 is not a record of patient" in _one_line(
        capsys.readouterr().err
    )
    assert cli(db, *void, "--reason", "ward's sample", user="rita", password=READER_PW) == 1
    assert "may not mark a record entered in error" in _one_line(capsys.readouterr().err)
    capsys.readouterr()
    assert cli(db, *void, "--reason", "another patient's sample") == 0
    assert capsys.readouterr().out == (
        f"patient {MRN}: lab results drawn 2025-03-01 (number {lab_id}) marked entered in error\n"
    )
    [line] = _lines(db, capsys, "lab", "list", "--mrn", MRN)
    assert line.startswith(f"{lab_id}\t2025-03-01\tANC 2.1, platelets 140")
    assert "[entered in error (another patient's sample; pharm.a," in line
    assert cli(db, *void, "--reason", "again") == 1
    assert "already marked" in _one_line(capsys.readouterr().err)


def test_a_given_status_entered_in_error_reopens_the_dose(
    planned: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _copy(planned, tmp_path)
    dose = ("--mrn", MRN, "--cycle", "1", "--day", "1")
    assert cli(db, "dose-day", "void", *dose, "--reason", "not given") == 1
    assert "only a given, omitted or reduced status" in _one_line(capsys.readouterr().err)
    give = ("dose-day", "give", *dose, "--on", "2025-03-03", "--override", ELSEWHERE)
    assert cli(db, *give) == 0
    capsys.readouterr()
    assert cli(db, "dose-day", "void", *dose, "--reason", "recorded on the wrong patient") == 0
    assert capsys.readouterr().out == (
        f"patient {MRN}: cycle 1 Day 1: given marked entered in error; the dose is planned\n"
    )


def test_pounds_typed_as_kilograms_need_confirm_implausible(
    planned: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _copy(planned, tmp_path)
    add = ("measurement", "add", "--mrn", MRN, "--height-cm", "170", "--weight-kg", "165")
    capsys.readouterr()
    assert cli(db, *add) == 2
    err = _one_line(capsys.readouterr().err)
    assert "--weight-kg: weight 165 kg is outside the plausible range 5 to 150 kg" in err
    assert "--confirm-implausible" in err
    # 165 kg is also 120 % above the 75 kg measured before: that change is read back too.
    assert cli(db, *add, "--confirm-implausible") == 2
    assert "--confirm-weight-change" in _one_line(capsys.readouterr().err)
    assert cli(db, *add, "--confirm-implausible", "--confirm-weight-change") == 0
    platelets = ("lab", "add", "--mrn", MRN, "--platelets", "85000", "--transfused", "no")
    assert cli(db, *platelets) == 2
    assert "--platelets: platelets 85,000 ×10⁹/L" in _one_line(capsys.readouterr().err)


def test_the_prescriber_is_printed_in_the_order_sheets_box(
    staffed: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _copy(staffed, tmp_path)
    for step in COURSE_STEPS[:-1]:
        assert cli(db, *step) == 0, step
    plan = (*COURSE_STEPS[-1], "--prescriber", "Dr Rosa Hale", "--prescriber-id", "NPI 1234567893")
    assert cli(db, *plan) == 0
    out = tmp_path / "sheet.pdf"
    assert cli(db, "order-sheet", "--mrn", MRN, "--cycle", "1", "--out", str(out)) == 0
    reader = pypdf.PdfReader(io.BytesIO(out.read_bytes()))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Prescriber Dr Rosa Hale (NPI 1234567893)" in text
