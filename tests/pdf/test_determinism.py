"""Invariant output is byte-identical, so a golden hash catches any accidental change.

When a change to the layout is intended (or ReportLab is upgraded), render the pages with
`pdftoppm -png -r 80`, look at them, and only then update the hashes below.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

from ino_desk.domain.rules import ClinicalRules
from ino_desk.pdf.render import PdfRenderer
from tests.conftest import SRC
from tests.pdf.worked_patient import pdf_pages, worked_label, worked_sheet

ORDER_SHEET_SHA256 = "efebe0877c8d2005e9c7a8923e291c36f98511d55f710eb5b4f764e19adf198e"
BAG_LABEL_SHA256 = "d5f544e5c0e57c8c7842189e8b3e8d4655eb208045f3e35c2bb2d3df6f130fe4"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_order_sheet_matches_its_golden_hash(rules: ClinicalRules) -> None:
    assert _sha(PdfRenderer(invariant=True).order_sheet(worked_sheet(rules))) == ORDER_SHEET_SHA256


def test_bag_label_matches_its_golden_hash(rules: ClinicalRules) -> None:
    assert _sha(PdfRenderer(invariant=True).bag_label(worked_label(rules))) == BAG_LABEL_SHA256


def test_without_invariant_the_printed_text_is_still_the_same(rules: ClinicalRules) -> None:
    # Real printouts carry their creation time in the metadata, never in what is printed.
    sheet = worked_sheet(rules)
    first = pdf_pages(PdfRenderer().order_sheet(sheet))
    second = pdf_pages(PdfRenderer().order_sheet(sheet))
    assert first == second
    assert sheet.content_hash in first[0]


def test_renderer_modules_import_reportlab_only_when_rendering() -> None:
    code = (
        "import sys\n"
        "import ino_desk.pdf.render, ino_desk.cli.main\n"
        "import ino_desk.services.paperwork.order_documents\n"
        "assert 'reportlab' not in sys.modules, 'imported at module import time'\n"
        "print('ok')\n"
    )
    env = dict(os.environ, PYTHONPATH=str(SRC))
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert result.stdout.strip() == "ok", result.stderr
