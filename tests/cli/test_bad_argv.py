"""Issue #14: the command lines that ended in exit 70 or a multi-line error now exit 2 with
exactly one line on stderr, control characters escaped; with a SQLite file or a PostgreSQL
server database behind (a number beyond any stored id must not reach the server's integers)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.cli.inprocess import PEOPLE, InProcessCli, cli
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

LONG = "x" * 300


@pytest.fixture
def db(staffed_demo: Callable[[int], str]) -> str:
    return staffed_demo(1)


def _one_line_usage(done: object) -> None:
    code, err = done.code, done.err  # type: ignore[attr-defined]
    assert code == 2, err
    assert err.startswith("ino-desk: error: ")
    assert err.count("\n") == 1
    assert err.endswith("\n")


def test_a_superscript_limit(cli: InProcessCli) -> None:
    _one_line_usage(cli("label", "search", "nylon", "--limit", "¹"))


def test_a_dose_id_beyond_any_stored_id(cli: InProcessCli, db: str) -> None:
    for command in (("sign", "verify"), ("signatures",)):
        done = cli("--db", str(db), *command, "--dose", "99999999999999999999",
                   *(("--user", "pharm.a") if command[0] == "sign" else ()),
                   password=PEOPLE["pharm.a"][2])  # fmt: skip
        _one_line_usage(done)
        assert "--dose" in done.err


@pytest.mark.parametrize("flag", ["--mrn", "--user"])
def test_bytes_that_are_not_utf8(cli: InProcessCli, db: str, tmp_path: Path, flag: str) -> None:
    words = {"--mrn": "DEMO0000001", "--user": "pharm.a"}
    words[flag] = "caf\udce9"  # b"caf\xe9" decoded with surrogateescape, as Python gives argv
    done = cli("--db", str(db), "order-sheet", "--mrn", words["--mrn"], "--cycle", "1",
               "--out", str(tmp_path / "c1.pdf"), "--user", words["--user"],
               password=PEOPLE["pharm.a"][2])  # fmt: skip
    _one_line_usage(done)
    assert "not valid text" in done.err
    assert "\udce9" not in done.err


def test_a_file_name_too_long_for_out_and_db(cli: InProcessCli, db: str, tmp_path: Path) -> None:
    out = cli("--db", str(db), "order-sheet", "--demo", "--cycle", "1",
              "--out", str(tmp_path / f"{LONG}.pdf"))  # fmt: skip
    _one_line_usage(out)
    assert "--out" in out.err
    _one_line_usage(cli("--db", str(tmp_path / f"{LONG}.sqlite3"), "db", "check"))
    _one_line_usage(cli("--db", str(db), "db", "backup", str(tmp_path / f"{LONG}.sqlite3")))


def test_db_naming_a_folder(cli: InProcessCli, tmp_path: Path) -> None:
    done = cli("--db", str(tmp_path), "db", "check")
    _one_line_usage(done)
    assert "is a folder" in done.err


def test_a_newline_or_escape_in_an_argument_stays_on_one_line(cli: InProcessCli) -> None:
    done = cli("label", "sections", "extra\nino-desk: all good\x1b[2K\u202e")
    _one_line_usage(done)
    assert "\\n" in done.err
    assert "\x1b" not in done.err
    assert "\u202e" not in done.err


@pytest.mark.parametrize(
    ("argv", "flag"),
    [
        (("db", "backup", "~0"), "PATH"),
        (("db", "restore", "~no-such-user/b.sqlite3"), "PATH"),
        (("order-sheet", "--demo", "--cycle", "1", "--out", "~no-such-user/o.pdf"), "--out"),
        (("downtime-pack", "--out", "~no-such-user/p.pdf"), "--out"),
        (("export", "fhir", "--since", "2026-01-01", "--out", "~no-such-user/f.json"), "--out"),
        (("waste-report", "--month", "2026-01", "--out", "~no-such-user/w.pdf"), "--out"),
        (("interfaces", "listen", "--drop-folder", "~no-such-user"), "--drop-folder"),
        (("--db", "~no-such-user/d.sqlite3", "db", "check"), "--db"),
    ],
)
def test_a_home_folder_of_no_user_names_the_argument(
    cli: InProcessCli, argv: tuple[str, ...], flag: str
) -> None:
    """Found by the fuzz (tests/cli/test_argv_fuzz.py): `~0` ended in an internal error."""
    done = cli(*argv)
    _one_line_usage(done)
    assert f"error: {flag}: ~" in done.err
    assert "no user" in done.err
