"""Clearly fictional demo patients as rows: names, measurements, labs, a course, its cycles.

Doses come from `domain.plan.plan_cycle`; ids sit in fixed slots per patient (cycle and dose
ids leave gaps) so batches made in different processes never collide.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.cycles.cycle_limits import CycleOutcome
from ino_desk.domain.cycles.modifications import ReductionLevel
from ino_desk.domain.cycles.plan import CyclePlan, CycleRequest, plan_cycle
from ino_desk.domain.cycles.regimen import Response
from ino_desk.domain.patients.bsa import BsaFormula, body_surface_area
from ino_desk.domain.patients.patient import Sex
from ino_desk.domain.policy import SitePolicy
from ino_desk.persistence.repositories.search_keys import mrn_key, name_key

if TYPE_CHECKING:
    import random

    from ino_desk.domain.rules import ClinicalRules

DEMO_WHO = "demo"
DEMO_REASON = "demo data: fictional patients"
DEMO_POLICY = SitePolicy().lines()  # demo plans use the label-conforming defaults
MRN_PREFIX = "DEMO"
MAX_DEMO_CYCLES = 3

_GIVEN = (
    "Ada", "Bram", "Cora", "Dex", "Elsa", "Finn", "Gus", "Hale", "Iris", "Jory", "Kit", "Lark",
    "Milo", "Nell", "Otto", "Pia", "Quin", "Rue", "Sol", "Tess", "Ugo", "Vera", "Wren", "Yara",
)  # fmt: skip
_FAMILY_HEAD = (
    "Bramble", "Cinder", "Dapple", "Ember", "Fennel", "Gloam", "Hollow", "Juniper", "Kettle",
    "Lantern", "Marrow", "Nettle", "Oaken", "Pebble", "Quill", "Rook", "Sorrel", "Thistle",
)  # fmt: skip
_FAMILY_TAIL = ("wick", "bury", "field", "worth", "combe", "thorpe", "dale", "ford", "more")
DEMO_PRESCRIBER = "Dr Demo Prescriber (fictional)"
# No demo record is marked entered in error (r0017 columns).
_IN_FORCE: dict[str, Any] = {"error_reason": None, "error_by": None, "error_at": None}
DEMO_DIAGNOSIS = "DEMO - fictional patient: relapsed CD22-positive B-cell precursor ALL"


@dataclass(slots=True)
class DemoBatch:
    """Rows of one batch, per table, as column -> Python value dicts."""

    rows: dict[str, list[dict[str, Any]]]

    def add(self, entity: str, row_id: int, values: dict[str, Any]) -> int:
        values["id"] = row_id
        self.rows[entity].append(values)
        return row_id


def _dec(value: float, step: str) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(step))


def add_demo_patient(
    batch: DemoBatch,
    plans: dict[tuple[Any, ...], CyclePlan],
    rules: ClinicalRules,
    rng: random.Random,
    number: int,
    today: date,
) -> None:
    family = rng.choice(_FAMILY_HEAD) + rng.choice(_FAMILY_TAIL)
    given = rng.choice(_GIVEN)
    mrn = f"{MRN_PREFIX}{number:07d}"
    sex = rng.choice((Sex.FEMALE, Sex.MALE))
    age = rng.randint(18, 84)  # adults only: small children need doses the bag method can't make
    allergic = rng.random() < 0.2
    pid = batch.add(
        "patient",
        number,
        {
            "mrn": mrn,
            "mrn_key": mrn_key(mrn),
            "name_key": name_key(family, given),
            "family_name": family,
            "given_name": given,
            "date_of_birth": today - timedelta(days=age * 365 + rng.randint(0, 364)),
            "sex": sex,
            "no_known_allergies": not allergic,
            "allergies": "DEMO: penicillin (rash)" if allergic else "",
            "diagnosis": DEMO_DIAGNOSIS,
        },
    )
    start = today + timedelta(days=rng.randint(-49, 14))  # recent courses: one or two cycles
    height = _dec(rng.gauss(176 if sex is Sex.MALE else 163, 7), "1")
    weight = _dec(max(45.0, rng.gauss(82 if sex is Sex.MALE else 68, 12)), "0.1")
    batch.add(
        "measurement",
        number,
        {
            "patient_id": pid,
            "measured_on": start,
            "height_cm": height,
            "weight_kg": weight,
            **_IN_FORCE,
        },
    )
    batch.add(
        "lab_result",
        number,
        {
            "patient_id": pid,
            "drawn_on": start - timedelta(days=1),
            "anc_10e9_per_l": _dec(rng.uniform(0.3, 4.0), "0.01"),
            "platelets_10e9_per_l": _dec(rng.uniform(20, 250), "1"),
            "platelets_transfused_since": rng.random() < 0.1,
            "total_bilirubin": _dec(rng.uniform(0.2, 1.4), "0.1"),
            "total_bilirubin_uln": Decimal("1.2"),
            "ast_u_per_l": _dec(rng.uniform(10, 60), "1"),
            "ast_uln_u_per_l": Decimal(40),
            "alt_u_per_l": _dec(rng.uniform(10, 60), "1"),
            "alt_uln_u_per_l": Decimal(45),
            "peripheral_blasts_per_mm3": _dec(rng.uniform(0, 5000), "1"),
            **_IN_FORCE,
            "source": "",  # typed in
            "source_order": "",
        },
    )
    hsct = rng.random() < 0.5
    formula = BsaFormula.MOSTELLER
    bsa = body_surface_area(height, weight, formula)
    cid = batch.add(
        "course",
        number,
        {
            "patient_id": pid,
            "started_on": start,
            "hsct_planned": hsct,
            "bsa_formula": formula,
            "first_bsa_m2": bsa,
            # Demo courses record no VOD, low-count date, CrCl or dialysis (r0003 columns).
            "vod_diagnosed_on": None,
            "vod_diagnosed_by": None,
            "low_counts_since": None,
            "crcl_ml_per_min": None,
            "on_dialysis": None,
            "facts_recorded_by": None,
        },
    )
    outcomes: list[CycleOutcome] = []
    cycle_start = start
    for number_ in range(1, MAX_DEMO_CYCLES + 1):
        if cycle_start > today + timedelta(days=30):
            break
        plan, shift = _plan(rules, plans, bsa, number_, tuple(outcomes), hsct, cycle_start)
        if plan.blocked:
            break
        ended = cycle_start + timedelta(days=plan.regimen.cycle_length_days) <= today
        outcome = _outcome(rng) if ended else CycleOutcome(None)
        cyid = batch.add(
            "cycle",
            (number - 1) * MAX_DEMO_CYCLES + number_,
            {
                "course_id": cid,
                "number": number_,
                "start": cycle_start,
                "length_days": plan.regimen.cycle_length_days,
                "extension_reason": plan.regimen.extension_reason,
                "regimen_row": plan.regimen.row.key,
                "bsa_formula": formula,
                "bsa_m2": bsa,
                "dosing_bsa_m2": plan.dosing_bsa_m2,
                "height_cm": height,
                "weight_kg": weight,
                "planned_by": DEMO_WHO,
                "overridden_findings": (),
                "override_reason": "",
                "response": outcome.response,
                "mrd_negative": outcome.mrd_negative,
                "reduction_level": ReductionLevel.FULL,
                "site_policy": DEMO_POLICY,
                # the demo's order names a fictional prescriber (r0017)
                "prescriber_name": DEMO_PRESCRIBER,
                "prescriber_id": "",
            },
        )
        per_cycle = len(rules.dose_days.value)
        for index, dose in enumerate(plan.doses):
            planned = dose.window.planned_date + shift
            given_ = planned < today
            prep = dose.preparation
            batch.add(
                "dose_day",
                (cyid - 1) * per_cycle + index + 1,
                {
                    "cycle_id": cyid,
                    "day": dose.day,
                    "planned_date": planned,
                    "window_start": dose.window.window_start + shift,
                    "window_end": dose.window.window_end + shift,
                    "mg_per_m2": dose.mg_per_m2,
                    "calculated_mg": dose.rounding.calculated_mg,
                    "dose_mg": prep.dose_mg,
                    "vials": prep.vials,
                    "drug_volume_ml": prep.drug_volume_ml,
                    "diluent_ml": prep.diluent_ml,
                    "total_volume_ml": prep.total_volume_ml,
                    "status": DoseStatus.GIVEN if given_ else DoseStatus.PLANNED,
                    "reduced_from_mg": None,
                    "held_on": None,
                    "released_on": None,
                    "reason": "",
                    "decided_by": DEMO_WHO if given_ else "",
                    "decided_at": (
                        datetime.combine(planned, datetime.min.time(), UTC) + timedelta(hours=10)
                        if given_
                        else None
                    ),
                    "paper_time": None,
                    # demo patients are planned without a site syringe method: bags only
                    "syringe_min_mg_per_ml": None,
                    "syringe_max_mg_per_ml": None,
                    "syringe_infusion_minutes": None,
                    "error_status": None,
                    **_IN_FORCE,
                },
            )
        if not ended:
            break
        outcomes.append(outcome)
        cycle_start += timedelta(days=plan.regimen.cycle_length_days)


_ANCHOR = date(2000, 1, 3)


def _plan(
    rules: ClinicalRules,
    plans: dict[tuple[Any, ...], CyclePlan],
    bsa: Decimal,
    cycle: int,
    outcomes: tuple[CycleOutcome, ...],
    hsct: bool,
    start: date,
) -> tuple[CyclePlan, timedelta]:
    """plan_cycle's plan for these inputs, computed once per distinct input at a fixed start.

    A plan's dates are its start plus fixed offsets (PI 2.1 days and windows), so the caller
    moves them by the returned shift; doses, vials and volumes are plan_cycle's own.
    Dose-affecting inputs are all in the cache key.
    """
    key = (bsa, cycle, outcomes, hsct)
    plan = plans.get(key)
    if plan is None:
        plan = plan_cycle(
            rules,
            CycleRequest(
                bsa_m2=bsa,
                cycle=cycle,
                start=_ANCHOR,
                bsa_formula=BsaFormula.MOSTELLER,
                outcomes=outcomes,
                hsct_planned=hsct,
                course_first_bsa_m2=bsa,
                course_bsa_formula=BsaFormula.MOSTELLER,
            ),
        )
        plans[key] = plan
    return plan, start - _ANCHOR


def _outcome(rng: random.Random) -> CycleOutcome:
    roll = rng.random()
    response = Response.CR if roll < 0.4 else Response.CRI if roll < 0.7 else Response.NONE
    mrd = rng.random() < 0.5 if response.achieved else None
    return CycleOutcome(response, mrd)
