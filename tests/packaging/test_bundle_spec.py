"""The PyInstaller spec and its Qt hooks: valid Python that keeps what the bundle needs."""

from __future__ import annotations

import ast
from pathlib import Path

from ino_desk.ui.shell.startup import DESKTOP_ID

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
SPEC = PACKAGING / "ino-desk.spec"
HOOKS = PACKAGING / "pyinstaller-hooks"


def _assigned(tree: ast.Module, name: str) -> ast.expr:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return node.value
    raise AssertionError(f"{name} is not assigned at the top level")


def test_spec_parses_as_python() -> None:
    ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))


def test_spec_uses_the_same_application_id_as_the_desktop_entry() -> None:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    assert ast.literal_eval(_assigned(tree, "APP_ID")) == DESKTOP_ID


def test_spec_ships_resources_where_the_frozen_lookup_finds_them() -> None:
    text = SPEC.read_text(encoding="utf-8")
    # ino_desk.resources looks in sys._MEIPASS/ino_desk/_resources when frozen
    assert '(str(ROOT / "resources"), "ino_desk/_resources")' in text
    assert '"persistence" / "migrations"' in text


def test_spec_excludes_test_tools_and_unused_qt_modules() -> None:
    excludes = ast.literal_eval(_assigned(ast.parse(SPEC.read_text()), "excludes"))
    for module in (
        "pytest",
        "hypothesis",
        "tests",
        "PySide6.QtQml",
        "PySide6.QtQuick",
        "PySide6.QtWebEngineCore",
        "PySide6.Qt3DCore",
        "PySide6.QtMultimedia",
    ):
        assert module in excludes
    assert "PySide6.QtPdf" not in excludes
    assert "PySide6.QtPrintSupport" not in excludes


def test_qt_hook_keeps_the_plugins_the_app_needs() -> None:
    hook = HOOKS / "hook-PySide6.QtGui.py"
    keep = ast.literal_eval(_assigned(ast.parse(hook.read_text()), "KEEP_PLUGINS"))
    assert {"qxcb", "qoffscreen", "qwindows", "qcocoa"} <= keep["platforms"]
    assert {"qsvg", "qpdf", "qico"} <= keep["imageformats"]
    assert keep["iconengines"] is None
    assert "eglfs" not in str(keep)
    assert "qvnc" not in keep["platforms"]


def test_every_hook_parses_as_python() -> None:
    hooks = sorted(HOOKS.glob("hook-*.py"))
    assert hooks
    for hook in hooks:
        ast.parse(hook.read_text(encoding="utf-8"), filename=str(hook))
