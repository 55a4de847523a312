"""`ino-desk users` and `ino-desk sign` through the real entry point: one dose, three people.

The long walks run `app.main` in this process with the tests' cheap password hashes
(`in_process`); `test_writes_need_a_password_and_a_wrong_one_is_refused` runs the installed
entry point in child processes, hashing at the product's real cost.
"""

from __future__ import annotations

import io
import json
import subprocess
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import pypdf
import pytest

from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.preparing.bench_vials import scan_vial
from tests.cli.inprocess import InProcessCli, cli
from tests.engines import (
    db_location,
    engine,
    open_location,
    pg_database,
    pg_server,
    pg_template,
    pytest_generate_tests,
    query,
)
from tests.persistence.factories import db_path

if TYPE_CHECKING:
    from pathlib import Path

    from ino_desk.domain.rules import ClinicalRules
    from tests.conftest import CliRunner

__all__ = [
    "cli",
    "db_location",
    "db_path",
    "engine",
    "pg_database",
    "pg_server",
    "pg_template",
    "pytest_generate_tests",
]

ADMIN_PW = "admin-passphrase-1"
PEOPLE = {
    "pharm.a": ("Paula Apothecary", "pharmacist", "first-pharmacist-pw"),
    "tech.t": ("Theo Technician", "technician", "technician-passw0rd"),
    "pharm.b": ("Boris Bottle", "pharmacist", "second-pharmacist-pw"),
}


def completed(cli: InProcessCli) -> CliRunner:
    """`run_cli`'s signature over `app.main` in this process (cheap hashes, no interpreter
    start per command)."""

    def run(
        *args: str, timeout: float = 60, extra_env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        env = extra_env or {}
        done = cli(
            *args,
            password=env.get("INO_DESK_PASSWORD", ""),
            new_password=env.get("INO_DESK_NEW_PASSWORD", ""),
        )
        return subprocess.CompletedProcess(list(args), done.code, done.out, done.err)

    return run


@pytest.fixture
def in_process(cli: InProcessCli) -> CliRunner:
    return completed(cli)


def _as(user_password: str, new_password: str = "") -> dict[str, str]:
    env = {"INO_DESK_PASSWORD": user_password}
    if new_password:
        env["INO_DESK_NEW_PASSWORD"] = new_password
    return env


def _staffed(run_cli: CliRunner, db: Path | str) -> None:
    first = run_cli(
        "--db", str(db), "users", "create-admin", "admin", "--full-name", "Ada Admin",
        extra_env=_as("", ADMIN_PW),
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    for name, (full, role, pw) in PEOPLE.items():
        added = run_cli(
            "--db", str(db), "users", "add", name, "--full-name", full, "--role", role,
            "--user", "admin", extra_env=_as(ADMIN_PW, pw),
        )  # fmt: skip
        assert added.returncode == 0, added.stderr
        assert f"{name} added" in added.stdout


TODAY_MRN = "TODAY-0001"


def plan_today(run_cli: CliRunner, db: Path | str) -> None:
    """A patient whose cycle 1 starts today, through the command line: a bag is made and
    signed for only on its dose's own day (the course authority's NOT_THE_DOSE_DAY)."""
    today = date.today().isoformat()
    steps = (
        ("patient", "add", "--mrn", TODAY_MRN, "--family", "Todd", "--given", "Tia",
         "--born", "1980-02-03", "--sex", "female", "--allergies", "none-known"),
        ("measurement", "add", "--mrn", TODAY_MRN, "--height-cm", "170", "--weight-kg", "70",
         "--on", today),
        ("course", "start", "--mrn", TODAY_MRN, "--hsct", "no", "--on", today),
    )  # fmt: skip
    planner = ("cycle", "plan", "--mrn", TODAY_MRN, "--start", today, "--prescriber", "Dr Test")
    for step in steps:
        done = run_cli(
            "--db", str(db), *step, "--user", "pharm.a", extra_env=_as(PEOPLE["pharm.a"][2])
        )
        assert done.returncode == 0, (step, done.stderr)
    # pharm.b plans, so pharm.a may verify (separation of duties) and pharm.b double-checks.
    done = run_cli(
        "--db", str(db), *planner, "--user", "pharm.b", extra_env=_as(PEOPLE["pharm.b"][2])
    )
    assert done.returncode == 0, done.stderr


def _first_dose(db: Path | str) -> tuple[int, str, str, int]:
    """Today's planned dose (the `plan_today` patient's Day 1)."""
    [row] = query(
        db,
        "SELECT id, dose_mg, drug_volume_ml, vials FROM dose_days "
        "WHERE status='planned' AND planned_date = :on ORDER BY id LIMIT 1",
        on=date.today().isoformat(),
    )
    return int(row[0]), str(row[1]), str(row[2]), int(row[3])


def test_three_sign_ins_take_one_dose_to_three_signatures(
    in_process: CliRunner, tmp_path: Path, db_location: str
) -> None:
    """On a database file and on a server database alike (`db_location`)."""
    run_cli = in_process
    db = db_location
    assert run_cli("--db", str(db), "demo", "--patients", "1").returncode == 0
    _staffed(run_cli, db)
    plan_today(run_cli, db)
    dose, mg, ml, vials = _first_dose(db)
    d = str(dose)

    def sign(*args: str, user: str) -> tuple[int, str, str]:
        r = run_cli("--db", str(db), "sign", *args, "--dose", d, "--user", user,
                    extra_env=_as(PEOPLE[user][2]))  # fmt: skip
        return r.returncode, r.stdout, r.stderr

    code, _, err = sign("verify", user="tech.t")
    assert code == 1
    assert err == "refused: tech.t (Pharmacy technician) may not verify orders\n"
    assert sign("verify", user="pharm.a")[0] == 0
    assert sign("prepared", user="tech.t")[0] == 0
    code, _, err = sign(
        "double-check", "--dose-mg", mg, "--volume-ml", ml, "--vials", str(vials), user="pharm.a"
    )
    assert code == 1
    assert "different pharmacist" in err
    code, out, _ = sign(
        "double-check", "--dose-mg", mg, "--volume-ml", ml, "--vials", str(vials + 1),
        user="pharm.b",
    )  # fmt: skip
    assert code == 1
    assert "MISMATCH in vials" in out
    code, out, _ = sign(
        "double-check", "--dose-mg", mg, "--volume-ml", ml, "--vials", str(vials), user="pharm.b"
    )
    assert (code, out) == (0, f"dose {d}: independent double check agrees; signed\n")
    shown = run_cli(
        "--db", str(db), "signatures", "--dose", d, "--json", "--user", "pharm.a",
        extra_env=_as(PEOPLE["pharm.a"][2]),
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    signatures = json.loads(shown.stdout)
    assert [(s["meaning"], s["full_name"], s["valid"]) for s in signatures] == [
        ("verified order", "Paula Apothecary", True),
        ("prepared", "Theo Technician", True),
        ("independent double check", "Boris Bottle", True),
    ]
    # The labelled bag and the order sheet carry all three signatures (21 CFR 11.50).
    mrn, cycle, day = _where(db, dose)
    at = (datetime.now().astimezone() - timedelta(minutes=20)).replace(microsecond=0)
    label, sheet = tmp_path / "bag.pdf", tmp_path / "sheet.pdf"
    made = run_cli(
        "--db", str(db), "bag-label", "--mrn", mrn, "--cycle", cycle, "--day", day,
        "--reconstituted-at", at.isoformat(), "--out", str(label), "--user", "tech.t",
        extra_env=_as(PEOPLE["tech.t"][2]),
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    bag = _pdf_text(label)
    for shown in ("Verified by", "Paula Apothecary", "Prepared by", "Theo Technician",
                  "Checked by", "Boris Bottle"):  # fmt: skip
        assert shown in bag, shown
    made = run_cli(
        "--db", str(db), "order-sheet", "--mrn", mrn, "--cycle", cycle, "--out", str(sheet),
        "--user", "pharm.a", extra_env=_as(PEOPLE["pharm.a"][2]),
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    text = _pdf_text(sheet)
    for shown in (
        "Paula Apothecary (pharmacist)",
        "Theo Technician (technician)",
        "Boris Bottle (pharmacist)",
        "verified order",
        "prepared",
        "independent double check",
    ):
        assert shown in text, shown
    assert "VOID:" not in text  # no signature row is void
    assert run_cli("--db", str(db), "audit", "verify").returncode == 0


def _where(db: Path | str, dose_id: int) -> tuple[str, str, str]:
    [(mrn, cycle, day)] = query(
        db,
        "SELECT p.mrn, c.number, d.day FROM dose_days d JOIN cycles c ON c.id = d.cycle_id "
        "JOIN courses co ON co.id = c.course_id JOIN patients p ON p.id = co.patient_id "
        "WHERE d.id = :dose",
        dose=dose_id,
    )
    return str(mrn), str(cycle), str(day)


def _pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


# The installed entry point hashing at the product's real cost, in child processes: slow, and
# the password path does not depend on the engine (the in-process walks above and below run
# on both), so on SQLite only to keep CI's PostgreSQL slice within its 3 minutes.
@pytest.mark.sqlite_only
def test_writes_need_a_password_and_a_wrong_one_is_refused(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    db = tmp_path / "desk.sqlite3"
    _staffed(run_cli, db)
    no_pw = run_cli("--db", str(db), "users", "list", "--user", "admin")
    assert no_pw.returncode == 2
    assert "INO_DESK_PASSWORD" in no_pw.stderr
    wrong = run_cli("--db", str(db), "users", "list", "--user", "admin",
                    extra_env=_as("not-the-password"))  # fmt: skip
    assert (wrong.returncode, wrong.stderr) == (
        1,
        "refused: The user name or password is not right.\n",
    )
    for secret in ("not-the-password", ADMIN_PW):
        assert secret not in wrong.stdout + wrong.stderr
    listed = run_cli("--db", str(db), "users", "list", "--user", "admin", "--json",
                     extra_env=_as(ADMIN_PW))  # fmt: skip
    assert [u["username"] for u in json.loads(listed.stdout)] == [
        "admin",
        "pharm.a",
        "pharm.b",
        "tech.t",
    ]
    again = run_cli(
        "--db", str(db), "users", "create-admin", "other", "--full-name", "Other",
        extra_env=_as("", "other-admin-password"),
    )  # fmt: skip
    assert again.returncode == 1
    assert "already exists" in again.stderr


def test_double_check_with_a_lot_compares_it_with_the_recorded_vial(
    in_process: CliRunner, db_location: str, rules: ClinicalRules
) -> None:
    run_cli = in_process
    db = db_location
    assert run_cli("--db", str(db), "demo", "--patients", "1").returncode == 0
    _staffed(run_cli, db)
    plan_today(run_cli, db)
    dose, mg, ml, vials = _first_dose(db)
    d = str(dose)
    for action, user in (("verify", "pharm.a"), ("prepared", "tech.t")):
        signed = run_cli("--db", str(db), "sign", action, "--dose", d, "--user", user,
                         extra_env=_as(PEOPLE[user][2]))  # fmt: skip
        assert signed.returncode == 0, signed.stderr
    database = open_location(db)
    try:
        store = SqlStore(database)
        tech = store.read(lambda uow: uow.users.by_username("tech.t"))
        assert tech is not None
        code = "0100300080100011172812311" + "0ABC123" + "\x1d" + "21S-9"  # lot ABC123
        scan_vial(store, rules, dose, code, tech.user, date.today())
    finally:
        database.close()
    figures = ("--dose-mg", mg, "--volume-ml", ml, "--vials", str(vials))
    check = ("--db", str(db), "sign", "double-check", "--dose", d, *figures, "--user", "pharm.b")
    wrong = run_cli(*check, "--lot", "ABC124", extra_env=_as(PEOPLE["pharm.b"][2]))
    assert wrong.returncode == 1
    assert "MISMATCH in lot" in wrong.stdout
    right = run_cli(*check, "--lot", "abc123", extra_env=_as(PEOPLE["pharm.b"][2]))
    assert (right.returncode, right.stdout) == (
        0,
        f"dose {d}: independent double check agrees; signed\n",
    )
