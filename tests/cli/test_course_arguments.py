"""The clinical commands' date and number flags: any bad text exits 2 with one line naming it.

In-process and without a database: a value is refused while the arguments are read, before
any password is asked or any file opened.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ino_desk import app
from ino_desk.domain.errors import InputError
from ino_desk.domain.quantities import parse_decimal

if TYPE_CHECKING:
    from pathlib import Path

MRN = ("--mrn", "CLI-0001")
WHERE = (*MRN, "--cycle", "1", "--day", "8")
# (command words, the flag under test); every other required flag is given a good value.
DATE_FLAGS = [
    (("patient", "add", *MRN, "--family", "A", "--given", "B", "--sex", "male",
      "--allergies", "none-known"), "--born"),
    (("measurement", "add", *MRN, "--height-cm", "170", "--weight-kg", "75"), "--on"),
    (("lab", "add", *MRN), "--on"),
    (("course", "start", *MRN, "--hsct", "no"), "--on"),
    (("course", "fact", *MRN), "--vod-on"),
    (("course", "fact", *MRN), "--low-counts-since"),
    (("cycle", "plan", *MRN), "--start"),
    (("dose-day", "move", *WHERE, "--reason", "r"), "--to"),
    (("dose-day", "give", *WHERE), "--on"),
]  # fmt: skip
NUMBER_FLAGS = [
    (("lab", "add", *MRN), "--anc"),
    (("lab", "add", *MRN), "--platelets"),
    (("lab", "add", *MRN), "--bilirubin-uln"),
    (("lab", "add", *MRN), "--blasts"),
    (("course", "fact", *MRN), "--crcl"),
    (("dose-day", "reduce", *WHERE, "--reason", "r"), "--mg"),
    (("dose-day", "hold", *MRN, "--day", "8", "--reason", "r"), "--cycle"),
    (("dose-day", "omit", *MRN, "--cycle", "1", "--reason", "r"), "--day"),
]
ANY_TEXT = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None, max_examples=60
)
text = st.one_of(
    st.text(max_size=14),
    st.sampled_from(["2025-02-30", "2025-3-3", "03/03/2025", "nan", "inf", "1e999999999", "1,5"]),
)


@pytest.fixture(autouse=True)
def _private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.setenv("INO_DESK_DB", str(tmp_path / "never-opened.sqlite3"))


def _is_date(value: str) -> bool:
    try:
        date.fromisoformat(value.strip())
    except ValueError:
        return False
    return True


def _is_number(value: str) -> bool:
    try:
        parse_decimal(value, "x")
    except InputError:
        return False
    return True


def _refused(
    words: tuple[str, ...], flag: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    code = app.main([*words, f"{flag}={value}", "--user", "pharm.a"])
    out, err = capsys.readouterr()
    assert code == 2, err
    assert out == ""
    assert err.endswith("\n")
    assert err.count("\n") == 1, err
    # The flag is named first, or, for text that is no text at all (a NUL, a lone surrogate),
    # in the line that refuses the whole argument.
    assert err.startswith(f"ino-desk: error: {flag}: ") or f"({flag}=" in err, err


@ANY_TEXT
@given(st.sampled_from(DATE_FLAGS), text)
def test_a_bad_date_names_its_flag(
    capsys: pytest.CaptureFixture[str], case: tuple[tuple[str, ...], str], value: str
) -> None:
    assume(not _is_date(value))
    words, flag = case
    _refused(words, flag, value, capsys)


@ANY_TEXT
@given(st.sampled_from(NUMBER_FLAGS), text)
def test_a_bad_number_names_its_flag(
    capsys: pytest.CaptureFixture[str], case: tuple[tuple[str, ...], str], value: str
) -> None:
    assume(not _is_number(value))
    words, flag = case
    _refused(words, flag, value, capsys)


@pytest.mark.parametrize(
    ("words", "flag", "value"),
    [
        (("course", "fact", *MRN), "--crcl", "12.5"),
        (("dose-day", "hold", *MRN, "--day", "8"), "--cycle", "0"),
        (("dose-day", "hold", *MRN, "--day", "8"), "--cycle", "100"),
        (("dose-day", "omit", *MRN, "--cycle", "1"), "--day", "1.5"),
    ],
)
def test_a_number_that_is_not_a_whole_one_in_range(
    capsys: pytest.CaptureFixture[str], words: tuple[str, ...], flag: str, value: str
) -> None:
    _refused(words, flag, value, capsys)
