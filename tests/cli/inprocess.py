"""Run `ino_desk.app.main(argv)` in this process (fast), with private data and log folders.

Passwords come from INO_DESK_PASSWORD / INO_DESK_NEW_PASSWORD as for a script: standard
input is not a terminal here. Password hashes are the tests' cheap ones (`tests.people`).
"""

from __future__ import annotations

import io
import subprocess
import sys
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

from ino_desk import app
from ino_desk.logging_setup import close_logging
from tests.people import cheap_passwords

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from tests.conftest import CliRunner

ADMIN_PW = "admin-passphrase-1"
PEOPLE = {
    "pharm.a": ("Paula Apothecary", "pharmacist", "first-pharmacist-pw"),
    "nurse.n": ("Nora Nurse", "read-only", "read-only-passw0rd"),
}


@dataclass(frozen=True, slots=True)
class Result:
    code: int
    out: str
    err: str


class InProcessCli:
    """`capsys` None: output is caught with redirect_stdout/stderr (outside a test function,
    e.g. while a module-scoped fixture builds a template database)."""

    def __init__(
        self,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str] | None,
        home: Path,
    ) -> None:
        self._monkeypatch = monkeypatch
        self._capsys = capsys
        self.home = home

    def __call__(self, *argv: str, password: str = "", new_password: str = "") -> Result:
        with self._monkeypatch.context() as m:
            m.setattr(sys, "stdin", io.StringIO())
            # The composition root's verifier, swapped for the tests' cheap one in this process
            # only (a monkeypatch, not a setting: the product has no way to lower it).
            m.setattr(app, "password_verifier", cheap_passwords)
            for name, value in (
                ("INO_DESK_PASSWORD", password),
                ("INO_DESK_NEW_PASSWORD", new_password),
            ):
                if value:
                    m.setenv(name, value)
                else:
                    m.delenv(name, raising=False)
            if self._capsys is None:
                out_text, err_text = io.StringIO(), io.StringIO()
                with redirect_stdout(out_text), redirect_stderr(err_text):
                    code = app.main(list(argv))
                return Result(code, out_text.getvalue(), err_text.getvalue())
            self._capsys.readouterr()
            code = app.main(list(argv))
            out, err = self._capsys.readouterr()
        return Result(code, out, err)

    @property
    def log_file(self) -> Path:
        return self.home / "state" / "ino-desk" / "log" / "ino-desk.log"

    def staffed_demo(self, db: Path | str, patients: int = 3) -> None:
        """`demo` patients, the administrator, a pharmacist and a read-only user."""
        done = self("--db", str(db), "demo", "--patients", str(patients), "--seed", "1")
        assert done.code == 0, done.err
        first = self(
            "--db", str(db), "users", "create-admin", "admin", "--full-name", "Ada Admin",
            new_password=ADMIN_PW,
        )  # fmt: skip
        assert first.code == 0, first.err
        for name, (full, role, pw) in PEOPLE.items():
            added = self(
                "--db", str(db), "users", "add", name, "--full-name", full, "--role", role,
                "--user", "admin", password=ADMIN_PW, new_password=pw,
            )  # fmt: skip
            assert added.code == 0, added.err


def _private_folders(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    for name, sub in (
        ("HOME", "home"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        monkeypatch.setenv(name, str(home / sub))
    monkeypatch.delenv("INO_DESK_DB", raising=False)


@pytest.fixture
def cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[InProcessCli]:
    home = tmp_path / "home"
    _private_folders(monkeypatch, home)
    yield InProcessCli(monkeypatch, capsys, home)
    close_logging()


@contextmanager
def template_cli(home: Path) -> Iterator[InProcessCli]:
    """The in-process CLI for a module- or session-scoped fixture (no `capsys` there)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        _private_folders(monkeypatch, home)
        try:
            yield InProcessCli(monkeypatch, None, home)
        finally:
            close_logging()


def completed(cli: InProcessCli) -> CliRunner:
    """`run_cli`'s signature over `app.main` in this process (cheap hashes, no interpreter
    start per command): a child-process test moves here with its assertions unchanged."""

    def run(
        *args: str, timeout: float = 60, extra_env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        env = extra_env or {}
        unknown = set(env) - {"INO_DESK_PASSWORD", "INO_DESK_NEW_PASSWORD"}
        assert not unknown, f"in process, only the password variables are passed: {unknown}"
        done = cli(
            *args,
            password=env.get("INO_DESK_PASSWORD", ""),
            new_password=env.get("INO_DESK_NEW_PASSWORD", ""),
        )
        return subprocess.CompletedProcess(list(args), done.code, done.out, done.err)

    return run


@pytest.fixture
def run_cli_in_process(cli: InProcessCli) -> CliRunner:
    """`run_cli` in this process (see `completed`)."""
    return completed(cli)
