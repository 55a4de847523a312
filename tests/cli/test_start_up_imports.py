"""A quick command imports what it uses and exits without a last walk over its objects
(issue 17), still writing everything it writes; its help reads as argparse's own."""

from __future__ import annotations

import argparse
import atexit
import gc
import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from ino_desk import app
from ino_desk.cli.parser import StrictParser
from tests.conftest import SRC

if TYPE_CHECKING:
    from pathlib import Path

# Loaded by the dose command before issue 17, used by none of its work: platformdirs (the
# log folder is read from XDG), shutil (argparse's terminal width).
NOT_FOR_A_DOSE = ("platformdirs", "shutil")

PROBE = """
import json, sys
from ino_desk.app import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(SRC))
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[name] = str(tmp_path / name.lower())
    return env


def _log(tmp_path: Path) -> str:
    return (tmp_path / "xdg_state_home" / "ino-desk" / "log" / "ino-desk.log").read_text("utf-8")


def test_the_dose_command_loads_no_folder_library_no_shutil_no_openssl(tmp_path: Path) -> None:
    env = _env(tmp_path)
    argv = ["dose", "--height-cm", "170", "--weight-kg", "75", "--cycle", "1", "--json"]
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["code"] == 0, result.stderr
    assert not set(NOT_FOR_A_DOSE) & set(report["modules"])
    # The label pack was still verified and the run still logged.
    assert "ino_desk.label.checksums" in report["modules"]
    assert "started (dose)" in _log(tmp_path)


def test_a_command_run_as_its_own_process_writes_all_before_its_quick_exit(
    tmp_path: Path,
) -> None:
    env = _env(tmp_path)
    out = tmp_path / "sheet.pdf"
    sheet = [sys.executable, "-m", "ino_desk", "order-sheet", "--demo", "--cycle", "1"]
    done = subprocess.run(
        [*sheet, "--out", str(out)], capture_output=True, env=env, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert data.rstrip().endswith(b"%%EOF")
    dose = [sys.executable, "-m", "ino_desk", "dose", "--height-cm", "170", "--weight-kg", "75"]
    done = subprocess.run(
        [*dose, "--cycle", "1", "--json"], capture_output=True, env=env, check=False, timeout=120
    )
    assert json.loads(done.stdout)["cycle"] == 1
    # Both runs' records reached the file whole (flushed and closed by the exit's handlers).
    lines = _log(tmp_path).splitlines(keepends=True)
    assert "started (order-sheet)" in lines[0]
    assert "started (dose)" in lines[-1]
    assert lines[-1].endswith("\n")


@pytest.mark.parametrize("own_process", [True, False])
def test_only_a_process_of_its_own_pauses_and_freezes_the_collector(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, own_process: bool
) -> None:
    frozen: list[str] = []
    registered: list[object] = []

    def freeze() -> None:  # not this test process's real objects
        frozen.append("now")

    monkeypatch.setattr(gc, "freeze", freeze)
    monkeypatch.setattr(atexit, "register", registered.append)
    for name, value in _env(tmp_path).items():
        monkeypatch.setenv(name, value)
    argv = ["dose", "--height-cm", "170", "--weight-kg", "75", "--cycle", "1", "--json"]
    monkeypatch.setattr(sys, "argv", ["ino-desk", *argv])
    assert (app.main() if own_process else app.main(argv)) == 0
    assert gc.isenabled()
    assert frozen == (["now"] if own_process else [])
    assert registered == ([freeze] if own_process else [])


@pytest.mark.parametrize("words", [["--version"], ["dose", "--no-such-flag"]])
def test_the_collector_runs_again_on_every_way_out(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, words: list[str]
) -> None:
    for name, value in _env(tmp_path).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "argv", ["ino-desk", *words])
    app.main()
    assert gc.isenabled()


def _parsers(parser_class: type[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    parser = parser_class(prog="ino-desk", description="A description long enough to wrap. " * 4)
    parser.add_argument("--height-cm", metavar="H", help="height in centimetres " * 5)
    parser.add_argument("--cycle", required=True, metavar="N")
    return parser


@pytest.mark.parametrize("columns", [None, "40", "60", "100", "0", "wide"])
def test_help_is_wrapped_as_argparse_wraps_it(
    monkeypatch: pytest.MonkeyPatch, columns: str | None
) -> None:
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert _parsers(StrictParser).format_help() == _parsers(argparse.ArgumentParser).format_help()
