"""A whole course from the command line, in-process, on a SQLite file and on a PostgreSQL
server database (`tests/engines.py`).

Users are created once per module and engine in a template database, their passwords at the
tests' cheap cost (`tests.people`; one test gives a dose through the installed command as a
user hashed at the product's cost); a second template holds a patient with cycle 1 planned.
Each test works on its own copy.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from ino_desk import app
from ino_desk.domain.findings import Finding, RefusedError, Severity
from ino_desk.domain.staff.passwords import Passwords
from ino_desk.services.paperwork import cycle_documents
from tests.engines import (
    Prepared,
    copy_database,
    engine,
    pg_server,
    pg_template,
    prepared,
    pytest_generate_tests,
)
from tests.people import TEST_COST, cheap_passwords

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from tests.conftest import CliRunner

__all__ = ["engine", "pg_server", "pg_template", "prepared", "pytest_generate_tests"]

ADMIN_PW = "admin-passphrase-1"
PHARM_PW = "first-pharmacist-pw"
READER_PW = "reader-passphrase-1"
PRODUCT_PW = "product-cost-passw0rd"
MRN = "CLI-0001"
# 170 cm, 75 kg, Mosteller: sqrt(170 × 75 / 3600) = 1.8819 -> 1.88 m² (rounded half up to
# 0.01 before dosing). Cycle 1 (PI 2.1 Table 1): Day 1 0.8 mg/m² × 1.88 = 1.504 -> 1.5 mg;
# Days 8 and 15 0.5 mg/m² × 1.88 = 0.94 mg (each dose rounded half up to 0.01 mg).
COURSE_STEPS: list[list[str]] = [
    ["patient", "add", "--mrn", MRN, "--family", "Testperson", "--given", "Clia",
     "--born", "1980-05-17", "--sex", "female", "--allergies", "none-known"],
    ["measurement", "add", "--mrn", MRN, "--height-cm", "170", "--weight-kg", "75",
     "--on", "2025-03-01"],
    ["lab", "add", "--mrn", MRN, "--on", "2025-03-01", "--anc", "2.1", "--platelets", "140",
     "--transfused", "no", "--bilirubin", "0.6", "--bilirubin-uln", "1.2", "--ast", "22",
     "--ast-uln", "40", "--alt", "25", "--alt-uln", "40", "--blasts", "500"],
    ["course", "start", "--mrn", MRN, "--hsct", "no", "--on", "2025-03-01"],
    ["cycle", "plan", "--mrn", MRN, "--start", "2025-03-03", "--prescriber", "Dr Test"],
]  # fmt: skip
STEP_OUTPUT = [
    f"patient {MRN} registered: Testperson, Clia\n",
    f"patient {MRN}: 170 cm, 75 kg measured 2025-03-01\n",
    f"patient {MRN}: lab results drawn 2025-03-01 recorded\n",
    f"patient {MRN}: course started 2025-03-01, HSCT no, BSA formula mosteller (locked)\n",
    f"patient {MRN}: cycle 1 saved (21 days): Day 1 2025-03-03 1.5 mg, "
    "Day 8 2025-03-10 0.94 mg, Day 15 2025-03-17 0.94 mg\n",
]


def _private_env(mp: pytest.MonkeyPatch, folder: Path) -> None:
    for name in ("HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        mp.setenv(name, str(folder / name.lower()))
    mp.delenv("INO_DESK_DB", raising=False)


def cli(
    db: Path | str,
    *args: str,
    password: str = PHARM_PW,
    user: str | None = "pharm.a",
    passwords: Callable[[], Passwords] = cheap_passwords,
) -> int:
    """One in-process run; writes get `--user` and its password from the environment.
    Passwords are hashed and checked by `passwords`, the tests' cheap ones (`tests.people`)
    unless a test asks otherwise: at the product's cost each is a second under load."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("INO_DESK_PASSWORD", password)
        mp.setattr(app, "password_verifier", passwords)
        words = ["--db", str(db), *args]
        if user is not None:
            words += ["--user", user]
        return app.main(words)


# What giving a dose waits for besides its gates (the course authority's interlock), with the
# section each is reported under; a dose given elsewhere is recorded with an override.
INTERLOCK = {
    "ORDER_NOT_VERIFIED": "pharmacy workflow",
    "BAG_NOT_PREPARED": "pharmacy workflow",
    "BAG_NOT_DOUBLE_CHECKED": "pharmacy workflow",
    "CHECKLIST_OPEN": "PI 2.2, 5",
}
ELSEWHERE = "prepared, checked and given at the day unit (test)"


def _staff(db: str) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("INO_DESK_NEW_PASSWORD", ADMIN_PW)
        assert cli(db, "users", "create-admin", "admin", "--full-name", "Ada Admin", user=None) == 0
        for name, role, pw in (
            ("pharm.a", "pharmacist", PHARM_PW),
            ("rita", "read-only", READER_PW),
        ):
            mp.setenv("INO_DESK_NEW_PASSWORD", pw)
            added = cli(db, "users", "add", name, "--full-name", name, "--role", role,
                        user="admin", password=ADMIN_PW)  # fmt: skip
            assert added == 0


def _plan(db: str) -> None:
    for step in COURSE_STEPS:
        assert cli(db, *step) == 0, step


@pytest.fixture
def staffed(prepared: Prepared, engine: str, request: pytest.FixtureRequest) -> str:
    """A database with an administrator, a pharmacist and a read-only user (prepared once
    per module and engine; each test takes its own copy)."""
    return prepared.template("staffed", engine, request, _staff)


@pytest.fixture
def planned(prepared: Prepared, staffed: str, engine: str, request: pytest.FixtureRequest) -> str:
    """The staffed database with the patient's cycle 1 planned by COURSE_STEPS."""
    return prepared.template("planned", engine, request, _plan, start_from=staffed)


@pytest.fixture(autouse=True)
def _private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _private_env(monkeypatch, tmp_path)


def _copy(template: str, tmp_path: Path) -> str:
    return copy_database(template, tmp_path)


def show(db: Path | str, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    capsys.readouterr()
    assert cli(db, "course", "show", "--mrn", MRN, "--json", user=None) == 0
    out, err = capsys.readouterr()
    assert err == ""
    shown: dict[str, object] = json.loads(out)
    return shown


def _doses(shown: dict[str, object], cycle: int = 1) -> list[dict[str, str]]:
    cycles = shown["cycles"]
    assert isinstance(cycles, list)
    doses: list[dict[str, str]] = cycles[cycle - 1]["doses"]
    return doses


def _one_line(err: str) -> str:
    assert err.endswith("\n")
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


# ------------------------------------------------------------------ a whole course


def test_a_whole_course_from_patient_add_to_cycle_1_planned(
    staffed: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _copy(staffed, tmp_path)
    capsys.readouterr()
    for step, expected in zip(COURSE_STEPS, STEP_OUTPUT, strict=True):
        assert cli(db, *step) == 0, step
        out, err = capsys.readouterr()
        assert (out, err) == (expected, "")
    capsys.readouterr()
    assert cli(db, "course", "show", "--mrn", MRN, user=None) == 0
    out, _ = capsys.readouterr()
    lines = out.splitlines()
    assert lines[:5] == [
        f"patient {MRN}: HSCT no, level full",
        "cycle 1 from 2025-03-03 (21 days)",
        "  Day 1  2025-03-03  0.8 mg/m²  1.5 mg  planned",
        "  Day 8  2025-03-10  0.5 mg/m²  0.94 mg  planned",
        "  Day 15  2025-03-17  0.5 mg/m²  0.94 mg  planned",
    ]
    # Giving Day 1 waits for its order, bag and checklist (the authority's interlock).
    assert [line.split()[1] for line in lines[5:]] == list(INTERLOCK)


def test_course_show_json_has_exactly_the_contract_keys_and_hand_computed_values(
    planned: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = show(_copy(planned, tmp_path), capsys)
    assert shown == {
        "mrn": MRN,
        "hsct": "no",
        "level": "full",
        "cycles": [
            {
                "number": 1,
                "start": "2025-03-03",
                "length_days": 21,
                "response": None,
                "doses": [
                    {"day": 1, "date": "2025-03-03", "window_start": "2025-03-03",
                     "window_end": "2025-03-03", "status": "planned",
                     "dose_mg_per_m2": "0.8", "dose_mg": "1.5"},
                    # ±2 days clipped by the 6-day gap (PI 2.1): after Day 1 (03-03 + 6 =
                    # 03-09), before Day 15 (03-17 - 6 = 03-11).
                    {"day": 8, "date": "2025-03-10", "window_start": "2025-03-09",
                     "window_end": "2025-03-11", "status": "planned",
                     "dose_mg_per_m2": "0.5", "dose_mg": "0.94"},
                    # 03-15..03-19, but 6 days after Day 8 (03-10 + 6 = 03-16).
                    {"day": 15, "date": "2025-03-17", "window_start": "2025-03-16",
                     "window_end": "2025-03-19", "status": "planned",
                     "dose_mg_per_m2": "0.5", "dose_mg": "0.94"},
                ],
            }
        ],
        # Day 1's gates pass on the labs of 2025-03-01; what stands is the interlock.
        "findings": shown["findings"],
    }  # fmt: skip
    findings = shown["findings"]
    assert isinstance(findings, list)
    assert [(f["code"], f["severity"]) for f in findings] == [
        (code, "blocking") for code in INTERLOCK
    ]


# ------------------------------------------------------------------ dose days


def test_doses_given_moved_and_reduced_then_the_next_dose_has_its_gates(
    planned: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _copy(planned, tmp_path)
    dose = ("--mrn", MRN, "--cycle", "1")
    capsys.readouterr()
    give = ("dose-day", "give", *dose, "--day", "1", "--on", "2025-03-03", "--override", ELSEWHERE)
    assert cli(db, *give) == 0
    assert capsys.readouterr().out == (
        f"patient {MRN}: cycle 1 Day 1 (2025-03-03, 1.5 mg) given by pharm.a\n"
    )
    moved = ("dose-day", "move", *dose, "--day", "8", "--to", "2025-03-11", "--reason", "travel")
    assert cli(db, *moved) == 0
    reduce = ("--day", "15", "--mg", "0.7", "--reason", "grade 2 nausea")
    assert cli(db, "dose-day", "reduce", *dose, *reduce) == 0
    shown = show(db, capsys)
    assert [(d["day"], d["date"], d["status"], d["dose_mg"]) for d in _doses(shown)] == [
        (1, "2025-03-03", "given", "1.5"),
        (8, "2025-03-11", "planned", "0.94"),
        (15, "2025-03-17", "reduced", "0.7"),
    ]
    # The next planned dose is Day 8: its CBC (2025-03-01) is not after Day 1's dose.
    findings = shown["findings"]
    assert isinstance(findings, list)
    assert {(f["code"], f["severity"], f["pi_section"]) for f in findings} == {
        ("CBC_OUTDATED", "warning", "PI 5"),
        *((code, "blocking", section) for code, section in INTERLOCK.items()),
    }
    assert set(findings[0]) == {"code", "severity", "pi_section", "message"}


@pytest.mark.parametrize(("action", "status"), [("hold", "held"), ("omit", "omitted")])
def test_a_dose_held_or_omitted_keeps_its_reason(
    planned: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    action: str,
    status: str,
) -> None:
    db = _copy(planned, tmp_path)
    where = ("--mrn", MRN, "--cycle", "1", "--day", "8")
    capsys.readouterr()
    assert cli(db, "dose-day", action, *where) == 2
    assert _one_line(capsys.readouterr().err) == (
        f"ino-desk: error: --reason: a {status} dose needs a reason\n"
    )
    assert cli(db, "dose-day", action, *where, "--reason", "ALT 3 x ULN") == 0
    assert [d["status"] for d in _doses(show(db, capsys))] == ["planned", status, "planned"]


# ------------------------------------------------------------------ refusals


# Refused before the database is written (or the same path as a test that runs on both
# engines): SQLite only, to keep CI's PostgreSQL slice within its 3 minutes.
@pytest.mark.sqlite_only
def test_a_clinical_refusal_exits_1_with_the_rule_code_and_pi_section(
    planned: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _copy(planned, tmp_path)
    fact = ("course", "fact", "--mrn", MRN, "--vod-on", "2025-03-02", "--vod-by", "Dr Hepa")
    assert cli(db, *fact) == 0
    capsys.readouterr()
    assert cli(db, "dose-day", "give", "--mrn", MRN, "--cycle", "1", "--day", "1") == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert _one_line(err).startswith("ino-desk: refused: VOD_STOP (PI 2.3): ")
    # planning the next cycle is refused by the same rule, reported the same way
    plan = ("cycle", "plan", "--mrn", MRN, "--start", "2025-03-24", "--response", "cr")
    assert cli(db, *plan) == 1
    assert "VOD_STOP (PI 2.3): " in _one_line(capsys.readouterr().err)
    assert [d["status"] for d in _doses(show(db, capsys))] == ["planned"] * 3


def test_a_reduced_course_never_goes_back_to_full_dose(
    planned: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _copy(planned, tmp_path)
    plan = ("cycle", "plan", "--mrn", MRN, "--start", "2025-03-24", "--response", "cr")
    capsys.readouterr()
    assert cli(db, *plan, "--level", "reduced") == 0
    shown = show(db, capsys)
    assert shown["level"] == "reduced"
    # CR/CRi row 0.5 mg/m² every day, total reduced by 25 %: 0.375 mg/m² × 1.88 = 0.705
    # -> 0.71 mg (half up).
    assert [(d["dose_mg_per_m2"], d["dose_mg"]) for d in _doses(shown, 2)] == [
        ("0.375", "0.71")
    ] * 3
    capsys.readouterr()
    again = ("cycle", "plan", "--mrn", MRN, "--start", "2025-04-21", "--level", "full")
    assert cli(db, *again, "--response", "cr") == 1
    err = _one_line(capsys.readouterr().err)
    assert err.startswith("ino-desk: refused: RE_ESCALATION (PI 2.3): ")


def test_the_hsct_plan_is_a_recorded_fact_of_the_course(
    planned: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _copy(planned, tmp_path)
    capsys.readouterr()
    assert cli(db, "course", "fact", "--mrn", MRN, "--hsct", "yes") == 0
    assert capsys.readouterr().out == f"patient {MRN}: HSCT planned: yes\n"
    assert show(db, capsys)["hsct"] == "yes"


# Refused before the database is written (or the same path as a test that runs on both
# engines): SQLite only, to keep CI's PostgreSQL slice within its 3 minutes.
@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("measurement", "add", "--mrn", MRN, "--height-cm", "1,70", "--weight-kg", "75"),
         "--height-cm: '1,70' is not a number"),
        (("measurement", "add", "--mrn", MRN, "--height-cm", "17000", "--weight-kg", "75"),
         "--height-cm: 17,000 cm is outside the allowed range 40 to 250 cm"),
        (("lab", "add", "--mrn", MRN, "--on", "2025-02-30", "--anc", "1"),
         "--on: '2025-02-30' is not a date; use YYYY-MM-DD"),
        (("lab", "add", "--mrn", MRN, "--platelets", "40"),
         "--transfused: state yes or no for a platelet count"),
        (("lab", "add", "--mrn", MRN, "--ast", "80"),
         "--ast-uln: enter the laboratory's upper limit of normal for AST"),
        (("course", "fact", "--mrn", MRN, "--crcl", "12.5"),
         "--crcl: '12.5' is not a whole number"),
        (("cycle", "plan", "--mrn", MRN, "--start", "03/24/2025"),
         "--start: '03/24/2025' is not a date; use YYYY-MM-DD"),
        (("dose-day", "hold", "--mrn", MRN, "--cycle", "1", "--day", "1", "--on", "2025-03-04",
          "--reason", "ANC low"),
         "--on: cycle 1 Day 1 is planned on 2025-03-03, not 2025-03-04; to change its date, "
         "use dose-day move --to"),
        (("dose-day", "reduce", "--mrn", MRN, "--cycle", "1", "--day", "8", "--mg", "2",
          "--reason", "toxicity"),
         "--mg: must be more than 0 mg and less than the planned 0.94 mg"),
        (("patient", "add", "--mrn", "CLI-0002", "--family", "A", "--given", "B", "--born",
          "1990-01-01", "--sex", "female", "--allergies", "none"),
         "--allergies: 'none' is ambiguous; write none-known to state that no allergies are "
         "known, or list them"),
    ],
)  # fmt: skip
def test_bad_input_exits_2_naming_the_flag(
    planned: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    message: str,
) -> None:
    db = _copy(planned, tmp_path)
    capsys.readouterr()
    assert cli(db, *args) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert _one_line(err) == f"ino-desk: error: {message}\n"


# Refused before the database is written (or the same path as a test that runs on both
# engines): SQLite only, to keep CI's PostgreSQL slice within its 3 minutes.
@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    ("user", "password", "message"),
    [
        ("rita", READER_PW, "refused: rita (Read-only) may not edit patients\n"),
        ("nobody", PHARM_PW, "refused: The user name or password is not right.\n"),
        ("pharm.a", "wrong-password", "refused: The user name or password is not right.\n"),
    ],
)
def test_a_read_only_or_unknown_user_is_refused(
    planned: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    user: str,
    password: str,
    message: str,
) -> None:
    db = _copy(planned, tmp_path)
    capsys.readouterr()
    args = ("measurement", "add", "--mrn", MRN, "--height-cm", "170", "--weight-kg", "74")
    assert cli(db, *args, user=user, password=password) == 1
    assert capsys.readouterr().err == message


# Refused before the database is written (or the same path as a test that runs on both
# engines): SQLite only, to keep CI's PostgreSQL slice within its 3 minutes.
@pytest.mark.sqlite_only
def test_an_unknown_patient_exits_1_as_for_the_documents(
    planned: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _copy(planned, tmp_path)
    capsys.readouterr()
    assert cli(db, "course", "show", "--mrn", "NOPE-9", user=None) == 1
    assert capsys.readouterr().err == "ino-desk: no patient with MRN NOPE-9 is stored\n"


# Refused before the database is written (or the same path as a test that runs on both
# engines): SQLite only, to keep CI's PostgreSQL slice within its 3 minutes.
@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    ("args", "code"),
    [
        # a date outside the real window: Day 8 may not come within 6 days of Day 15 (03-17)
        (("dose-day", "move", "--mrn", MRN, "--cycle", "1", "--day", "8", "--to", "2025-03-12",
          "--reason", "clinic closed"), "DOSE_DATE_OUTSIDE_WINDOW"),
        # given on another day than its own: the dose moves first, and its order is re-verified
        (("dose-day", "give", "--mrn", MRN, "--cycle", "1", "--day", "1", "--on", "2025-03-04",
          "--override", "given elsewhere"), "NOT_THE_DOSE_DAY"),
    ],
)  # fmt: skip
def test_a_date_the_rules_forbid_is_a_stop_even_with_an_override(
    planned: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    code: str,
) -> None:
    db = _copy(planned, tmp_path)
    capsys.readouterr()
    assert cli(db, *args) == 1
    assert _one_line(capsys.readouterr().err).startswith(f"ino-desk: refused: {code} (")


def test_a_dose_already_given_cannot_be_given_again(
    planned: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _copy(planned, tmp_path)
    give = ("dose-day", "give", "--mrn", MRN, "--cycle", "1", "--day", "1", "--on", "2025-03-03")
    assert cli(db, *give, "--override", ELSEWHERE) == 0
    capsys.readouterr()
    assert cli(db, *give, "--override", ELSEWHERE) == 1
    assert "DOSE_ALREADY_GIVEN" in _one_line(capsys.readouterr().err)
    assert cli(db, "dose-day", "omit", *give[2:8], "--reason", "late entry") == 1


# ------------------------------------------------------------------ documents


# Refused before the database is written (or the same path as a test that runs on both
# engines): SQLite only, to keep CI's PostgreSQL slice within its 3 minutes.
@pytest.mark.sqlite_only
def test_documents_exit_1_for_a_clinical_refusal(
    planned: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = _copy(planned, tmp_path)
    where = ("--mrn", MRN, "--cycle", "1")
    assert cli(db, "dose-day", "hold", *where, "--day", "8", "--reason", "ANC low") == 0
    label = ("bag-label", *where, "--day", "8", "--out", str(tmp_path / "bag.pdf"))
    capsys.readouterr()
    assert cli(db, *label) == 1
    assert "held" in _one_line(capsys.readouterr().err)

    # The rule authority's RefusedError (not raised by any use case yet) is reported the same
    # way as the plan and dose-day refusals.
    def refused(*_: object) -> None:
        raise RefusedError([Finding("VOD_STOP", Severity.STOP, "VOD/SOS is recorded.", "PI 2.3")])

    # The command imports it when it runs (`--demo` does not load it).
    monkeypatch.setattr(cycle_documents, "prepare_order_sheet", refused)
    sheet = ("order-sheet", *where, "--out", str(tmp_path / "sheet.pdf"))
    assert cli(db, *sheet) == 1
    assert capsys.readouterr().err == (
        "ino-desk: refused: VOD_STOP (PI 2.3): VOD/SOS is recorded.\n"
    )
    assert not (tmp_path / "sheet.pdf").exists()


# ------------------------------------------------------------------ end to end


# Refused before the database is written (or the same path as a test that runs on both
# engines): SQLite only, to keep CI's PostgreSQL slice within its 3 minutes.
@pytest.mark.sqlite_only
def test_a_dose_given_through_the_installed_command(
    planned: str,
    tmp_path: Path,
    run_cli: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = _copy(planned, tmp_path)
    # The installed command reads only hashes at the product's cost: the administrator adds
    # a pharmacist whose password is hashed at that cost (and read at the tests' minimum).
    monkeypatch.setenv("INO_DESK_NEW_PASSWORD", PRODUCT_PW)
    added = cli(db, "users", "add", "pharm.p", "--full-name", "Petra Product",
                "--role", "pharmacist", user="admin", password=ADMIN_PW,
                passwords=lambda: Passwords(minimum=TEST_COST))  # fmt: skip
    assert added == 0
    given = run_cli(
        "--db", str(db), "dose-day", "give", "--mrn", MRN, "--cycle", "1", "--day", "1",
        "--on", "2025-03-03", "--override", ELSEWHERE,
        "--user", "pharm.p", extra_env={"INO_DESK_PASSWORD": PRODUCT_PW},
    )  # fmt: skip
    assert (given.returncode, given.stderr) == (0, "")
    # What the child process recorded, read back in this process (a second child would
    # cost its start-up and imports again to prove nothing more).
    assert [d["status"] for d in _doses(show(db, capsys))] == [
        "given",
        "planned",
        "planned",
    ]


def test_a_hold_is_released_and_its_length_is_judged(
    planned: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _copy(planned, tmp_path)
    day1 = ("--mrn", MRN, "--cycle", "1", "--day", "1", "--on", "2025-03-03")
    assert cli(db, "dose-day", "give", *day1, "--override", ELSEWHERE) == 0
    where = ("--mrn", MRN, "--cycle", "1", "--day", "8")
    assert cli(db, "dose-day", "hold", *where, "--reason", "ALT 6 x ULN") == 0
    capsys.readouterr()
    released = ("dose-day", "release", *where, "--released-on", "2025-03-20")
    assert cli(db, *released, "--reason", "ALT back to 2 x ULN") == 0
    assert capsys.readouterr().out == (
        f"patient {MRN}: cycle 1 Day 8 (2025-03-10, 0.94 mg) planned\n"
    )
    shown = show(db, capsys)
    assert [d["status"] for d in _doses(shown)] == ["given", "planned", "planned"]
    # Held from its day (03-10) to 03-20: 10 days, 7 or more: omit the next dose (PI 2.3).
    findings = shown["findings"]
    assert isinstance(findings, list)
    assert ("INTERRUPTION_OMIT", "warning") in {(f["code"], f["severity"]) for f in findings}
    capsys.readouterr()
    assert cli(db, *released) == 1  # no longer held: nothing to release
    assert "it is not held" in _one_line(capsys.readouterr().err)
