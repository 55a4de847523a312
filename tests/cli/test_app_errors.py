"""The composition root's safety net: pack errors exit 3, bugs exit 70, never a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ino_desk import app
from ino_desk.cli import dose
from ino_desk.label import pack
from ino_desk.label.pack import CONSTANTS_FILE, default_pack_folder
from tests.conftest import SRC

ARGS = ["dose", "--height-cm", "170", "--weight-kg", "75", "--cycle", "1", "--json"]


@pytest.fixture(autouse=True)
def _private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))


def test_an_altered_label_pack_stops_everything_with_exit_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    altered = tmp_path / "pack"
    shutil.copytree(default_pack_folder(), altered)
    constants = altered / CONSTANTS_FILE
    constants.write_text(
        constants.read_text(encoding="utf-8").replace('value = "0.9"', 'value = "1"', 1),
        encoding="utf-8",
    )
    monkeypatch.setattr(pack, "default_pack_folder", lambda: altered)
    assert app.main(ARGS) == app.EXIT_LABEL_PACK
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("ino-desk: cannot start: label pack ")
    assert f"{constants}: checksum mismatch" in err


def test_an_unexpected_error_is_logged_not_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(dose, "calculate_cycle", broken)
    assert app.main(ARGS) == 70
    out, err = capsys.readouterr()
    assert out == ""
    assert "Traceback" not in err
    assert err.count("\n") == 1
    assert err.startswith("ino-desk: internal error; please report it with the log file ")
    log = Path(err.strip().rsplit(" ", 1)[1])
    assert log.is_relative_to(tmp_path / "xdg_state_home")  # the user's log folder
    content = log.read_text(encoding="utf-8")
    assert "Traceback" in content
    assert "RuntimeError: simulated bug" in content


def test_a_closed_pipe_is_not_an_internal_error(tmp_path: Path) -> None:
    # The reader is gone before the plan is printed (as with `ino-desk dose ... | head -0`).
    env = dict(os.environ, PYTHONPATH=str(SRC))
    for name in ("HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        env[name] = str(tmp_path / name.lower())
    child = subprocess.Popen(
        [sys.executable, "-m", "ino_desk", *ARGS],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    assert child.stdout is not None
    child.stdout.close()
    _, err = child.communicate(timeout=60)
    assert (child.returncode, err) == (0, "")
    assert not list(tmp_path.rglob("crash.log"))
