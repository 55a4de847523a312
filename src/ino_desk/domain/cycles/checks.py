"""Pre-dose gates (PI 2.2, 2.3, 5, 8): lab tiers, liver tests, cytoreduction, CBC recency.

Each gate returns findings. A blocking finding can only be overridden by a pharmacist with a
typed reason (recorded by the services layer); judgements the label leaves to the clinician
(leukemia-related cytopenia, Gilbert's syndrome, drug-relatedness) are never computed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ino_desk.domain.findings import Finding, Severity
from ino_desk.domain.patients.lab_panel import LabPanel, times_uln
from ino_desk.domain.quantities import format_number

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules


@dataclass(frozen=True, slots=True)
class DoseContext:
    """Which dose is being checked and what is known about the patient around it."""

    cycle: int
    day: int
    dose_date: date
    current: LabPanel | None
    baseline: LabPanel | None = None  # counts before the course's first dose (PI Table 2)
    previous_dose_date: date | None = None
    vod_diagnosed: bool = False
    low_counts_since: date | None = None  # first date ANC or platelets fell below threshold
    crcl_ml_per_min: int | None = None
    on_dialysis: bool = False


def pre_dose_findings(rules: ClinicalRules, ctx: DoseContext) -> list[Finding]:
    findings: list[Finding] = []
    findings += _vod(rules, ctx)
    findings += _cbc_recency(rules, ctx)
    findings += _hematologic(rules, ctx)
    findings += _persistent_low_counts(rules, ctx)
    findings += _liver(rules, ctx)
    findings += _cytoreduction(rules, ctx)
    findings += _renal(rules, ctx)
    return findings


def vod_stop_finding(rules: ClinicalRules) -> Finding:
    """A recorded VOD/SOS ends treatment: no further dose and no further cycle."""
    source = f"PI {rules.bilirubin_hold_x_uln.section}"
    return Finding(
        "VOD_STOP",
        Severity.STOP,
        "VOD/SOS or other severe liver toxicity is recorded: the label says to stop "
        f"inotuzumab ozogamicin permanently ({source}).",
        source,
    )


def _vod(rules: ClinicalRules, ctx: DoseContext) -> list[Finding]:
    return [vod_stop_finding(rules)] if ctx.vod_diagnosed else []


def _cbc_recency(rules: ClinicalRules, ctx: DoseContext) -> list[Finding]:
    """PI 5: CBC before every dose, i.e. a count taken after the previous dose.

    On Day 1 of a later cycle the hold decision of PI Table 2 needs those counts, so their
    absence blocks there; within a cycle low counts do not stop a dose, so it warns.
    """
    starts_cycle = ctx.cycle > 1 and ctx.day == rules.dose_days.value[0]
    severity = Severity.BLOCKING if starts_cycle else Severity.WARNING
    why = (
        f"; Day 1 of cycle {ctx.cycle} cannot be decided without it (PI "
        f"{rules.anc_threshold_10e9_per_l.section}, Table 2)"
        if starts_cycle
        else ""
    )
    panel = ctx.current
    if panel is None or not panel.has_cbc:
        return [
            Finding(
                "CBC_MISSING",
                severity,
                "No complete blood count is recorded for this dose; the label asks for a CBC "
                f"before every dose (PI 5){why}.",
                "PI 5",
            )
        ]
    if ctx.previous_dose_date is not None and panel.drawn_on <= ctx.previous_dose_date:
        return [
            Finding(
                "CBC_OUTDATED",
                severity,
                f"The latest CBC ({panel.drawn_on.isoformat()}) is not after the previous dose "
                f"({ctx.previous_dose_date.isoformat()}); the label asks for a CBC before every "
                f"dose (PI 5){why}.",
                "PI 5",
            )
        ]
    return []


def _hematologic(rules: ClinicalRules, ctx: DoseContext) -> list[Finding]:
    anc_t = rules.anc_threshold_10e9_per_l
    plt_t = rules.platelet_threshold_10e9_per_l
    source = f"PI {anc_t.section}"
    first_day = rules.dose_days.value[0]
    cur = ctx.current
    if cur is None or cur.anc is None or cur.platelets is None:
        return []
    findings: list[Finding] = []
    # True: taken after a transfusion; None: an imported count, the laboratory does not say
    transfusion = {
        True: ("PLATELETS_TRANSFUSED", "The platelet count was taken after a transfusion"),
        None: (
            "PLATELETS_TRANSFUSION_UNKNOWN",
            "Whether a transfusion preceded this imported platelet count is not recorded",
        ),
    }.get(cur.platelets_transfused_since)
    if transfusion is not None:
        code, fact = transfusion
        why = f"{fact}; dose decisions use a count independent of transfusion ({source})."
        findings.append(Finding(code, Severity.WARNING, why, source))
    low_now = cur.anc < anc_t.value or cur.platelets < plt_t.value
    if ctx.day != first_day or ctx.cycle == 1:  # counts hold only the start of a later cycle
        if low_now:
            findings.append(
                Finding(
                    "COUNTS_LOW_WITHIN_CYCLE",
                    Severity.INFO,
                    "ANC or platelets are low; within a cycle this does not stop the Day 8 and "
                    f"Day 15 doses ({source}).",
                    source,
                )
            )
        return findings
    base = ctx.baseline
    if base is None or base.anc is None or base.platelets is None:
        findings.append(
            Finding(
                "BASELINE_COUNTS_MISSING",
                Severity.BLOCKING,
                "Baseline ANC and platelets (before the first dose of the course) are needed to "
                f"decide whether this cycle may start: record them ({source}, Table 2).",
                source,
            )
        )
        return findings
    anc = format_number(cur.anc)
    plt = format_number(cur.platelets)
    if base.anc >= anc_t.value and base.platelets >= plt_t.value:
        if low_now:
            findings.append(
                Finding(
                    "HOLD_CYCLE_COUNTS",
                    Severity.BLOCKING,
                    f"ANC {anc} and platelets {plt} ×10⁹/L: hold this cycle until ANC ≥ "
                    f"{format_number(anc_t.value)} and platelets ≥ {format_number(plt_t.value)} "
                    f"×10⁹/L ({source}).",
                    source,
                )
            )
        return findings
    # Baseline already low: a fall below it holds the cycle until (a) or (b); (c) is the
    # clinician's judgement, recorded as an override reason.
    fell = cur.anc < base.anc or cur.platelets < base.platelets
    back_to_baseline = cur.anc >= base.anc and cur.platelets >= base.platelets
    above_thresholds = cur.anc >= anc_t.value and cur.platelets >= plt_t.value
    if fell and not (back_to_baseline or above_thresholds):
        findings.append(
            Finding(
                "HOLD_CYCLE_COUNTS_LOW_BASELINE",
                Severity.BLOCKING,
                f"ANC {anc} and platelets {plt} ×10⁹/L fell below the baseline before treatment "
                f"(ANC {format_number(base.anc)}, platelets {format_number(base.platelets)}). "
                "Hold until both are back to baseline, or ANC ≥ "
                f"{format_number(anc_t.value)} and platelets ≥ {format_number(plt_t.value)}, or "
                "a clinician judges the drop due to leukemia with stable or improved disease on "
                f"the latest marrow (record that judgement as the override reason) ({source}).",
                source,
            )
        )
    return findings


def _persistent_low_counts(rules: ClinicalRules, ctx: DoseContext) -> list[Finding]:
    limit = rules.persistent_low_counts_days
    if ctx.low_counts_since is None:
        return []
    days = (ctx.dose_date - ctx.low_counts_since).days
    if days <= limit.value:
        return []
    return [
        Finding(
            "LOW_COUNTS_PERSISTENT",
            Severity.BLOCKING,
            f"ANC or platelets have been low for {days} days (more than {limit.value}): if this "
            f"is suspected to be drug-related the label says to stop ({limit.citation}).",
            limit.citation,
        )
    ]


def _liver(rules: ClinicalRules, ctx: DoseContext) -> list[Finding]:
    bili_t = rules.bilirubin_hold_x_uln
    tx_t = rules.ast_alt_hold_x_uln
    cur = ctx.current
    bili = times_uln(cur.total_bilirubin, cur.total_bilirubin_uln) if cur else None
    ast = times_uln(cur.ast, cur.ast_uln) if cur else None
    alt = times_uln(cur.alt, cur.alt_uln) if cur else None
    if bili is None or (ast is None and alt is None):
        return [
            Finding(
                "LIVER_TESTS_MISSING",
                Severity.WARNING,
                "Total bilirubin and AST/ALT with their ULN are needed to check the liver "
                f"criteria ({bili_t.citation}).",
                bili_t.citation,
            )
        ]
    bili_high = bili > bili_t.value
    tx_high = any(v is not None and v > tx_t.value for v in (ast, alt))
    limits = (
        f"bilirubin ≤ {format_number(bili_t.value)} × ULN and AST/ALT ≤ "
        f"{format_number(tx_t.value)} × ULN"
    )
    if bili_high and tx_high:
        return [
            Finding(
                "HOLD_DOSE_LIVER",
                Severity.BLOCKING,
                f"Bilirubin and AST/ALT are above the limits: hold the dose until {limits}, "
                "unless the bilirubin rise is due to Gilbert's syndrome or hemolysis (record "
                f"that judgement as the override reason); stop if they do not recover "
                f"({bili_t.citation}).",
                bili_t.citation,
            )
        ]
    if bili_high or tx_high:
        return [
            Finding(
                "LIVER_TESTS_ELEVATED",
                Severity.WARNING,
                f"Liver tests are above {limits}: limited data, use caution and watch for "
                "VOD/SOS (bilirubin, hepatomegaly, weight gain, ascites) (PI 8).",
                "PI 8",
            )
        ]
    return []


def _cytoreduction(rules: ClinicalRules, ctx: DoseContext) -> list[Finding]:
    limit = rules.cytoreduction_max_blasts_per_mm3
    if ctx.cycle != 1 or ctx.day != rules.dose_days.value[0]:
        return []
    blasts = ctx.current.peripheral_blasts_per_mm3 if ctx.current else None
    if blasts is None:
        return [
            Finding(
                "BLASTS_MISSING",
                Severity.WARNING,
                "Record the peripheral blast count: before the first dose, circulating "
                f"lymphoblasts are cytoreduced to ≤ {format_number(limit.value)}/mm³ "
                f"({limit.citation}).",
                limit.citation,
            )
        ]
    if blasts > limit.value:
        return [
            Finding(
                "CYTOREDUCTION_NEEDED",
                Severity.BLOCKING,
                f"Peripheral blasts {format_number(blasts)}/mm³: cytoreduce (hydroxyurea, "
                f"steroids and/or vincristine) to ≤ {format_number(limit.value)}/mm³ before the "
                f"first dose ({limit.citation}).",
                limit.citation,
            )
        ]
    return []


def _renal(rules: ClinicalRules, ctx: DoseContext) -> list[Finding]:
    low = rules.renal_no_change_crcl_min_ml_per_min
    if ctx.on_dialysis or (ctx.crcl_ml_per_min is not None and ctx.crcl_ml_per_min < low.value):
        return [
            Finding(
                "RENAL_NO_DATA",
                Severity.WARNING,
                f"CrCl below {format_number(low.value)} mL/min or dialysis: there are no data "
                f"for these patients ({low.citation}).",
                low.citation,
            )
        ]
    return []
