"""The printed QR code and barcode scan back to the record (pdftoppm + zbarimg)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ino_desk.domain.rules import ClinicalRules
from ino_desk.pdf.render import PdfRenderer
from tests.conftest import require_program
from tests.pdf.worked_patient import worked_label, worked_sheet
from tests.readback import parse_code_payload


def _scan(pdf: bytes, tmp_path: Path, dpi: int) -> list[str]:
    """Render page 1 and decode every symbol on it; one decoded text per symbol."""
    source = tmp_path / "doc.pdf"
    source.write_bytes(pdf)
    prefix = tmp_path / "page"
    subprocess.run(
        [require_program("pdftoppm"), "-png", "-r", str(dpi), "-f", "1", "-l", "1", source, prefix],
        check=True,
    )
    (png,) = tmp_path.glob("page*.png")
    result = subprocess.run(
        [
            require_program("zbarimg"),
            "-q",
            "--raw",
            "-Sdisable",
            "-Sqrcode.enable",
            "-Scode128.enable",
            png,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_order_sheet_qr_decodes_to_the_record(rules: ClinicalRules, tmp_path: Path) -> None:
    sheet = worked_sheet(rules)
    (decoded,) = _scan(PdfRenderer().order_sheet(sheet), tmp_path, dpi=150)
    fields = parse_code_payload(decoded)
    assert fields == {
        "doc": sheet.document_id,
        "mrn": "MRN-424242",
        "cycle": "1",
        # hand-worked doses: 1.5 mg, 0.94 mg, 0.94 mg (see worked_patient.py)
        "doses": "D1:1.5mg,D8:0.94mg,D15:0.94mg",
        "sha256": sheet.content_hash,
    }


def test_bag_label_barcode_decodes_to_the_dose_id(rules: ClinicalRules, tmp_path: Path) -> None:
    (decoded,) = _scan(PdfRenderer().bag_label(worked_label(rules)), tmp_path, dpi=300)
    assert decoded == "MRN-424242-C1D8"


_ID = st.text(
    alphabet=st.characters(min_codepoint=33, max_codepoint=126, exclude_characters=";=,|"),
    min_size=1,
    max_size=20,
)


@given(doc=_ID, mrn=_ID, digest=st.text("0123456789abcdef", min_size=64, max_size=64))
def test_payload_fields_read_back_exactly(doc: str, mrn: str, digest: str) -> None:
    text = f"INODESK1;doc={doc};mrn={mrn};cycle=2;doses=D1:0.5mg;sha256={digest}"
    assert parse_code_payload(text) == {
        "doc": doc,
        "mrn": mrn,
        "cycle": "2",
        "doses": "D1:0.5mg",
        "sha256": digest,
    }


@pytest.mark.parametrize(
    "text",
    ["HELLO;doc=1", "INODESK1;doc", "INODESK1;doc=1;doc=2", "INODESK1;=x"],
)
def test_a_foreign_or_damaged_code_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"not an ino-desk|malformed"):
        parse_code_payload(text)
