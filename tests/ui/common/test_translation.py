"""Every user-visible string goes through Qt's translation (issue 16), and the shipped
translation source `resources/i18n/ino_desk.ts` lists them all.

Regenerate the source after changing screen text (pyside6-lupdate ships in the
PySide6-Essentials wheel):

    .venv/bin/pyside6-lupdate $(cd . && find src/ino_desk/ui -name '*.py' | sort) \
        -locations none -no-obsolete -ts resources/i18n/ino_desk.ts
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
UI = ROOT / "src" / "ino_desk" / "ui"
TS = ROOT / "resources" / "i18n" / "ino_desk.ts"

# Calls whose text arguments a user reads: labels, buttons, titles, tips, items, headers,
# menus, message boxes, input prompts, form rows.
TEXT_CALLS = frozenset(
    {
        "QLabel",
        "QPushButton",
        "QCheckBox",
        "QRadioButton",
        "QGroupBox",
        "QAction",
        "QMenu",
        "setText",
        "setWindowTitle",
        "setToolTip",
        "setStatusTip",
        "setWhatsThis",
        "setPlaceholderText",
        "setAccessibleName",
        "setTitle",
        "setHeaderLabels",
        "setHorizontalHeaderLabels",
        "setVerticalHeaderLabels",
        "addItem",
        "addItems",
        "setItemText",
        "addTab",
        "insertTab",
        "setTabText",
        "addMenu",
        "addAction",
        "addRow",
        "addButton",
        "showMessage",
        "warning",
        "information",
        "critical",
        "question",
        "about",
        "getText",
        "getItem",
        "setLabelText",
        "setInformativeText",
    }
)
# The desk's own helpers that put text on screen, and which of their arguments is that text
# (the others are field names, object names or data).
HELPER_TEXT_ARGS: dict[str, tuple[int, ...]] = {
    "_action": (0,),  # a menu entry
    "_button": (0,),  # a button
    "_named": (2,),  # an accessible name
    "_with_button": (2,),
    "add_field": (1,),  # a form row's label
    "_line": (1,),
    "_secret": (1,),
    "attempt": (1,),  # the title of the message box that reports a failure
    "getSaveFileName": (1, 3),  # the file dialog's title and filter
}
# Text that is not language: a product name shown as is, units, markup without words.
NOT_LANGUAGE = frozenset({"ino-desk", "DEMO", "mg", "mL", "kg", "cm", "lb", "in", "OK"})


def _words(text: str) -> bool:
    """True when the text has words once markup and entities are taken out."""
    bare = re.sub(r"&#?\w+;", "", re.sub(r"<[^>]*>", "", text)).strip()
    return bool(re.search(r"[A-Za-z]", bare)) and bare not in NOT_LANGUAGE


def _literal_text(node: ast.expr) -> bool:
    match node:
        case ast.Constant(value=str(text)):
            return _words(text)
        case ast.JoinedStr(values=parts):
            return any(
                isinstance(p, ast.Constant) and isinstance(p.value, str) and _words(p.value)
                for p in parts
            )
        case ast.BinOp(left=left, right=right):
            return _literal_text(left) or _literal_text(right)
        case ast.IfExp(body=body, orelse=orelse):
            return _literal_text(body) or _literal_text(orelse)
        case ast.List(elts=items) | ast.Tuple(elts=items):
            return any(_literal_text(i) for i in items)
    return False


def _called(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def untranslated(source: str) -> list[tuple[int, str]]:
    """(line, call) of every literal text handed to a text call without tr/translate."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        called = _called(node)
        if called in TEXT_CALLS:
            found.extend((node.lineno, called) for arg in node.args if _literal_text(arg))
        elif called in HELPER_TEXT_ARGS:
            texts = [node.args[i] for i in HELPER_TEXT_ARGS[called] if i < len(node.args)]
            found.extend((node.lineno, called) for arg in texts if _literal_text(arg))
    return found


def test_the_scanner_finds_plain_and_formatted_text_and_passes_translated_text() -> None:
    source = (
        'QLabel("Dose day")\n'
        'b.setText(f"Cycle {n} saved")\n'
        'w.setHeaderLabels(["Date", self.tr("Dose")])\n'
        'QLabel(self.tr("Dose day"))\n'
        'b.setText(QCoreApplication.translate("Ctx", "Saved {0}").format(n))\n'
        'QLabel("<br>")\n'
        "b.setObjectName('doseDay')\n"
        'f.add_field("family name", "Family name:", w, "familyName")\n'
        'f.add_field("family name", self.tr("Family name:"), w, "familyName")\n'
    )
    assert untranslated(source) == [
        (1, "QLabel"),
        (2, "setText"),
        (3, "setHeaderLabels"),
        (8, "add_field"),
    ]


def test_no_screen_shows_text_that_bypasses_translation() -> None:
    found = [
        f"{path.relative_to(UI)}:{line} {call}"
        for path in sorted(UI.rglob("*.py"))
        for line, call in untranslated(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def _lupdate() -> str:
    beside = Path(sys.executable).with_name("pyside6-lupdate")
    program = str(beside) if beside.exists() else shutil.which("pyside6-lupdate")
    if program is None:
        pytest.skip("pyside6-lupdate is not installed (it ships in PySide6-Essentials)")
    return program


def test_the_shipped_translation_source_lists_every_screen_text(tmp_path: Path) -> None:
    """lupdate over a copy keeps any translations already made and adds what is new: the
    copy must come back unchanged."""
    copy = tmp_path / "ino_desk.ts"
    shutil.copyfile(TS, copy)
    sources = sorted(str(p.relative_to(ROOT)) for p in UI.rglob("*.py"))
    subprocess.run(
        [_lupdate(), *sources, "-locations", "none", "-no-obsolete", "-ts", str(copy)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    assert copy.read_text(encoding="utf-8") == TS.read_text(encoding="utf-8"), (
        "resources/i18n/ino_desk.ts is out of date: regenerate it (see this module)"
    )
