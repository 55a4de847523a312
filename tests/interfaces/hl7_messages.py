"""ORU^R01 messages written the way different laboratory systems send them.

Each builder takes the observations as (LOINC, value, unit, reference range, status) and
writes a whole message; `style` picks the sender's habits: segment separator, identifier
repetitions, escape sequences, where the collection time goes.
"""

from __future__ import annotations

from dataclasses import dataclass

Obx = tuple[str, str, str, str, str]  # code, value, unit, range, OBX-11 status


@dataclass(frozen=True)
class Style:
    separator: str = "\r"
    time_in_obx: bool = True  # OBX-14, else only OBR-7
    mrn_repeats: bool = False  # PID-3 with another identifier first (typed SS), MR second
    facility: str = "GENLAB^1.2.3^ISO"


CR = Style()
LF_OBR_TIME = Style(separator="\n", time_in_obx=False, mrn_repeats=True, facility="CITYLAB")
CRLF = Style(separator="\r\n", mrn_repeats=True, facility="NORTH\\T\\SOUTH LAB")


def oru(
    control_id: str,
    observations: list[Obx],
    *,
    mrn: str = "MRN-1001",
    dob: str = "19790517",
    order: str = "ORD-1",
    collected: str = "202603010815",
    style: Style = CR,
    message_type: str = "ORU^R01^ORU_R01",
    version: str = "2.5.1",
) -> str:
    pid3 = f"123-45-6789^^^SSA^SS~{mrn}^^^GENHOSP^MR" if style.mrn_repeats else f"{mrn}^^^GH^MR"
    segments = [
        f"MSH|^~\\&|LIS|{style.facility}|INO-DESK|PHARMACY|{collected}30||{message_type}|"
        f"{control_id}|P|{version}",
        f"PID|1||{pid3}||O\\S\\BRIEN^ADA||{dob}|F",
        "PV1|1|O",
        f"OBR|1|PLC-1|{order}|CBC^Panel^L|||{collected}",
    ]
    for n, (code, value, unit, ref, status) in enumerate(observations, start=1):
        when = collected if style.time_in_obx else ""
        segments.append(
            f"OBX|{n}|NM|{code}^Test {n}^LN||{value}|{unit}^^UCUM|{ref}|N|||{status}|||{when}"
        )
    return style.separator.join(segments) + style.separator


CBC_AND_LIVER: list[Obx] = [
    ("751-8", "1.2", "10*9/L", "1.5-8.0", "F"),
    ("777-3", "85", "10*9/L", "150-400", "F"),
    ("1975-2", "0.9", "mg/dL", "0.2-1.2", "F"),
    ("1920-8", "31", "U/L", "10-40", "F"),
    ("1742-6", "28", "U/L", "7-45", "F"),
    ("30376-8", "1500", "/mm3", "", "F"),
]
