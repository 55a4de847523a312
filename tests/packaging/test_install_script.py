"""The tarball's install.sh, run on a staged folder holding a stand-in for the frozen app."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from ino_desk.ui.shell.startup import DESKTOP_ID

LINUX = Path(__file__).resolve().parents[2] / "packaging" / "linux"


@pytest.fixture
def staged(tmp_path: Path) -> Path:
    """A tarball folder laid out by stage.sh around a tiny executable that says its version."""
    app = tmp_path / "frozen"
    app.mkdir()
    (app / "_internal").mkdir()
    (app / "_internal" / "data.txt").write_text("bundle payload\n")
    binary = app / "ino-desk"
    binary.write_text("#!/bin/sh\necho 'stand-in ino-desk' \"$@\"\n")
    binary.chmod(0o755)
    stage = tmp_path / "ino-desk-x-linux"
    subprocess.run([str(LINUX / "stage.sh"), str(app), str(stage)], check=True)
    return stage


def _install(staged: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["HOME"] = str(tmp_path / "home")
    env["XDG_DATA_HOME"] = str(tmp_path / "home" / ".local" / "share")
    # The prefix's share folder is declared searched, so nothing goes to /usr/local/share.
    env["XDG_DATA_DIRS"] = f"{tmp_path / 'prefix' / 'share'}:/usr/share"
    return subprocess.run(
        [str(staged / "install.sh"), *args], capture_output=True, text=True, env=env, check=False
    )


def test_stage_lays_out_app_menu_entry_metainfo_and_icons(staged: Path) -> None:
    assert (staged / "ino-desk" / "_internal" / "data.txt").is_file()
    assert (staged / "share" / "applications" / f"{DESKTOP_ID}.desktop").is_file()
    assert (staged / "share" / "metainfo" / f"{DESKTOP_ID}.metainfo.xml").is_file()
    for size in ("16x16", "48x48", "256x256", "512x512"):
        assert (staged / "share/icons/hicolor" / size / "apps" / f"{DESKTOP_ID}.png").is_file()
    assert (staged / "share/icons/hicolor/scalable/apps" / f"{DESKTOP_ID}.svg").is_file()
    assert os.access(staged / "install.sh", os.X_OK)


def test_install_with_prefix_puts_a_working_command_and_menu_entry(
    staged: Path, tmp_path: Path
) -> None:
    prefix = tmp_path / "prefix"
    result = _install(staged, tmp_path, "--prefix", str(prefix))
    assert result.returncode == 0, result.stderr
    app_dir = prefix / "lib" / "ino-desk"
    command = subprocess.run(
        [str(prefix / "bin" / "ino-desk"), "--version"], capture_output=True, text=True, check=True
    )
    assert command.stdout == "stand-in ino-desk --version\n"
    desktop = (prefix / "share/applications" / f"{DESKTOP_ID}.desktop").read_text()
    assert f"\nExec={app_dir}/ino-desk\n" in desktop
    assert f"\nTryExec={app_dir}/ino-desk\n" in desktop
    assert (prefix / "share/icons/hicolor/128x128/apps" / f"{DESKTOP_ID}.png").is_file()
    assert (prefix / "share/metainfo" / f"{DESKTOP_ID}.metainfo.xml").is_file()
    assert not (tmp_path / "home" / ".local").exists()  # prefix/share is searched already


def test_install_twice_updates_in_place(staged: Path, tmp_path: Path) -> None:
    prefix = tmp_path / "prefix"
    assert _install(staged, tmp_path, "--prefix", str(prefix)).returncode == 0
    (staged / "ino-desk" / "_internal" / "data.txt").write_text("new payload\n")
    result = _install(staged, tmp_path, f"--prefix={prefix}")
    assert result.returncode == 0, result.stderr
    assert (prefix / "lib/ino-desk/_internal/data.txt").read_text() == "new payload\n"


def test_uninstall_removes_what_install_put_and_nothing_else(staged: Path, tmp_path: Path) -> None:
    prefix = tmp_path / "prefix"
    keep = prefix / "share" / "applications" / "another-app.desktop"
    keep.parent.mkdir(parents=True)
    keep.write_text("[Desktop Entry]\n")
    assert _install(staged, tmp_path, "--prefix", str(prefix)).returncode == 0
    result = _install(staged, tmp_path, "--uninstall", "--prefix", str(prefix))
    assert result.returncode == 0, result.stderr
    assert not (prefix / "lib" / "ino-desk").exists()
    assert not (prefix / "bin" / "ino-desk").exists()
    remaining = sorted(
        str(p.relative_to(prefix))
        for p in prefix.rglob("*")
        if p.is_file() and p.name not in {"mimeinfo.cache", "icon-theme.cache"}
    )
    assert remaining == ["share/applications/another-app.desktop"]


def test_uninstall_where_nothing_is_installed_says_so(staged: Path, tmp_path: Path) -> None:
    result = _install(staged, tmp_path, "--uninstall", "--prefix", str(tmp_path / "empty"))
    assert result.returncode == 1
    assert "not installed" in result.stderr


def test_unknown_option_is_refused(staged: Path, tmp_path: Path) -> None:
    result = _install(staged, tmp_path, "--prefx", "/tmp/x")
    assert result.returncode == 2
    assert "unknown option --prefx" in result.stderr
