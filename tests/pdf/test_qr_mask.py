"""The quick mask scoring picks ReportLab's own mask: the same QR symbol, module for module."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.graphics.barcode import qrencoder

from ino_desk.pdf.qr_mask import QuickMaskQRCode, lost_points

# Order-sheet payloads are ASCII (ids, MRNs, doses, a hex digest); other text is tried too.
payloads = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), min_size=1)


def _made(kind: type[qrencoder.QRCode], payload: str) -> qrencoder.QRCode:
    code = kind(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.make()
    return code


@settings(max_examples=60, deadline=None)
@given(payloads | st.text(min_size=1, max_size=200))
def test_the_symbol_is_reportlabs_own(payload: str) -> None:
    assert _made(QuickMaskQRCode, payload).modules == _made(qrencoder.QRCode, payload).modules


@settings(max_examples=30, deadline=None)
@given(payloads)
def test_every_masks_score_is_reportlabs_score(payload: str) -> None:
    code = _made(qrencoder.QRCode, payload)
    for pattern in range(8):
        code.makeImpl(True, pattern)
        assert lost_points(code.modules) == qrencoder.QRUtil.getLostPoint(code)


def test_a_full_order_sheet_payload_is_reportlabs_symbol() -> None:
    payload = (
        "INODESK1;doc=OS-C49C84AE6DCD;mrn=DEMO-0001;cycle=1;doses=D1:1.4mg,D8:0.85mg,"
        "D15:0.85mg;sha256=c49c84ae6dcda20a714fadb7429af20a164e0097cf2c5e631932849f0c397f0b"
    )
    assert _made(QuickMaskQRCode, payload).modules == _made(qrencoder.QRCode, payload).modules
