"""The pediatric syringe method (PI 3/2024 2.4) from the command line, on real SQLite files
and PostgreSQL server databases.

The label's syringe parameters could not be read, so ino-desk holds none: an administrator
types them (`ino-desk site syringe`), and they print as site-entered and unverified. The
values below are ILLUSTRATIVE, typed by the test's administrator: not label numbers.

The child: 100 cm, 16 kg, Mosteller sqrt(100 × 16 / 3600) = 0.6667 -> 0.67 m².
Cycle 1 (PI 2.1 Table 1), doses rounded half up to 0.01 mg, no site dose rounding:
- Day 1: 0.8 × 0.67 = 0.536 -> 0.54 mg; in the 50 mL bag 0.0108 mg/mL, inside 0.01–0.1 mg/mL:
  a bag, 0.54 / 0.25 = 2.16 mL drug + 47.84 mL diluent.
- Days 8 and 15: 0.5 × 0.67 = 0.335 -> 0.34 mg; in 50 mL 0.0068 mg/mL, below 0.01 mg/mL: no
  bag. With the site's method (0.025–0.1 mg/mL, syringes 3 and 10 mL, over 30 min): 3 mL
  would be 0.1133 mg/mL (0.34 > 0.1 × 3 = 0.3, too strong); 10 mL gives 0.034 mg/mL, in range
  (0.25 <= 0.34 <= 1). So: 0.34 / 0.25 = 1.36 mL drug + 8.64 mL diluent = 10 mL, rate
  10 mL × 60 / 30 min = 20 mL/h, 1 vial, discard 0.9 − 0.34 = 0.56 mg.
"""

from __future__ import annotations

import io
import json
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import pypdf
import pytest

from tests.cli.inprocess import ADMIN_PW, PEOPLE, InProcessCli, cli
from tests.cli.staffed import staffed_demo
from tests.engines import engine, pg_server, pg_template, prepared, pytest_generate_tests, query

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

__all__ = [
    "cli",
    "engine",
    "pg_server",
    "pg_template",
    "prepared",
    "pytest_generate_tests",
    "staffed_demo",
]

MRN = "KID-0001"
PHARM = ("pharm.a", PEOPLE["pharm.a"][2])
ADMIN = ("admin", ADMIN_PW)
SYRINGE = (
    "site", "syringe", "--min-mg-per-ml", "0.025", "--max-mg-per-ml", "0.1",
    "--volumes-ml", "3,10", "--infusion-minutes", "30", "--reason", "from our PI copy",
)  # fmt: skip


def _pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def _run(cli: InProcessCli, db: str, who: tuple[str, str] | None, *args: str) -> tuple[int, str]:
    user = () if who is None else ("--user", who[0])
    done = cli("--db", str(db), *args, *user, password="" if who is None else who[1])
    return done.code, done.out + done.err


@pytest.fixture
def child(cli: InProcessCli, staffed_demo: Callable[[int], str]) -> str:
    """A staffed database with a 5-year-old, 100 cm and 16 kg, whose course has started."""
    db = staffed_demo(1)
    start = (date.today() - timedelta(days=7)).isoformat()
    steps = (
        ("patient", "add", "--mrn", MRN, "--family", "Small", "--given", "Sam",
         "--born", (date.today() - timedelta(days=5 * 366)).isoformat(), "--sex", "male",
         "--allergies", "none-known"),
        ("measurement", "add", "--mrn", MRN, "--height-cm", "100", "--weight-kg", "16",
         "--on", start),
        ("course", "start", "--mrn", MRN, "--hsct", "no", "--on", start),
    )  # fmt: skip
    for step in steps:
        code, text = _run(cli, db, PHARM, *step)
        assert code == 0, (step, text)
    return db


def _plan(cli: InProcessCli, db: str) -> tuple[int, str]:
    # Day 8 is today, so its syringe label may be printed today (a bag is for its own day).
    start = (date.today() - timedelta(days=7)).isoformat()
    return _run(cli, db, PHARM, "cycle", "plan", "--mrn", MRN, "--start", start)


def test_without_site_parameters_a_dose_below_the_bag_range_stops(
    cli: InProcessCli, child: str
) -> None:
    code, text = _plan(cli, child)
    assert code == 1
    assert "CONCENTRATION_BELOW_RANGE (PI 2.4" in text
    assert "0.34 mg in 50 mL is 0.0068 mg/mL" in text
    assert "the syringe method is not configured" in text
    code, shown = _run(cli, child, None, "site", "show")
    assert code == 0
    assert "Syringe method: not entered" in shown


def test_only_an_administrator_enters_them_and_bad_input_names_the_flag(
    cli: InProcessCli, child: str
) -> None:
    code, text = _run(cli, child, PHARM, *SYRINGE)
    assert code == 1
    assert "may not change site settings" in text
    code, text = _run(cli, child, ADMIN, *SYRINGE[:-2])  # no reason
    assert code == 2
    code, text = _run(
        cli, child, ADMIN, "site", "syringe", "--min-mg-per-ml", "0.025", "--reason", "x"
    )
    assert (code, text.strip()) == (
        2,
        "ino-desk: error: --max-mg-per-ml: required (no default: type it from the site's PI)",
    )
    stronger = list(SYRINGE)
    stronger[stronger.index("0.1")] = "0.3"  # above the 0.25 mg/mL reconstituted solution
    code, text = _run(cli, child, ADMIN, *stronger)
    assert code == 2
    assert "--max-mg-per-ml: allowed up to 0.25 mg/mL, the reconstituted solution" in text
    big = list(SYRINGE)
    big[big.index("3,10")] = "3,100"
    code, text = _run(cli, child, ADMIN, *big)
    assert code == 2
    assert "--volumes-ml: 100 mL is outside the allowed range 1 to 60 mL" in text
    code, shown = _run(cli, child, None, "site", "show", "--json")
    assert json.loads(shown)["syringe"] is None  # nothing refused was saved


def test_the_change_is_audited_old_to_new(cli: InProcessCli, child: str) -> None:
    code, text = _run(cli, child, ADMIN, *SYRINGE)
    assert code == 0, text
    assert "site-entered, unverified" in text
    code, shown = _run(cli, child, None, "site", "show", "--json")
    assert json.loads(shown)["syringe"] == {
        "min_mg_per_ml": "0.025",
        "max_mg_per_ml": "0.1",
        "volumes_ml": ["3", "10"],
        "infusion_minutes": 30,
        "source": "site-entered, unverified",
    }
    code, _ = _run(cli, child, ADMIN, "site", "syringe", "--clear", "--reason", "PI withdrawn")
    assert code == 0
    rows = query(
        child,
        "SELECT who, reason, before_state, after_state, at FROM audit_events "
        "WHERE entity = 'site_settings' ORDER BY seq",
    )
    entered, cleared = rows[-2], rows[-1]
    assert entered[:2] == ("admin", "from our PI copy")
    assert entered[4]
    assert cleared[4]
    before, after = json.loads(entered[2] or "{}"), json.loads(entered[3])
    assert before.get("syringe_max_mg_per_ml") is None
    assert after["syringe_max_mg_per_ml"] == "0.1"
    assert after["syringe_volumes_ml"] == "3,10"
    assert cleared[:2] == ("admin", "PI withdrawn")
    assert json.loads(cleared[2])["syringe_infusion_minutes"] == 30
    assert json.loads(cleared[3])["syringe_infusion_minutes"] is None


def test_with_them_the_dose_is_planned_in_a_syringe_and_printed_as_site_entered(
    cli: InProcessCli, child: str, tmp_path: Path
) -> None:
    assert _run(cli, child, ADMIN, *SYRINGE)[0] == 0
    code, text = _plan(cli, child)
    assert code == 0, text
    assert "Day 8 " in text
    assert "0.34 mg in a 10 mL syringe" in text
    assert "(site-entered, unverified syringe method)" in text
    rows = query(
        child,
        "SELECT day, dose_mg, vials, drug_volume_ml, diluent_ml, total_volume_ml, "
        "syringe_min_mg_per_ml, syringe_max_mg_per_ml, syringe_infusion_minutes "
        "FROM dose_days d JOIN cycles c ON d.cycle_id = c.id JOIN courses k "
        "ON c.course_id = k.id JOIN patients p ON k.patient_id = p.id "
        "WHERE p.mrn = :mrn ORDER BY day",
        mrn=MRN,
    )
    assert rows == [
        (1, "0.54", 1, "2.16", "47.84", "50", None, None, None),
        (8, "0.34", 1, "1.36", "8.64", "10", "0.025", "0.1", 30),
        (15, "0.34", 1, "1.36", "8.64", "10", "0.025", "0.1", 30),
    ]
    sheet = tmp_path / "sheet.pdf"
    code, text = _run(
        cli, child, PHARM, "order-sheet", "--mrn", MRN, "--cycle", "1", "--out", str(sheet)
    )
    assert code == 0, text
    printed = _pdf_text(sheet)
    assert "to a total of 10 mL in a SYRINGE, over 30 min" in printed
    assert "at 20 mL/h" in printed
    assert "site-entered, unverified" in printed
    assert "Syringe method (site-entered, unverified)" in printed  # with the site policy
    assert "Each dose in a bag" in printed  # Day 1 stays in the 50 mL bag
    label = tmp_path / "day8.pdf"
    at = (datetime.now().astimezone() - timedelta(minutes=30)).replace(second=0, microsecond=0)
    code, text = _run(
        cli, child, PHARM, "bag-label", "--mrn", MRN, "--cycle", "1", "--day", "8",
        "--reconstituted-at", at.isoformat(), "--out", str(label),
    )  # fmt: skip
    assert code == 0, text
    printed = _pdf_text(label)
    assert "1.36 mL drug + 8.64 mL" in printed
    assert "= 10 mL · 0.034 mg/mL" in printed
    assert "20 mL/h" in printed
    assert "SYRINGE (PI 2.4 method, site-entered, unverified): range 0.025–0.1 mg/mL" in printed
