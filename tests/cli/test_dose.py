"""`ino-desk dose`: the contract of issue #2, run through the real entry point: the JSON contract
and an unknown command in a child process (the installed `ino-desk`), the rest through
`app.main` in this process (`run_cli_in_process`)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest

from tests.cli.inprocess import cli, run_cli_in_process

if TYPE_CHECKING:
    from tests.conftest import CliRunner

__all__ = ["cli", "run_cli_in_process"]

D = Decimal
BASE = ("dose", "--height-cm", "170", "--weight-kg", "75", "--start", "2026-12-01")

# The schema: key -> accepted Python types after json.loads(parse_float=Decimal).
# A JSON "number" may print without a fraction ("50"), so int is a number too.
NUMBER = (int, Decimal)
TOP_KEYS: dict[str, tuple[type, ...]] = {
    "label_revision": (str,),
    "bsa_formula": (str,),
    "bsa_m2": NUMBER,
    "cycle": (int,),
    "cycle_length_days": (int,),
    "doses": (list,),
    "cycle_total_mg": NUMBER,
    "findings": (list,),
}
DOSE_KEYS: dict[str, tuple[type, ...]] = {
    "day": (int,),
    "date": (str,),
    "window_start": (str,),
    "window_end": (str,),
    "dose_mg_per_m2": NUMBER,
    "dose_mg": NUMBER,
    "vials": (int,),
    "discarded_mg": NUMBER,
    "drug_volume_ml": NUMBER,
    "diluent_ml": NUMBER,
    "total_volume_ml": NUMBER,
    "concentration_mg_per_ml": NUMBER,
    "infusion_minutes": (int,),
    "rate_ml_per_h": NUMBER,
}
FINDING_KEYS: dict[str, tuple[type, ...]] = {"code": (str,), "severity": (str,), "message": (str,)}


def _has_schema(obj: dict[str, Any], schema: dict[str, tuple[type, ...]]) -> None:
    for key, types in schema.items():
        assert key in obj, f"missing key {key}"
        assert isinstance(obj[key], types), f"{key}: {obj[key]!r}"
        assert not isinstance(obj[key], bool), key


def _json(run_cli: CliRunner, *args: str) -> dict[str, Any]:
    result = run_cli(*args, "--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout, parse_float=Decimal)  # fails on anything but ONE object
    assert isinstance(data, dict)
    _has_schema(data, TOP_KEYS)
    for dose in data["doses"]:
        _has_schema(dose, DOSE_KEYS)
    for finding in data["findings"]:
        _has_schema(finding, FINDING_KEYS)
        assert finding["severity"] in {"info", "warning", "blocking", "stop"}
    return data


def _usage_error(run_cli: CliRunner, *args: str) -> str:
    result = run_cli(*args)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_cycle_1_json_contract(run_cli: CliRunner) -> None:
    data = _json(run_cli, *BASE, "--cycle", "1")
    assert data["label_revision"] == "3/2024"
    assert data["bsa_formula"] == "mosteller"
    assert data["bsa_m2"] == D("1.88")  # sqrt(170 × 75 / 3600) = 1.8819 -> 1.88
    assert (data["cycle"], data["cycle_length_days"]) == (1, 21)
    # Day 1: 1.88 × 0.8 = 1.504 -> 1.5 mg, 2 vials, 0.3 mg discarded, 6 mL + 44 mL, 0.03 mg/mL
    # Day 8/15: 1.88 × 0.5 = 0.94 mg, 2 vials, 0.86 mg discarded, 3.76 + 46.24 mL, 0.0188 mg/mL
    expected = [
        (1, "2026-12-01", "2026-12-01", "2026-12-01", "0.8", "1.5", 2, "0.3", "6", "44", "0.03"),
        (8, "2026-12-08", "2026-12-06", "2026-12-10", "0.5", "0.94", 2, "0.86", "3.76", "46.24",
         "0.0188"),
        (15, "2026-12-15", "2026-12-13", "2026-12-17", "0.5", "0.94", 2, "0.86", "3.76", "46.24",
         "0.0188"),
    ]  # fmt: skip
    for dose, row in zip(data["doses"], expected, strict=True):
        day, when, first, last, per_m2, mg, vials, waste, drug, nacl, conc = row
        assert (dose["day"], dose["date"], dose["window_start"], dose["window_end"]) == (
            day,
            when,
            first,
            last,
        )
        assert dose["dose_mg_per_m2"] == D(per_m2)
        assert dose["dose_mg"] == D(mg)
        assert dose["vials"] == vials
        assert dose["discarded_mg"] == D(waste)
        assert dose["drug_volume_ml"] == D(drug)
        assert dose["diluent_ml"] == D(nacl)
        assert dose["total_volume_ml"] == 50
        assert dose["concentration_mg_per_ml"] == D(conc)
        assert dose["infusion_minutes"] == 60
        assert dose["rate_ml_per_h"] == 50
    assert data["cycle_total_mg"] == D("3.38")  # 1.5 + 0.94 + 0.94
    assert data["findings"] == []


def test_numbers_are_exact_decimals_in_the_output(run_cli_in_process: CliRunner) -> None:
    result = run_cli_in_process(*BASE, "--cycle", "1", "--json")
    assert '"concentration_mg_per_ml": 0.0188,' in result.stdout
    assert '"dose_mg": 0.94,' in result.stdout
    assert "0.9400000" not in result.stdout  # no detour through binary floats


def test_180_cm_80_kg_gives_two_square_metres(run_cli_in_process: CliRunner) -> None:
    # sqrt(180 × 80 / 3600) = 2 m²; Day 1 2 × 0.8 = 1.6 mg; Day 8 2 × 0.5 = 1 mg:
    # ⌈1 / 0.9⌉ = 2 vials, 1.8 - 1 = 0.8 mg discarded; 1 / 0.25 = 4 mL, 46 mL NaCl, 0.02 mg/mL
    data = _json(
        run_cli_in_process, "dose", "--height-cm", "180", "--weight-kg", "80", "--cycle", "1"
    )
    assert data["bsa_m2"] == 2
    day8 = data["doses"][1]
    assert (day8["dose_mg"], day8["vials"], day8["discarded_mg"]) == (1, 2, D("0.8"))
    assert (day8["drug_volume_ml"], day8["diluent_ml"]) == (4, 46)
    assert day8["concentration_mg_per_ml"] == D("0.02")
    assert data["doses"][0]["dose_mg"] == D("1.6")
    assert data["cycle_total_mg"] == D("3.6")  # 1.6 + 1 + 1


def test_inches_and_pounds_are_accepted(run_cli_in_process: CliRunner) -> None:
    # 67 in = 170.18 cm, 165 lb = 74.84274105 kg: Mosteller 1.88095 -> 1.88 m²
    data = _json(
        run_cli_in_process, "dose", "--height-in", "67", "--weight-lb", "165", "--cycle", "1",
        "--start", "2026-12-01",
    )  # fmt: skip
    assert data["bsa_m2"] == D("1.88")
    assert data["doses"][0]["dose_mg"] == D("1.5")


@pytest.mark.parametrize(
    ("formula", "bsa"),
    [("dubois", "1.86"), ("haycock", "1.89"), ("gehan-george", "1.9"), ("boyd", "1.91")],
)
def test_bsa_formula_flag(run_cli_in_process: CliRunner, formula: str, bsa: str) -> None:
    data = _json(run_cli_in_process, *BASE, "--cycle", "1", "--bsa-formula", formula)
    assert data["bsa_formula"] == formula
    assert data["bsa_m2"] == D(bsa)


def test_cycle_1_ignores_response(run_cli_in_process: CliRunner) -> None:
    plain = _json(run_cli_in_process, *BASE, "--cycle", "1")
    with_response = _json(run_cli_in_process, *BASE, "--cycle", "1", "--response", "cr")
    assert with_response == plain


def test_later_cycle_rows_follow_the_response(run_cli_in_process: CliRunner) -> None:
    # after CR: 0.5/0.5/0.5 × 1.88 = 0.94 each, total 2.82 mg; 28 days
    after_cr = _json(run_cli_in_process, *BASE, "--cycle", "2", "--response", "cr", "--hsct", "no")
    assert [d["dose_mg"] for d in after_cr["doses"]] == [D("0.94")] * 3
    assert after_cr["cycle_length_days"] == 28
    assert after_cr["cycle_total_mg"] == D("2.82")
    # no CR/CRi: 0.8/0.5/0.5 -> 1.5 + 0.94 + 0.94 = 3.38 mg; 28 days
    after_none = _json(
        run_cli_in_process, *BASE, "--cycle", "2", "--response", "none", "--hsct", "no"
    )
    assert [d["dose_mg"] for d in after_none["doses"]] == [D("1.5"), D("0.94"), D("0.94")]
    assert after_none["cycle_length_days"] == 28


def test_a_blocked_plan_is_still_printed_with_exit_0(run_cli_in_process: CliRunner) -> None:
    data = _json(run_cli_in_process, *BASE, "--cycle", "7", "--response", "cr", "--hsct", "no")
    blocking = [f for f in data["findings"] if f["severity"] == "blocking"]
    assert [f["code"] for f in blocking] == ["CYCLE_LIMIT_TOTAL"]
    assert "beyond the 6 cycles" in blocking[0]["message"]
    assert len(data["doses"]) == 3


def test_concentration_outside_range_blocks(run_cli_in_process: CliRunner) -> None:
    # 75 cm, 9 kg: sqrt(675 / 3600) = 0.433 -> 0.43 m²; Day 8 0.43 × 0.5 = 0.215 -> 0.22 mg
    # 0.22 / 50 = 0.0044 mg/mL < 0.01
    data = _json(
        run_cli_in_process, "dose", "--height-cm", "75", "--weight-kg", "9", "--cycle", "1"
    )
    assert data["bsa_m2"] == D("0.43")
    assert data["doses"][1]["dose_mg"] == D("0.22")
    # Below the bag range there is no bag to make: a stop (no syringe method is entered).
    codes = [f["code"] for f in data["findings"] if f["severity"] == "stop"]
    assert codes.count("CONCENTRATION_BELOW_RANGE") == 3


def test_28_day_cycle_1_without_reason_warns(run_cli_in_process: CliRunner) -> None:
    data = _json(run_cli_in_process, *BASE, "--cycle", "1", "--cycle-length", "28")
    assert data["cycle_length_days"] == 28
    assert [(f["code"], f["severity"]) for f in data["findings"]] == [
        ("CYCLE1_EXTENSION_REASON_MISSING", "warning")
    ]


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (("--height-cm", "abc"), "--height-cm: 'abc' is not a number"),
        (("--height-cm", "0"), "--height-cm: must be greater than zero"),
        (("--height-cm", "nan"), "--height-cm: must be a finite number"),
        (("--height-cm", "300"), "--height-cm: 300 cm is outside the allowed range 40 to 250 cm"),
        (("--weight-kg", "-2"), "--weight-kg: must be greater than zero"),
        (("--weight-kg", "401"), "--weight-kg: 401 kg is outside the allowed range 3 to 400 kg"),
        (("--weight-kg", "1e999999999"), "--weight-kg: the number is too large"),
        (("--cycle", "0"), "--cycle: must be a whole number from 1 to 99"),
        (("--cycle", "1.5"), "--cycle: must be a whole number from 1 to 99"),
        (("--age-years", "0.5"), "--age-years: allowed 1 to 120 years; safety and efficacy"),
        (("--age-years", "130"), "--age-years: allowed 1 to 120 years; check the age"),
        (("--round-to-vial-percent", "abc"), "--round-to-vial-percent: 'abc' is not a number"),
        (("--round-to-vial-percent", "11"), "--round-to-vial-percent: percentage must be more"),
        (("--bsa-cap-m2", "x"), "--bsa-cap-m2: 'x' is not a number"),
        (("--bsa-cap-m2", "0.5"), "--bsa-cap-m2: allowed 1 to 3 m², or no cap"),
        (("--start", "2026-13-01"), "--start: '2026-13-01' is not a date; use YYYY-MM-DD"),
        (("--start", "9999-12-31"), "--start: 9999-12-31 leaves no room for Day 8"),
        (("--bsa-formula", "metric"), "--bsa-formula: 'metric' is not allowed; use one of"),
        (("--cycle-length", "35"), "--cycle-length: '35' is not allowed; use one of 21|28"),
        (("--hsct", "maybe"), "--hsct: 'maybe' is not allowed; use one of yes|no"),
        (("--height-in", "60"), "argument --height-in: not allowed with argument --height-cm"),
        (("--weight-kg",), "argument --weight-kg: expected one argument"),
        (("--frobnicate",), "unrecognized arguments: --frobnicate"),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_argument(
    run_cli_in_process: CliRunner, args: tuple[str, ...], names: str
) -> None:
    defaults = {"--height-cm": "170", "--weight-kg": "75", "--cycle": "1"}
    argv = ["dose"]
    for flag, value in defaults.items():
        if flag not in args:
            argv += [flag, value]
    line = _usage_error(run_cli_in_process, *argv, *args, "--json")
    assert line.startswith("ino-desk: error: ")
    assert names in line


def test_later_cycle_without_response_exits_2(run_cli_in_process: CliRunner) -> None:
    line = _usage_error(run_cli_in_process, *BASE, "--cycle", "2", "--json")
    assert "--response: cycle 2 needs the previous cycle's response: none|cr|cri" in line


def test_later_cycle_refuses_21_days(run_cli_in_process: CliRunner) -> None:
    line = _usage_error(
        run_cli_in_process, *BASE, "--cycle", "2", "--response", "cr", "--cycle-length", "21"
    )
    assert "--cycle-length: cycles after the first last 28 days" in line


def test_missing_required_flags_exit_2(run_cli_in_process: CliRunner) -> None:
    line = _usage_error(run_cli_in_process, "dose", "--height-cm", "170", "--weight-kg", "75")
    assert line == "ino-desk: error: the following arguments are required: --cycle"
    line = _usage_error(run_cli_in_process, "dose", "--height-cm", "170", "--cycle", "1")
    assert "one of the arguments --weight-kg --weight-lb is required" in line


def test_unknown_command_exits_2(run_cli: CliRunner) -> None:
    assert "invalid choice: 'dosage'" in _usage_error(run_cli, "dosage")


def test_readable_table_without_json(run_cli_in_process: CliRunner) -> None:
    result = run_cli_in_process(*BASE, "--cycle", "1")
    assert result.returncode == 0
    assert result.stderr == ""
    out = result.stdout
    assert out.startswith("BESPONSA (inotuzumab ozogamicin) - US PI 3/2024\n")
    assert "Cycle 1: Cycle 1, every patient, 21 days (PI 2.1 Table 1)" in out
    assert "BSA 1.88 m² (Mosteller)" in out
    lines = out.splitlines()
    header = next(line for line in lines if line.startswith("Day"))
    assert header.split() == ["Day", "Date", "Window", "mg/m²", "Dose", "Vials", "Drug", "NaCl",
                              "0.9%", "mg/mL", "Waste"]  # fmt: skip
    day1 = next(line for line in lines if line.startswith("1 "))
    assert day1.split() == ["1", "2026-12-01", "that", "day", "0.8", "1.5", "mg", "2", "6", "mL",
                            "44", "mL", "0.03", "0.3", "mg"]  # fmt: skip
    day8 = next(line for line in lines if line.startswith("8 "))
    assert "12-06..12-10" in day8
    assert "0.94 mg" in day8
    assert "Cycle total: 3.38 mg" in out
    assert "over 60 min at 50 mL/h" in out
    assert "{" not in out


def test_table_shows_findings(run_cli_in_process: CliRunner) -> None:
    result = run_cli_in_process(*BASE, "--cycle", "4", "--response", "cr", "--hsct", "yes")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    # a blocked plan says so before the doses, not only in the findings at the end
    assert lines[1] == "*** NOT TO BE GIVEN AS PLANNED: 1 blocking finding, see Findings below ***"
    assert "[BLOCKING] CYCLE_LIMIT_HSCT:" in result.stdout
    unblocked = run_cli_in_process(*BASE, "--cycle", "1").stdout
    assert "NOT TO BE GIVEN" not in unblocked


def test_dose_rounding_policy_in_json(run_cli_in_process: CliRunner) -> None:
    # 0.94 mg -> 0.9 mg (1 vial) within 10 %: -4.255 % -> -4.3 %
    data = _json(run_cli_in_process, *BASE, "--cycle", "1", "--round-to-vial-percent", "10")
    day8 = data["doses"][1]
    assert (day8["calculated_dose_mg"], day8["dose_mg"], day8["vials"]) == (D("0.94"), D("0.9"), 1)
    assert day8["rounding_percent"] == D("-4.3")
    assert data["policy"]["dose_rounding_percent"] == 10
