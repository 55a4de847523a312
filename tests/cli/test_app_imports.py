"""Importing ino_desk has no side effects; the CLI never loads Qt, SQLAlchemy or ReportLab."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING

from tests.conftest import SRC

if TYPE_CHECKING:
    from pathlib import Path

HEAVY = ("PySide6", "shiboken6", "sqlalchemy", "alembic", "reportlab")
# Packages whose job is a heavy library: importing them may load it, nothing else may.
OWNERS_OF_HEAVY = ("ino_desk.ui", "ino_desk.persistence", "ino_desk.pdf")

PROBE = """
import importlib, json, logging, os, pkgutil, sys
import ino_desk
skip = tuple(sys.argv[1].split(",")) if sys.argv[1] else ()

def walk(folder, prefix):
    # Not pkgutil.walk_packages: it imports every package to list it, skipped ones too.
    for m in pkgutil.iter_modules([folder], prefix):
        yield m.name
        if m.ispkg:
            yield from walk(os.path.join(folder, m.name.rsplit(".", 1)[1]), m.name + ".")

names = sorted(
    name for name in walk(ino_desk.__path__[0], "ino_desk.")
    if not name.startswith(skip) and name != "ino_desk.__main__"
)
handlers_before = list(logging.getLogger().handlers)
for name in names:
    importlib.import_module(name)
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(sys.argv[2].split(",")))
print(json.dumps({"imported": names, "heavy": heavy,
                  "root_handlers_changed": logging.getLogger().handlers != handlers_before}))
"""


def _probe(tmp_path: Path, skip: tuple[str, ...]) -> tuple[dict[str, object], str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC)
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[name] = str(tmp_path / name.lower())
    work = tmp_path / "cwd"
    work.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", PROBE, ",".join(skip), ",".join(HEAVY)],
        capture_output=True,
        text=True,
        env=env,
        cwd=work,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    created = sorted(p.name for p in tmp_path.rglob("*") if p != work)
    assert created == [], f"importing created files: {created}"
    return json.loads(result.stdout), result.stderr


def test_non_gui_modules_import_without_heavy_libraries_or_side_effects(tmp_path: Path) -> None:
    report, stderr = _probe(tmp_path, OWNERS_OF_HEAVY)
    imported = report["imported"]
    assert isinstance(imported, list)
    assert {"ino_desk.app", "ino_desk.cli.main", "ino_desk.cli.dose", "ino_desk.label.pack"} <= set(
        imported
    )
    assert report["heavy"] == []
    assert report["root_handlers_changed"] is False
    assert stderr == ""


def test_every_module_imports_silently(tmp_path: Path) -> None:
    # ui, persistence and pdf included: loading their libraries is fine, doing things is not
    report, stderr = _probe(tmp_path, ())
    assert report["root_handlers_changed"] is False
    assert stderr == ""


def test_version_runs_without_heavy_libraries(tmp_path: Path) -> None:
    code = (
        "import sys, io, contextlib\n"
        "from ino_desk.app import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['--version']) == 0\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main('dose --height-cm 170 --weight-kg 75 --cycle 1'.split()) == 0\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r}))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(SRC), HOME=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_only_the_asked_for_command_module_is_imported(tmp_path: Path) -> None:
    code = (
        "import sys, io, contextlib\n"
        "from ino_desk.app import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main('--db x.sqlite3 dose --height-cm 170 --weight-kg 75 --cycle 1'.split()) "
        "== 0\n"
        "print(sorted(m for m in sys.modules if m.startswith('ino_desk.cli.')))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(SRC), HOME=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    loaded = result.stdout.strip()
    assert "ino_desk.cli.dose" in loaded
    for other in ("documents", "sign", "users", "db", "waste", "audit", "demo", "label"):
        assert f"ino_desk.cli.{other}'" not in loaded, other


def test_the_command_word_is_found_after_global_options() -> None:
    from ino_desk.cli.main import requested_command

    assert requested_command(["--db", "dose", "label", "show", "2.1"]) == "label"
    assert requested_command(["--db=x", "dose"]) == "dose"
    assert requested_command(["--version"]) is None
    assert requested_command([]) is None
