"""`ino-desk dose`: a cycle's doses and preparation as a table or as one JSON object."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, TextIO

from ino_desk.cli.json_out import Json, dumps
from ino_desk.cli.parser import EXIT_OK, UsageError, choice_type
from ino_desk.domain.bench.dose_rounding import DoseRoundingPolicy
from ino_desk.domain.cycles.regimen import ExtensionReason, Response
from ino_desk.domain.errors import InputError
from ino_desk.domain.patients.bsa import BsaFormula
from ino_desk.domain.patients.measurements import (
    HeightWeight,
    read_age_years,
    read_height,
    read_weight,
)
from ino_desk.domain.policy import SitePolicy
from ino_desk.domain.quantities import format_number, format_quantity, parse_decimal
from ino_desk.label.pack import load_pack
from ino_desk.services.planning.dosing import DoseCalculation, DoseQuery, calculate_cycle

if TYPE_CHECKING:
    import argparse
    from decimal import Decimal

    from ino_desk.domain.cycles.plan import CyclePlan
    from ino_desk.domain.rules import ClinicalRules

YES_NO = {"yes": True, "no": False}
# Domain errors name fields in words; on the command line the user typed flags.
_DOMAIN_FIELD_FLAGS = {
    "cycle length": "--cycle-length",
    "response": "--response",
    "cycle": "--cycle",
    "start date": "--start",
    "dose rounding": "--round-to-vial-percent",
    "BSA cap": "--bsa-cap-m2",
}


def register(commands: Any) -> None:
    p = commands.add_parser("dose", help="calculate one cycle's doses and preparation")
    height = p.add_mutually_exclusive_group(required=True)
    height.add_argument("--height-cm", metavar="H")
    height.add_argument("--height-in", metavar="H")
    weight = p.add_mutually_exclusive_group(required=True)
    weight.add_argument("--weight-kg", metavar="W")
    weight.add_argument("--weight-lb", metavar="W")
    p.add_argument("--cycle", required=True, metavar="N")
    p.add_argument(
        "--response", type=choice_type("--response", {r.value: r for r in Response}), default=None
    )
    p.add_argument("--mrd-negative", type=choice_type("--mrd-negative", dict(YES_NO)))
    p.add_argument("--start", metavar="YYYY-MM-DD")
    p.add_argument(
        "--bsa-formula",
        type=choice_type("--bsa-formula", {f.value: f for f in BsaFormula}),
        default=None,
    )
    p.add_argument("--cycle-length", type=choice_type("--cycle-length", {"21": 21, "28": 28}))
    p.add_argument(
        "--extension-reason",
        type=choice_type("--extension-reason", {r.value: r for r in ExtensionReason}),
    )
    p.add_argument("--hsct", type=choice_type("--hsct", dict(YES_NO)))
    p.add_argument("--age-years", metavar="A")
    p.add_argument("--round-to-vial-percent", metavar="P", help="site dose-rounding tolerance")
    p.add_argument("--bsa-cap-m2", metavar="M2", help="site BSA cap (default: none)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def _cycle(text: str) -> int:
    value = parse_decimal(text, "--cycle")
    if value != value.to_integral_value() or not 1 <= value <= 99:
        raise InputError("--cycle", "must be a whole number from 1 to 99")
    return int(value)


def _start(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError("--start", f"{text!r} is not a date; use YYYY-MM-DD") from None


def _optional_decimal(text: str | None, field: str) -> Decimal | None:
    return None if text is None else parse_decimal(text, field)


def query_from_args(args: argparse.Namespace, rules: ClinicalRules) -> DoseQuery:
    """Turn the typed flags into a validated query; InputError names the flag."""
    if args.height_cm is not None:
        height = read_height(args.height_cm, field="--height-cm")
    else:
        height = read_height(args.height_in, field="--height-in", inches=True)
    if args.weight_kg is not None:
        weight = read_weight(args.weight_kg, field="--weight-kg")
    else:
        weight = read_weight(args.weight_lb, field="--weight-lb", pounds=True)
    if args.age_years is not None:
        read_age_years(args.age_years, rules, field="--age-years")
    cycle = _cycle(args.cycle)
    if cycle > 1 and args.response is None:
        raise InputError(
            "--response", f"cycle {cycle} needs the previous cycle's response: none|cr|cri"
        )
    if cycle > 1 and args.extension_reason is not None:
        raise InputError("--extension-reason", "only cycle 1 can be extended")
    # Parse both numbers first: their errors already name the flag the user typed.
    rounding_percent = _optional_decimal(args.round_to_vial_percent, "--round-to-vial-percent")
    bsa_cap = _optional_decimal(args.bsa_cap_m2, "--bsa-cap-m2")
    policy = SitePolicy(
        dose_rounding=DoseRoundingPolicy(rounding_percent),
        bsa_cap_m2=bsa_cap,
    )
    return DoseQuery(
        measurements=HeightWeight(height, weight),
        cycle=cycle,
        start=_start(args.start),
        bsa_formula=args.bsa_formula or policy.bsa_formula,
        previous_response=args.response if cycle > 1 else None,
        previous_mrd_negative=args.mrd_negative,
        cycle_length_days=args.cycle_length,
        extension_reason=args.extension_reason,
        hsct_planned=args.hsct,
        policy=policy,
    )


def as_json(rules: ClinicalRules, calc: DoseCalculation, formula: BsaFormula) -> dict[str, Json]:
    """The `ino-desk dose --json` contract (issue #2); keys are only ever added, never renamed."""
    plan = calc.plan
    doses: list[Json] = []
    for d in plan.doses:
        prep = d.preparation
        doses.append(
            {
                "day": d.day,
                "date": d.window.planned_date.isoformat(),
                "window_start": d.window.window_start.isoformat(),
                "window_end": d.window.window_end.isoformat(),
                "dose_mg_per_m2": d.mg_per_m2,
                "dose_mg": prep.dose_mg,
                "vials": prep.vials,
                "discarded_mg": prep.discarded_mg,
                "drug_volume_ml": prep.drug_volume_ml,
                "diluent_ml": prep.diluent_ml,
                "total_volume_ml": prep.total_volume_ml,
                "concentration_mg_per_ml": prep.concentration_mg_per_ml,
                "infusion_minutes": prep.infusion_minutes,
                "rate_ml_per_h": prep.rate_ml_per_h,
                "calculated_dose_mg": d.rounding.calculated_mg,
                "rounding_percent": d.rounding.percent_difference,
            }
        )
    policy = plan.request.policy
    return {
        "label_revision": rules.info.revision,
        "bsa_formula": formula.value,
        "bsa_m2": calc.bsa_m2,
        "cycle": plan.request.cycle,
        "cycle_length_days": plan.regimen.cycle_length_days,
        "doses": doses,
        "cycle_total_mg": plan.total_mg,
        "findings": [
            {"code": f.code, "severity": f.severity.value, "message": f.message}
            for f in calc.findings
        ],
        "regimen_row": plan.regimen.row.applies_to,
        "dosing_bsa_m2": plan.dosing_bsa_m2,
        "policy": {
            "dose_rounding_percent": policy.dose_rounding.max_percent,
            "bsa_cap_m2": policy.bsa_cap_m2,
        },
    }


def _table(rules: ClinicalRules, calc: DoseCalculation, out: TextIO) -> None:
    plan: CyclePlan = calc.plan
    req = plan.request
    w = out.write
    w(f"{rules.info.brand} ({rules.info.drug}) - US PI {rules.info.revision}\n")
    blocking = sum(f.blocks for f in calc.findings)
    if blocking:
        # First thing a reader sees: the findings that forbid this plan are printed last.
        w(
            f"*** NOT TO BE GIVEN AS PLANNED: {blocking} blocking finding"
            f"{'s' if blocking > 1 else ''}, see Findings below ***\n"
        )
    w(
        f"Cycle {req.cycle}: {plan.regimen.row.applies_to}, "
        f"{plan.regimen.cycle_length_days} days ({'PI ' + plan.regimen.row.section})\n"
    )
    w(f"BSA {format_quantity(calc.bsa_m2, 'm²')} ({req.bsa_formula.display_name})")
    if plan.dosing_bsa_m2 != calc.bsa_m2:
        w(f", dosed on {format_quantity(plan.dosing_bsa_m2, 'm²')} (site BSA cap)")
    w("\n")
    for label, value in req.policy.describe()[1:]:
        w(f"{label}: {value}\n")
    w("\n")
    headers = (
        "Day",
        "Date",
        "Window",
        "mg/m²",
        "Dose",
        "Vials",
        "Drug",
        "NaCl 0.9%",
        "mg/mL",
        "Waste",
    )
    rows = [headers]
    for d in plan.doses:
        p = d.preparation
        window = (
            "that day"
            if d.window.window_start == d.window.window_end
            else f"{d.window.window_start:%m-%d}..{d.window.window_end:%m-%d}"
        )
        dose = format_quantity(p.dose_mg, "mg")
        if d.rounding.rounded:
            dose += f" (calc {format_number(d.rounding.calculated_mg)})"
        rows.append(
            (
                str(d.day),
                d.window.planned_date.isoformat(),
                window,
                format_number(d.mg_per_m2),
                dose,
                str(p.vials),
                format_quantity(p.drug_volume_ml, "mL"),
                format_quantity(p.diluent_ml, "mL"),
                format_number(p.concentration_mg_per_ml),
                format_quantity(p.discarded_mg, "mg"),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(headers))]
    for row in rows:
        w(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            + "\n"
        )
    first = plan.doses[0].preparation
    w(
        f"\nEach dose: IV in {format_quantity(first.total_volume_ml, 'mL')} total, over "
        f"{first.infusion_minutes} min at {format_quantity(first.rate_ml_per_h, 'mL/h')}.\n"
    )
    w(f"Cycle total: {format_quantity(plan.total_mg, 'mg')}\n")
    if calc.findings:
        w("\nFindings:\n")
        for f in calc.findings:
            w(f"  [{f.severity.value.upper()}] {f.code}: {f.message}\n")


def run(args: argparse.Namespace, out: TextIO) -> int:
    rules = load_pack().rules
    try:
        query = query_from_args(args, rules)
        calc = calculate_cycle(rules, query)
    except InputError as exc:
        flag = _DOMAIN_FIELD_FLAGS.get(exc.field, exc.field)
        raise UsageError(f"{flag}: {exc.message}") from None
    if args.json:
        out.write(dumps(as_json(rules, calc, query.bsa_formula)) + "\n")
    else:
        _table(rules, calc, out)
    return EXIT_OK
