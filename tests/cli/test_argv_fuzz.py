"""Issue #14: whatever the command line holds, ino-desk answers with exit 0, 1, 2 or 4 and at
most one line on stderr: never the internal-error exit 70, never a multi-line message.

The CLI runs in this process on a real database in a temporary folder (with users, so the
signed commands reach their password check); the working folder is temporary too, so any
file a command writes lands there.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli.inprocess import ADMIN_PW, InProcessCli, cli
from tests.cli.staffed import staffed_demo
from tests.engines import engine, pg_server, pg_template, prepared, pytest_generate_tests

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
# Examples per command: the full run on SQLite; on the server a few, which reach the same
# parsing and refusals with the server's own errors behind them (CI's PostgreSQL slice has
# 3 minutes).
EXAMPLES = {"sqlite": 60, "postgresql": 6}

V = None  # a value drawn by the fuzzer

# Every command with its flags; each V is replaced by a drawn value, each (flag, V) pair may be
# left out. Extra drawn words are inserted as well.
COMMANDS: dict[str, list[str | None]] = {
    "dose": ["dose", "--height-cm", V, "--weight-kg", V, "--cycle", V, "--start", V,
             "--response", V, "--bsa-formula", V, "--age-years", V, "--bsa-cap-m2", V],
    "label-sections": ["label", "sections"],
    "label-show": ["label", "show", V],
    "label-search": ["label", "search", V, "--limit", V],
    "order-sheet": ["order-sheet", "--mrn", V, "--cycle", V, "--out", V, "--user", V,
                    "--paper", V],
    "order-sheet-demo": ["order-sheet", "--demo", "--cycle", V, "--out", V],
    "bag-label": ["bag-label", "--mrn", V, "--cycle", V, "--day", V, "--out", V, "--user", V,
                  "--reconstituted-at", V, "--stock", V],
    "db-check": ["db", "check"],
    "db-backup": ["db", "backup", V],
    "db-restore": ["db", "restore", V, "--user", V],
    "audit-verify": ["audit", "verify"],
    "demo": ["demo", "--patients", V, "--seed", V],
    "waste-report": ["waste-report", "--month", V, "--tz", V],
    "users-create-admin": ["users", "create-admin", V, "--full-name", V],
    "users-add": ["users", "add", V, "--full-name", V, "--role", V, "--user", V],
    "users-list": ["users", "list", "--user", V],
    "users-disable": ["users", "disable", V, "--reason", V, "--user", V],
    "users-set-role": ["users", "set-role", V, V, "--reason", V, "--user", V],
    "users-reset-password": ["users", "reset-password", V, "--user", V],
    "users-unlock": ["users", "unlock", V, "--user", V],
    "users-change-password": ["users", "change-password", "--user", V],
    "sign-verify": ["sign", "verify", "--dose", V, "--user", V],
    "sign-prepared": ["sign", "prepared", "--dose", V, "--user", V],
    "sign-double-check": ["sign", "double-check", "--dose", V, "--dose-mg", V, "--volume-ml", V,
                          "--vials", V, "--lot", V, "--user", V],
    "signatures": ["signatures", "--dose", V, "--json"],
    "patient-add": ["patient", "add", "--mrn", V, "--family", V, "--given", V, "--born", V,
                    "--sex", V, "--allergies", V, "--user", V],
    "measurement-add": ["measurement", "add", "--mrn", V, "--height-cm", V, "--weight-kg", V,
                        "--on", V, "--user", V],
    "lab-add": ["lab", "add", "--mrn", V, "--on", V, "--anc", V, "--platelets", V,
                "--transfused", V, "--bilirubin", V, "--bilirubin-uln", V, "--user", V],
    "course-start": ["course", "start", "--mrn", V, "--hsct", V, "--user", V],
    "course-fact": ["course", "fact", "--mrn", V, "--vod-on", V, "--vod-by", V, "--user", V],
    "course-show": ["course", "show", "--mrn", V, "--json"],
    "cycle-plan": ["cycle", "plan", "--mrn", V, "--start", V, "--level", V, "--keep-days", V,
                   "--response", V, "--override", V, "--user", V],
    "dose-day": ["dose-day", V, "--mrn", V, "--cycle", V, "--day", V, "--on", V, "--to", V,
                 "--mg", V, "--released-on", V, "--reason", V, "--user", V],
    "lab-void": ["lab", "void", "--mrn", V, "--id", V, "--reason", V, "--user", V],
    "lab-list": ["lab", "list", "--mrn", V],
    "measurement-void": ["measurement", "void", "--mrn", V, "--id", V, "--reason", V,
                         "--user", V],
    "bench-void": [V, "void", "--id", V, "--reason", V, "--user", V],
    "cycle-prescriber": ["cycle", "prescriber", "--mrn", V, "--cycle", V, "--prescriber", V,
                         "--prescriber-id", V, "--user", V],
}  # fmt: skip

NASTY = [
    "", " ", "-", "--", "0", "-1", "1", "2", "8", "1.5", "1e999", "nan", "inf", "-inf",
    "99999999999999999999", "9" * 400, "¹", "٣", "Ⅻ", "x" * 300, "a\nb", "a\rb", "\t",
    "\x1b[31mred", "\u202eevil", "\u2066x\u2069", "\udc80\udcff", "caf\udce9", "\x00",
    "2026-13-01", "2026-02", "2026-12-01T25:00", "../..", "/", ".", "~", "DEMO0000001",
    "admin", "pharm.a", "pharmacist", "read-only", "a4", "letter", "UTC", "Mars/Olympus",
    "--demo", "--json", "--force", "-h", "--version",
]  # fmt: skip

surrogates = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
values = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.text(st.one_of(st.characters(), surrogates), max_size=12),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.text(max_size=8).map(lambda t: t * 60),  # long strings
    st.sampled_from(["x" * 300 + ".pdf", "folder/", "no-folder/x.pdf", "c.pdf"]),
)


@st.composite
def argvs(draw: st.DrawFn, template: list[str | None]) -> list[str]:
    words: list[str] = []
    index = 0
    while index < len(template):
        word = template[index]
        pair = (
            word is not None and word.startswith("--") and index + 1 < len(template)
            and template[index + 1] is None
        )  # fmt: skip
        if pair and draw(st.booleans()) and draw(st.booleans()):  # drop the flag a quarter
            index += 2
            continue
        words.append(draw(values) if word is None else word)
        index += 1
    for _ in range(draw(st.integers(0, 2))):
        words.insert(draw(st.integers(0, len(words))), draw(values))
    return words


def _run(cli: InProcessCli, db: str, argv: list[str], password: str) -> tuple[int, str, str]:
    try:
        done = cli("--db", str(db), *argv, password=password, new_password="fuzz-new-password-1")
    except SystemExit as stop:  # argparse's own -h/--help prints and exits 0
        code = stop.code if isinstance(stop.code, int) else 2
        return code, "", ""
    return done.code, done.out, done.err


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_no_command_line_gives_an_internal_error(
    name: str,
    cli: InProcessCli,
    staffed_demo: Callable[[int], str],
    engine: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = staffed_demo(1)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    seen: set[int] = set()

    @settings(
        max_examples=int(os.environ.get("INO_DESK_FUZZ_EXAMPLES", EXAMPLES[engine])),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        database=None,
    )
    @given(argv=argvs(COMMANDS[name]), password=st.sampled_from(["wrong-password", ADMIN_PW]))
    def check(argv: list[str], password: str) -> None:
        code, _out, err = _run(cli, db, argv, password)
        seen.add(code)
        assert code in {0, 1, 2, 4}, (argv, err)
        assert err.count("\n") <= 1, (argv, err)
        assert err == "" or err.endswith("\n"), (argv, err)
        assert "Traceback" not in err

    check()
    assert seen  # the property ran
