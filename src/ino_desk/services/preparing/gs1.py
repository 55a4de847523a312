"""Read what a keyboard-wedge scanner typed from a vial's GS1 code, using the `biip` library."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.domain.bench.vial_scan import (
    LOT_MAX_LENGTH,
    SERIAL_MAX_LENGTH,
    VialData,
    VialRefusedError,
)

if TYPE_CHECKING:
    from datetime import date

FIELD = "vial scan"
GROUP_SEPARATOR = "\x1d"  # what FNC1 becomes when a scanner types a GS1 code
# Scanners that cannot type the invisible GS are often set to send one of these instead.
SEPARATOR_STAND_INS = ("|", "~")
_SCANNER_PREFIXES = ("]d2", "]C1", "]Q3", "]e0")  # AIM symbology identifiers


def read_vial_code(text: str) -> VialData:
    """GTIN, lot, expiry and serial from a scanned code; refuse what is not a valid GS1 code.

    Accepts raw element strings with or without separators, a leading symbology identifier,
    or the printed form with the AIs in brackets. Without separators, a lot or serial that is
    not the last element swallows what follows it: biip cannot know where it ends, so the
    bench shows the parsed lot and serial for the person to compare with the vial.
    """
    import biip  # lazily: only the bench needs barcode parsing
    from biip.gs1_messages import GS1Message

    raw = text.strip().replace("\r", "").replace("\n", "")
    if not raw:
        raise VialRefusedError(FIELD, "nothing was scanned; scan the vial's 2D code")
    config = biip.ParseConfig(separator_chars=(GROUP_SEPARATOR, *SEPARATOR_STAND_INS))
    try:
        if raw.startswith("("):
            message = GS1Message.parse_hri(raw, config=config)
        else:
            for prefix in _SCANNER_PREFIXES:
                raw = raw.removeprefix(prefix)
            message = GS1Message.parse(raw, config=config)
    except biip.ParseError as exc:
        raise VialRefusedError(
            FIELD, f"this is not a readable GS1 code ({exc}); scan again or enter lot and expiry"
        ) from None
    values: dict[str, str] = {}
    expiry: date | None = None
    for element in message.element_strings:
        ai = element.ai.ai
        if ai in values:
            raise VialRefusedError(FIELD, f"the code carries AI ({ai}) twice; scan again")
        values[ai] = element.value
        if ai == "01" and element.gtin is None:
            raise VialRefusedError(FIELD, f"GTIN {element.value} has a wrong check digit")
        if ai == "17":
            expiry = element.date
    lot, serial = values.get("10"), values.get("21")
    for name, value, limit in (("lot", lot, LOT_MAX_LENGTH), ("serial", serial, SERIAL_MAX_LENGTH)):
        if value is not None and len(value) > limit:
            raise VialRefusedError(
                FIELD, f"the {name} read is longer than {limit} characters; scan again"
            )
    return VialData(values.get("01"), lot, expiry, serial)
