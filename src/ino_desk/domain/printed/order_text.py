"""The clinical sentences an order sheet prints, each built from the label pack and cited."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ino_desk.domain.bench.preparation import DilutedStorage, storage_limit
from ino_desk.domain.printed.documents import Criterion, Note
from ino_desk.domain.quantities import format_number, format_quantity

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules, Fact

UNVERIFIED_NOTICE = (
    "Statements cited “unconfirmed: verify against the current PI” were not confirmed on a "
    "copy of the label; check them against the current prescribing information before use."
)
SITE_POLICY = "site policy, not a label instruction"
PER_LITRE = "× 10⁹/L"


def duration_text(span: timedelta) -> str:
    """`1 hour`, `4 hours`, `90 minutes`: whole hours in hours, anything else in minutes."""
    minutes = int(span.total_seconds() // 60)
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour" if hours == 1 else f"{hours} hours"
    return f"{minutes} minutes"


def _hours(fact: Fact[int]) -> str:
    return duration_text(timedelta(hours=fact.value))


def _n(fact: Fact[Decimal] | Fact[int]) -> str:
    return format_number(Decimal(fact.value))


def _cited(main: Fact[Any], *also: Fact[Any]) -> str:
    """The main fact's citation, plus any other fact's that still needs verifying."""
    extra = [f.citation for f in also if not f.verified and f.citation != main.citation]
    return "; ".join(dict.fromkeys([main.citation, *extra]))


def temperature_range(low: Fact[Decimal], high: Fact[Decimal]) -> str:
    """`2–8 °C`, from the pack's two limits."""
    return f"{format_number(low.value)}–{format_quantity(high.value, high.unit)}"


def refrigerated(rules: ClinicalRules) -> str:
    return temperature_range(rules.refrigerated_min_c, rules.refrigerated_max_c)


def room_temperature(rules: ClinicalRules) -> str:
    return temperature_range(rules.room_temperature_min_c, rules.room_temperature_max_c)


def intact_vial_storage(rules: ClinicalRules) -> Note:
    """How unopened vials are kept (PI 16), as the viewer's section 16 words it."""
    storage = rules.intact_vial_storage
    return Note(
        f"Intact vials: refrigerate at {refrigerated(rules)} {storage.value}.",
        _cited(storage, rules.refrigerated_min_c, rules.refrigerated_max_c),
    )


def diluted_storage_text(rules: ClinicalRules, storage: DilutedStorage | None) -> str:
    """How the diluted bag is kept and for how long, as the bag label prints it (PI 2.4).

    `room temperature 20–25 °C, use within 4 h`, or `refrigerated 2–8 °C, use within 3 h;
    allow ~1 h to warm`; a storage not recorded says so, with the shorter limit it counts as.
    """
    counted, limit = storage_limit(rules, storage)
    if counted is DilutedStorage.ROOM_TEMPERATURE:
        text = f"room temperature {room_temperature(rules)}, use within {limit.value} h"
    else:
        warm = rules.refrigerated_bag_warm_up_h.value
        text = (
            f"refrigerated {refrigerated(rules)}, use within {limit.value} h; "
            f"allow ~{warm} h to warm"
        )
    if storage is None:
        return f"NOT RECORDED: use within {limit.value} h of dilution, the shorter limit"
    return text


def diluent_name(rules: ClinicalRules) -> str:
    return f"{_n(rules.diluent_sodium_chloride_percent)}% sodium chloride"


def premed_rule(rules: ClinicalRules) -> Note:
    # The label names the three classes but no drug, dose or lead time (CLINICAL-RULES 2.2).
    return Note(
        "Before every dose give a corticosteroid, an antipyretic and an antihistamine.",
        f"PI 2.2; drug, dose and route: {SITE_POLICY}",
    )


def premed_lead(minutes: int) -> Note:
    when = duration_text(timedelta(minutes=minutes))
    return Note(f"Give the premedication {when} before each infusion starts.", SITE_POLICY)


def observation(rules: ClinicalRules) -> Note:
    fact = rules.observation_after_infusion_min
    after = duration_text(timedelta(minutes=fact.value))
    return Note(
        f"Observe the patient during the infusion and for at least {after} after it ends for "
        "infusion-related reactions (fever, chills, rash, dyspnea).",
        fact.citation,
    )


def criteria(rules: ClinicalRules, *, first_cycle: bool) -> tuple[Criterion, ...]:
    """Treat/hold parameters of PI 2.2-2.3 with the pack's thresholds."""
    anc, plt = rules.anc_threshold_10e9_per_l, rules.platelet_threshold_10e9_per_l
    a, p = _n(anc), _n(plt)
    bili, ast = rules.bilirubin_hold_x_uln, rules.ast_alt_hold_x_uln
    b, t = _n(bili), _n(ast)
    later_days = " and ".join(f"Day {d}" for d in rules.dose_days.value[1:])
    persist = rules.persistent_low_counts_days
    grade, resume = rules.nonhematologic_hold_from_grade, rules.nonhematologic_resume_grade
    found: list[Criterion] = []
    if first_cycle:
        cyto = rules.cytoreduction_max_blasts_per_mm3
        found.append(
            Criterion(
                "Peripheral blasts before Cycle 1 Day 1",
                "Patients with circulating lymphoblasts: cytoreduce (hydroxyurea, steroids "
                f"and/or vincristine) to ≤ {_n(cyto)}/mm³ before the first dose.",
                cyto.citation,
            )
        )
    found += [
        Criterion(
            "ANC (baseline ≥ threshold)",
            f"Baseline ANC (before the first dose of the course) ≥ {a} {PER_LITRE}: if ANC "
            f"falls, hold the next cycle until ANC ≥ {a} {PER_LITRE}.",
            anc.citation,
        ),
        Criterion(
            "Platelets (baseline ≥ threshold)",
            f"Baseline platelets ≥ {p} {PER_LITRE}: if platelets fall, hold the next cycle until "
            f"platelets ≥ {p} {PER_LITRE} (count independent of transfusion).",
            plt.citation,
        ),
        Criterion(
            "ANC and/or platelets (low baseline)",
            f"Baseline ANC < {a} and/or platelets < {p} {PER_LITRE}: if either falls, hold the "
            "next cycle until (a) both are back to at least their baseline, or "
            f"(b) ANC ≥ {a} and platelets ≥ {p} {PER_LITRE}, or (c) disease is stable or improved "
            "on the latest marrow and the drop is judged due to leukemia (clinician's judgement).",
            anc.citation,
        ),
        Criterion(
            "Counts within a cycle",
            f"Low ANC or platelets do not stop the {later_days} doses within a cycle. "
            f"Low counts lasting more than {_n(persist)} days and suspected drug-related: stop.",
            persist.citation,
        ),
        Criterion(
            "Total bilirubin, AST/ALT",
            f"Total bilirubin > {b} × ULN and AST/ALT > {t} × ULN: hold each dose until "
            f"bilirubin ≤ {b} × ULN and AST/ALT ≤ {t} × ULN (unless due to Gilbert's syndrome "
            "or hemolysis: clinician's judgement); stop permanently if they do not recover.",
            bili.citation,
        ),
        Criterion(
            "VOD/SOS, severe liver toxicity",
            "Stop permanently.",
            "PI 2.3",
        ),
        Criterion(
            "Infusion-related reaction",
            "Interrupt the infusion and manage the reaction; severe or life-threatening: stop "
            "permanently.",
            "PI 2.3",
        ),
        Criterion(
            "Other non-hematologic toxicity",
            f"Treatment-related, Grade {_n(grade)} or more: hold until Grade {_n(resume)} or "
            "the baseline grade.",
            grade.citation,
        ),
        Criterion(
            "Monitoring",
            "Complete blood count before every dose; bilirubin, AST and ALT; ECG and "
            "electrolytes at baseline and periodically (QT prolongation).",
            "PI 5",
        ),
        _interruption_criterion(rules),
    ]
    return tuple(found)


def _interruption_criterion(rules: ClinicalRules) -> Criterion:
    delay, omit = rules.interruption_delay_below_days, rules.interruption_omit_from_days
    reduce, pct = rules.interruption_reduce_from_days, rules.reduction_percent
    gap, stop = rules.min_days_between_doses, rules.interruption_consider_stop_above_days
    return Criterion(
        "Interruption for toxicity",
        f"Under {_n(delay)} days: delay the next dose, keeping ≥ {_n(gap)} days between doses. "
        f"{_n(omit)} days or more: omit the next dose of the cycle. {_n(reduce)} days or more: "
        f"reduce the next cycle's total dose by {_n(pct)}%. "
        f"Over {_n(stop)} days: consider stopping permanently.",
        reduce.citation,
    )


def preparation_notes(rules: ClinicalRules, hazardous_warning: str) -> tuple[Note, ...]:
    """Reconstitution, dilution, light, materials, time limits and hazard (PI 2.4)."""
    vial, water = rules.vial_strength_mg, rules.reconstitution_volume_ml
    conc, delivered = rules.reconstituted_concentration_mg_per_ml, rules.deliverable_volume_ml
    low, high = rules.min_concentration_mg_per_ml, rules.max_concentration_mg_per_ml
    dilute, end = (
        rules.max_reconstitution_to_dilution_h,
        rules.max_reconstitution_to_end_of_infusion_h,
    )
    fridge = rules.reconstituted_refrigerated_max_h
    room, cold, warm = (
        rules.diluted_room_temperature_max_h,
        rules.diluted_refrigerated_max_h,
        rules.refrigerated_bag_warm_up_h,
    )
    return (
        intact_vial_storage(rules),
        Note(
            f"Reconstitute each {_n(vial)} mg single-dose vial with {_n(water)} mL Sterile Water "
            f"for Injection to {_n(conc)} mg/mL; each vial delivers {_n(delivered)} mL "
            f"({_n(vial)} mg). Swirl gently; do not shake.",
            water.citation,
        ),
        Note(
            f"Dilute the drug volume in {diluent_name(rules)} to a total of "
            f"{_n(rules.bag_total_volume_ml)} mL; invert gently, do not shake. Do not mix or "
            "co-infuse with other drugs.",
            rules.bag_total_volume_ml.citation,
        ),
        Note(
            f"Final concentration {_n(low)} to {_n(high)} mg/mL; outside it the bag is blocked.",
            low.citation,
        ),
        Note("Protect from light (reconstituted and diluted solution); do not freeze.", "PI 2.4"),
        Note(
            "Bags: PVC (DEHP or non-DEHP), polyolefin (polypropylene and/or polyethylene) or EVA. "
            "Lines: PVC, polyolefin or polybutadiene. Filter not required; if used: PES, PVDF or "
            "hydrophilic polysulfone. NEVER a nylon or mixed cellulose ester (MCE) filter.",
            "PI 2.4",
        ),
        Note(
            f"Reconstitution to end of infusion: at most {_hours(end)}; reconstitution to "
            f"dilution: at most {_hours(dilute)}.",
            end.citation,
        ),
        Note(
            f"Reconstituted solution: use at once or refrigerate at {refrigerated(rules)} for "
            f"up to {_hours(fridge)}.",
            _cited(fridge, rules.refrigerated_min_c, rules.refrigerated_max_c),
        ),
        Note(
            f"Diluted solution: room temperature ({room_temperature(rules)}) for up to "
            f"{_hours(room)} or refrigerated ({refrigerated(rules)}) for up to {_hours(cold)}; "
            f"a refrigerated bag warms for about {_hours(warm)} before infusion.",
            _cited(room, rules.room_temperature_min_c, rules.refrigerated_min_c),
        ),
        Note(
            f"Infuse over {_n(rules.infusion_minutes)} minutes at "
            f"{_n(rules.infusion_rate_ml_per_h)} mL/h, at room temperature "
            f"({room_temperature(rules)}).",
            _cited(rules.room_temperature_min_c, rules.infusion_rate_ml_per_h),
        ),
        Note(hazardous_warning, "site policy"),
    )


def boxed_warning() -> Note:
    return Note(
        "WARNING: HEPATOTOXICITY, INCLUDING HEPATIC VENO-OCCLUSIVE DISEASE (VOD, also called "
        "sinusoidal obstruction syndrome, SOS), AND INCREASED RISK OF POST-HSCT NON-RELAPSE "
        "MORTALITY. Fatal and life-threatening VOD/SOS occurred, more often in patients who "
        "went on to HSCT. Post-HSCT non-relapse mortality (Day-100 mortality) was higher. Watch "
        "for bilirubin rise, hepatomegaly, weight gain and ascites.",
        "PI boxed warning; PI 5",
    )
