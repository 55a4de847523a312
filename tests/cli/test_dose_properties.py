"""The command line never shows a traceback, whatever strings it is given (in-process)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ino_desk import app

if TYPE_CHECKING:
    from pathlib import Path

FLAGS = [
    "--height-cm", "--height-in", "--weight-kg", "--weight-lb", "--cycle", "--response",
    "--mrd-negative", "--start", "--bsa-formula", "--cycle-length", "--extension-reason",
    "--hsct", "--age-years", "--round-to-vial-percent", "--bsa-cap-m2", "--json", "--db",
]  # fmt: skip
WORDS = [
    "170", "75", "1", "2", "7", "0", "-1", "1e999999999", "nan", "inf", "0.5", "1.5", "1,5",
    "cr", "cri", "none", "yes", "no", "28", "21", "2026-12-01", "9999-12-31", "0001-01-01",
    "mosteller", "boyd", "toxicity-recovery", "",
]  # fmt: skip
ALLOWED_EXIT = {0, 1, 2, 3}
token = st.one_of(st.sampled_from(FLAGS), st.sampled_from(WORDS), st.text(max_size=12))
NO_FIXTURE_RESET = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None, max_examples=150
)


@pytest.fixture(autouse=True)
def _private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # an internal error would write a crash log: keep it out of the real home folder
    for name in ("HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = app.main(argv)
    except SystemExit as exc:  # only argparse's --help may end this way
        assert "-h" in argv or "--help" in argv or any(a.startswith("--h") for a in argv)
        code = exc.code if isinstance(exc.code, int) else 0
    out, err = capsys.readouterr()
    return code, out, err


def _check(code: int, out: str, err: str) -> None:
    assert "Traceback" not in out + err
    assert code in ALLOWED_EXIT, err
    if code == 2:
        assert out == ""
        assert len(err.splitlines()) == 1
        assert err.startswith("ino-desk: error: ")


@NO_FIXTURE_RESET
@given(st.lists(token, max_size=14))
def test_dose_never_shows_a_traceback(capsys: pytest.CaptureFixture[str], rest: list[str]) -> None:
    _check(*_run(["dose", *rest], capsys))


@NO_FIXTURE_RESET
@given(
    st.text(max_size=8),
    st.text(max_size=8),
    st.text(max_size=8),
    st.sampled_from(["--height-cm", "--height-in"]),
    st.sampled_from(["--weight-kg", "--weight-lb"]),
)
def test_any_values_of_the_required_flags(
    capsys: pytest.CaptureFixture[str], height: str, weight: str, cycle: str, hflag: str, wflag: str
) -> None:
    argv = ["dose", hflag, height, wflag, weight, "--cycle", cycle, "--json"]
    code, out, err = _run(argv, capsys)
    _check(code, out, err)
    if code == 0:
        assert out.startswith("{")
        assert err == ""


@NO_FIXTURE_RESET
@given(st.lists(st.text(max_size=12), min_size=1, max_size=6))
def test_any_argv_at_all(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    started: list[str | None] = []
    # Without a command the GUI would start; here only the parsing before it is under test.
    monkeypatch.setattr(app, "start_gui", lambda db, *_: started.append(db) or 0)
    _check(*_run(argv, capsys))


def _tenths(low: int, high: int) -> st.SearchStrategy[str]:
    return st.integers(low * 10, high * 10).map(lambda n: str(Decimal(n) / 10))


def _optional(flag: str, values: list[str]) -> st.SearchStrategy[list[str]]:
    return st.sampled_from([[], *([flag, v] for v in values)])


@NO_FIXTURE_RESET
@given(
    _tenths(40, 250),
    _tenths(3, 400),
    st.integers(1, 8),
    st.sampled_from(["none", "cr", "cri"]),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31)),
    st.tuples(
        _optional("--hsct", ["yes", "no"]),
        _optional("--mrd-negative", ["yes", "no"]),
        _optional("--bsa-formula", ["mosteller", "dubois", "haycock", "gehan-george", "boyd"]),
        _optional("--round-to-vial-percent", ["1", "5", "7.5", "10"]),
        _optional("--bsa-cap-m2", ["1", "2", "2.5"]),
    ),
)
def test_every_plausible_input_gives_a_consistent_plan(
    capsys: pytest.CaptureFixture[str],
    height: str,
    weight: str,
    cycle: int,
    response: str,
    start: date,
    options: tuple[list[str], ...],
) -> None:
    argv = ["dose", "--height-cm", height, "--weight-kg", weight, "--cycle", str(cycle)]
    argv += ["--response", response, "--start", start.isoformat(), "--json"]
    argv += [word for option in options for word in option]
    code, out, err = _run(argv, capsys)
    assert (code, err) == (0, "")
    data = json.loads(out, parse_float=Decimal)
    vial = Decimal("0.9")  # PI 2.4
    for dose in data["doses"]:
        assert dose["drug_volume_ml"] + dose["diluent_ml"] == 50  # PI 2.4: 50 mL bag
        assert dose["vials"] * vial >= dose["dose_mg"] > (dose["vials"] - 1) * vial
        in_range = Decimal("0.01") <= dose["concentration_mg_per_ml"] <= Decimal("0.1")
        blocked = f"Day {dose['day']}:"
        # Out of the bag range is refused: blocking above it, a stop below it (no bag exists).
        assert in_range or any(
            f["severity"] in {"blocking", "stop"} and f["message"].startswith(blocked)
            for f in data["findings"]
        )
