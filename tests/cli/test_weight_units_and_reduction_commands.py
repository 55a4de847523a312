"""Issue 16 on the command line: lb / in on `measurement add`, `--confirm-weight-change`,
and `dose-day void` of a reduction."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.cli.test_course_commands import (
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
ADD = ("measurement", "add", "--mrn", MRN, "--on", "2025-03-08")


def test_measurement_add_takes_inches_and_pounds(
    planned: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _copy(planned, tmp_path)
    capsys.readouterr()
    # 67 in × 2.54 = 170.18 cm; 165 lb × 0.45359237 = 74.84274105 kg (0.2 % below 75 kg).
    assert cli(db, *ADD, "--height-in", "67", "--weight-lb", "165") == 0
    assert capsys.readouterr().out == (
        f"patient {MRN}: 170.18 cm, 74.84274105 kg measured 2025-03-08\n"
    )
    assert cli(db, *ADD, "--height-cm", "170", "--height-in", "67", "--weight-kg", "75") == 2
    assert "not allowed with argument" in _one_line(capsys.readouterr().err)
    # 363.8 lb is 165.02 kg: outside the plausible range, the flag named is the one typed.
    assert cli(db, *ADD, "--height-cm", "170", "--weight-lb", "363.8") == 2
    assert _one_line(capsys.readouterr().err).startswith("ino-desk: error: --weight-lb: weight")


def test_a_weight_change_over_ten_percent_needs_confirm_weight_change(
    planned: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _copy(planned, tmp_path)
    capsys.readouterr()
    # Last measurement 75 kg; 83 kg is 8 / 75 = 10.7 % above it (more than 10 %).
    assert cli(db, *ADD, "--height-cm", "170", "--weight-kg", "83") == 2
    err = _one_line(capsys.readouterr().err)
    assert (
        "--weight-kg: weight 83 kg is 10.7 % above the last measurement 75 kg (asks again over "
        "10 %); confirm to save; if the values are right, run again with --confirm-weight-change"
    ) in err
    assert cli(db, *ADD, "--height-cm", "170", "--weight-kg", "83", "--confirm-implausible") == 2
    assert "--confirm-weight-change" in _one_line(capsys.readouterr().err)
    assert cli(db, *ADD, "--height-cm", "170", "--weight-kg", "83", "--confirm-weight-change") == 0
    assert capsys.readouterr().out == f"patient {MRN}: 170 cm, 83 kg measured 2025-03-08\n"
    # 82.5 kg is 0.6 % from 83 kg: saved without asking.
    assert cli(db, *ADD, "--height-cm", "170", "--weight-kg", "82.5") == 0


def test_dose_day_void_undoes_a_reduction(
    planned: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _copy(planned, tmp_path)
    day8 = ("--mrn", MRN, "--cycle", "1", "--day", "8")
    reduce = ("dose-day", "reduce", *day8, "--reason", "grade 3", "--mg", "0.6")
    assert cli(db, *reduce) == 0, _one_line(capsys.readouterr().err)
    capsys.readouterr()
    assert cli(db, "dose-day", "void", *day8, "--reason", "reduced the wrong day") == 0
    assert capsys.readouterr().out == (
        f"patient {MRN}: cycle 1 Day 8: reduced marked entered in error; the dose is planned\n"
    )
    # 170 cm, 75 kg: BSA sqrt(170 × 75 / 3600) = 1.88 m²; Day 8 0.5 mg/m² → 0.94 mg again,
    # so 0.93 mg is a reduction (it was not below 0.6 mg).
    again = ("dose-day", "reduce", *day8, "--reason", "grade 2", "--mg", "0.93")
    assert cli(db, *again) == 0, _one_line(capsys.readouterr().err)
    capsys.readouterr()
    reader = {"user": "rita", "password": READER_PW}
    assert cli(db, "dose-day", "void", *day8, "--reason", "x", **reader) == 1  # type: ignore[arg-type]
    assert "may not mark a record entered in error" in _one_line(capsys.readouterr().err)
    held = ("dose-day", "hold", "--mrn", MRN, "--cycle", "1", "--day", "15", "--reason", "ANC")
    assert cli(db, *held) == 0
    capsys.readouterr()
    void15 = ("dose-day", "void", "--mrn", MRN, "--cycle", "1", "--day", "15", "--reason", "x")
    assert cli(db, *void15) == 1
    assert "released, not marked entered in error" in _one_line(capsys.readouterr().err)
