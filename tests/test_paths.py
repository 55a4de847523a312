"""ino-desk's folders on Linux are read from the XDG variables without importing
platformdirs (issue 17): they must be exactly the folders platformdirs gives, or an update
would lose the user's database, log and pinned key (workstation.json)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import platformdirs
import pytest

from ino_desk import paths

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the XDG reading is Linux's")

VARIABLES = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME")


def _platformdirs_folders() -> tuple[Path, Path, Path]:
    return (
        platformdirs.user_data_path("ino-desk", appauthor=False),
        platformdirs.user_config_path("ino-desk", appauthor=False),
        platformdirs.user_log_path("ino-desk", appauthor=False),
    )


def _ours() -> tuple[Path, Path, Path]:
    return paths.data_dir(), paths.config_dir(), paths.log_dir()


@pytest.mark.parametrize(
    "xdg",
    [
        {},  # none set: under HOME
        {"XDG_DATA_HOME": "/srv/d", "XDG_CONFIG_HOME": "/srv/c/", "XDG_STATE_HOME": "/srv/s"},
        {"XDG_DATA_HOME": "relative/d", "XDG_CONFIG_HOME": "", "XDG_STATE_HOME": " /srv/s"},
    ],
    ids=["unset", "absolute", "relative-or-empty-ignored"],
)
@pytest.mark.parametrize("home", ["/home/pharmacist", "/home/pharmacist/"])
def test_folders_are_the_ones_platformdirs_gives(
    monkeypatch: pytest.MonkeyPatch, xdg: dict[str, str], home: str
) -> None:
    monkeypatch.setenv("HOME", home)
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in xdg.items():
        monkeypatch.setenv(name, value)
    assert _ours() == _platformdirs_folders()


def test_without_an_absolute_home_platformdirs_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "not/absolute")
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    assert _ours() == _platformdirs_folders()


def test_the_log_folder_is_under_the_state_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", "/var/tmp/state")
    assert str(paths.log_dir()) == "/var/tmp/state/ino-desk/log"
