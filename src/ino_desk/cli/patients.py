"""`ino-desk patient add`, `measurement add`, `lab add`: what the patient page records.

Each calls the use case the patient page's dialogs call (register_patient,
record_measurement, record_lab_result), under `--user` with their password.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, TextIO

from ino_desk.cli.clinical import (
    add_mrn_flag,
    add_write_flags,
    date_arg,
    decimal_arg,
    writing,
    yes_no,
)
from ino_desk.cli.corrections import register_patient_voids
from ino_desk.cli.credentials import add_user_flag
from ino_desk.cli.parser import EXIT_OK, UsageError, choice_type
from ino_desk.cli.plausible import (
    add_confirm_flag,
    add_confirm_weight_change_flag,
    plausibility_flags,
)
from ino_desk.domain.patients.labs import LabResult, Measurement
from ino_desk.domain.patients.measurements import read_height, read_weight
from ino_desk.domain.patients.patient import Patient, Sex
from ino_desk.domain.quantities import format_quantity
from ino_desk.services.charts.labs import record_lab_result
from ino_desk.services.charts.measurements import record_measurement
from ino_desk.services.charts.patients import register_patient
from ino_desk.services.paperwork.document_lookup import find_patient

if TYPE_CHECKING:
    import argparse

    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store

# "No known allergies" is a statement of its own; a bare "none" could mean "not asked".
NONE_KNOWN = "none-known"
_AMBIGUOUS_ALLERGIES = {"none", "no", "nka", "nkda", "-", "n/a", "na", "nil"}
PATIENT_FLAGS = {
    "MRN": "--mrn",
    "family name": "--family",
    "given name": "--given",
    "allergies": "--allergies",
    "diagnosis": "--diagnosis",
}
# The lab fields as the domain names them, and the flag typed for each.
LAB_FLAGS = {
    "ANC": "--anc",
    "platelets": "--platelets",
    "platelets transfused since count": "--transfused",
    "peripheral blasts": "--blasts",
    "total bilirubin": "--bilirubin",
    "total bilirubin ULN": "--bilirubin-uln",
    "AST": "--ast",
    "AST ULN": "--ast-uln",
    "ALT": "--alt",
    "ALT ULN": "--alt-uln",
}


def register(commands: Any) -> None:
    patient = commands.add_parser("patient", help="register a patient")
    actions = patient.add_subparsers(dest="patient_action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="register a new patient (pharmacist)")
    add.add_argument("--mrn", required=True, metavar="MRN")
    add.add_argument("--family", required=True, metavar="NAME", help="family name")
    add.add_argument("--given", required=True, metavar="NAME", help="given name")
    add.add_argument("--born", required=True, type=date_arg("--born"), metavar="YYYY-MM-DD")
    add.add_argument("--sex", required=True, type=choice_type("--sex", {s.value: s for s in Sex}))
    add.add_argument(
        "--allergies",
        required=True,
        metavar="TEXT",
        help=f"the allergies, or {NONE_KNOWN} to state that none are known",
    )
    add.add_argument("--diagnosis", default="", metavar="TEXT")
    add_user_flag(add)
    add.set_defaults(func=writing(_add_patient, PATIENT_FLAGS))

    measurement = commands.add_parser("measurement", help="record height and weight")
    m_actions = measurement.add_subparsers(
        dest="measurement_action", required=True, metavar="ACTION"
    )
    m_add = m_actions.add_parser("add", help="height and weight measured on one day")
    add_write_flags(m_add)
    # The same units as `dose` (stored metric, converted by domain.measurements).
    m_height = m_add.add_mutually_exclusive_group(required=True)
    m_height.add_argument("--height-cm", metavar="H")
    m_height.add_argument("--height-in", metavar="H")
    m_weight = m_add.add_mutually_exclusive_group(required=True)
    m_weight.add_argument("--weight-kg", metavar="W")
    m_weight.add_argument("--weight-lb", metavar="W")
    m_add.add_argument("--on", type=date_arg("--on"), metavar="YYYY-MM-DD", help="default today")
    add_confirm_flag(m_add)
    add_confirm_weight_change_flag(m_add)
    m_add.set_defaults(func=writing(_add_measurement, {}))

    lab = commands.add_parser("lab", help="record laboratory results")
    l_actions = lab.add_subparsers(dest="lab_action", required=True, metavar="ACTION")
    l_add = l_actions.add_parser("add", help="one blood draw; give only what was measured")
    add_mrn_flag(l_add)
    l_add.add_argument("--on", type=date_arg("--on"), metavar="YYYY-MM-DD", help="default today")
    l_add.add_argument("--anc", type=decimal_arg("--anc"), metavar="N", help="×10⁹/L")
    l_add.add_argument("--platelets", type=decimal_arg("--platelets"), metavar="N", help="×10⁹/L")
    l_add.add_argument(
        "--transfused", type=yes_no("--transfused"), help="platelets transfused since the count"
    )
    for name in ("bilirubin", "ast", "alt"):
        l_add.add_argument(f"--{name}", type=decimal_arg(f"--{name}"), metavar="N")
        l_add.add_argument(
            f"--{name}-uln",
            type=decimal_arg(f"--{name}-uln"),
            metavar="N",
            help="the laboratory's upper limit of normal, same unit",
        )
    l_add.add_argument("--blasts", type=decimal_arg("--blasts"), metavar="N", help="per mm³")
    add_confirm_flag(l_add)
    add_user_flag(l_add)
    l_add.set_defaults(func=writing(_add_lab, LAB_FLAGS))
    register_patient_voids(l_actions, m_actions)


def _allergies(text: str) -> tuple[bool, str]:
    """(no known allergies, the list): the statement must be explicit."""
    cleaned = text.strip()
    if cleaned.lower() == NONE_KNOWN:
        return True, ""
    if cleaned.lower() in _AMBIGUOUS_ALLERGIES:
        raise UsageError(
            f"--allergies: {text!r} is ambiguous; write {NONE_KNOWN} to state that no "
            "allergies are known, or list them"
        )
    return False, text


def _add_patient(store: Store, who: User, args: argparse.Namespace, out: TextIO) -> int:
    none_known, allergies = _allergies(args.allergies)
    patient = Patient(
        mrn=args.mrn.strip(),
        family_name=args.family,
        given_name=args.given,
        date_of_birth=args.born,
        sex=args.sex,
        no_known_allergies=none_known,
        allergies=allergies,
        diagnosis=args.diagnosis,
    )
    saved = register_patient(store, patient, who)
    out.write(f"patient {saved.mrn} registered: {saved.display_name}\n")
    return EXIT_OK


def _add_measurement(store: Store, who: User, args: argparse.Namespace, out: TextIO) -> int:
    if args.height_cm is not None:
        height = read_height(args.height_cm, field="--height-cm")
    else:
        height = read_height(args.height_in, field="--height-in", inches=True)
    if args.weight_kg is not None:
        weight = read_weight(args.weight_kg, field="--weight-kg")
    else:
        weight = read_weight(args.weight_lb, field="--weight-lb", pounds=True)
    patient = find_patient(store, args.mrn)
    assert patient.id is not None
    on = args.on or date.today()
    measured = Measurement(patient.id, on, height, weight)
    height_flag = "--height-cm" if args.height_cm is not None else "--height-in"
    weight_flag = "--weight-kg" if args.weight_kg is not None else "--weight-lb"
    flags = {"height": height_flag, "weight": weight_flag, "BSA": height_flag}
    with plausibility_flags(flags):
        saved = record_measurement(
            store,
            measured,
            who,
            confirmed=args.confirm_implausible,
            weight_change_confirmed=args.confirm_weight_change,
        )
    out.write(
        f"patient {patient.mrn}: {format_quantity(saved.height_cm, 'cm')}, "
        f"{format_quantity(saved.weight_kg, 'kg')} measured {saved.measured_on.isoformat()}\n"
    )
    return EXIT_OK


def _add_lab(store: Store, who: User, args: argparse.Namespace, out: TextIO) -> int:
    patient = find_patient(store, args.mrn)
    assert patient.id is not None
    result = LabResult(
        patient_id=patient.id,
        drawn_on=args.on or date.today(),
        anc_10e9_per_l=args.anc,
        platelets_10e9_per_l=args.platelets,
        platelets_transfused_since=args.transfused,
        total_bilirubin=args.bilirubin,
        total_bilirubin_uln=args.bilirubin_uln,
        ast_u_per_l=args.ast,
        ast_uln_u_per_l=args.ast_uln,
        alt_u_per_l=args.alt,
        alt_uln_u_per_l=args.alt_uln,
        peripheral_blasts_per_mm3=args.blasts,
    )
    with plausibility_flags(LAB_FLAGS):
        saved = record_lab_result(store, result, who, confirmed=args.confirm_implausible)
    out.write(f"patient {patient.mrn}: lab results drawn {saved.drawn_on.isoformat()} recorded\n")
    return EXIT_OK
