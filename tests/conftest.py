"""Fixtures shared by every test package."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from ino_desk.label.pack import load_pack
from tests.templates import template_database  # noqa: F401 - a session fixture

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture(scope="session")
def rules() -> ClinicalRules:
    return load_pack().rules


def _entry_point() -> list[str]:
    """The installed `ino-desk` console script when present, else `python -m ino_desk`."""
    script = Path(sys.executable).with_name("ino-desk")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "ino_desk"]


CliRunner = Callable[..., subprocess.CompletedProcess[str]]


def cli_runner(home: Path) -> CliRunner:
    """Run the real command line in a child process with its data folders under `home`."""

    def run(
        *args: str, timeout: float = 60, extra_env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        env = dict(os.environ) | (extra_env or {})
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
        env["HOME"] = str(home / "home")
        env["XDG_DATA_HOME"] = str(home / "data")
        env["XDG_CONFIG_HOME"] = str(home / "config")
        env["XDG_STATE_HOME"] = str(home / "state")
        env["XDG_CACHE_HOME"] = str(home / "cache")
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        return subprocess.run(
            [*_entry_point(), *args],
            capture_output=True,
            text=True,
            env=env,
            stdin=subprocess.DEVNULL,  # never a terminal: a password prompt must not wait
            timeout=timeout,
            check=False,
        )

    return run


@pytest.fixture
def run_cli(tmp_path: Path) -> CliRunner:
    """Run the real command line in a child process with its own data folders."""
    return cli_runner(tmp_path)


def require_program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed; scripts/bootstrap --test installs it")
    return path


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`slow` tests run only when asked for with `-m slow` (as the marker's help says)."""
    if "slow" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with -m slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def private_workstation_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pinned administrator key of a test goes to its own folder, never the real one
    (GUI tests do not move Qt's configuration folder)."""
    from ino_desk import workstation

    folder = tmp_path / "workstation-config"
    monkeypatch.setattr(workstation, "config_path", lambda: folder / workstation.CONFIG_FILE)
