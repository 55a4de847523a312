"""`ino-desk course start|fact|show` and `ino-desk cycle plan`: the patient's current course.

The current course is the one the patient page works on (the latest). Each write calls the
use case the GUI calls: start_course (Start a course), record_course_facts (Clinical facts),
save_next_cycle (Plan next cycle); `course show` prints `services.course_view`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any, TextIO

from ino_desk.cli.clinical import (
    add_mrn_flag,
    add_write_flags,
    date_arg,
    int_arg,
    reading,
    whole_arg,
    writing,
    yes_no,
)
from ino_desk.cli.json_out import Json, dumps
from ino_desk.cli.parser import EXIT_OK, UsageError, choice_type
from ino_desk.cli.prescriber import register_prescriber
from ino_desk.domain.bench.syringe import SITE_ENTERED
from ino_desk.domain.cycles.cycle_limits import CycleOutcome
from ino_desk.domain.cycles.modifications import ReductionLevel
from ino_desk.domain.cycles.regimen import ExtensionReason, Response
from ino_desk.domain.patients.bsa import BsaFormula
from ino_desk.domain.patients.corrections import in_force
from ino_desk.domain.quantities import format_number
from ino_desk.label.pack import load_pack
from ino_desk.services.planning.course_facts import course_facts, record_course_facts
from ino_desk.services.planning.course_view import course_view, current_course, overview_by_mrn
from ino_desk.services.planning.courses import record_hsct_plan, start_course
from ino_desk.services.planning.cycle_planning import Reduction, next_cycle, save_next_cycle
from ino_desk.services.planning.cycles import CycleInput

if TYPE_CHECKING:
    import argparse
    from decimal import Decimal

    from ino_desk.domain.staff.users import User
    from ino_desk.services.planning.course_view import CourseView
    from ino_desk.services.ports.store import Store

HSCT: dict[str, object] = {"yes": True, "no": False, "unknown": None}
HSCT_WORDS = {True: "yes", False: "no", None: "unknown"}
LEVELS = {
    "full": ReductionLevel.FULL,
    "reduced": ReductionLevel.REDUCED_TOTAL,
    "two-doses": ReductionLevel.TWO_DOSES,
}
LEVEL_WORDS = {level: word for word, level in LEVELS.items()} | {ReductionLevel.STOP: "stop"}
# The words of the `dose` command are taken too, so one script can use either spelling.
EXTENSIONS: dict[str, object] = {
    "cr": ExtensionReason.CR_CRI,
    "toxicity": ExtensionReason.TOXICITY_RECOVERY,
    **{r.value: r for r in ExtensionReason},
}
FACT_FLAGS = {
    "VOD diagnosed on": "--vod-on",
    "VOD diagnosed by": "--vod-by",
    "low counts since": "--low-counts-since",
    "CrCl": "--crcl",
}
PLAN_FLAGS = {
    "cycle length": "--cycle-length",
    "response": "--response",
    "dose reduction": "--level",
    "reduced days": "--keep-days",
    "override reason": "--override",
    "prescriber": "--prescriber",
    "prescriber ID": "--prescriber-id",
}


def register(commands: Any) -> None:
    course = commands.add_parser("course", help="the patient's current course")
    actions = course.add_subparsers(dest="course_action", required=True, metavar="ACTION")
    start = actions.add_parser("start", help="start a course (its BSA formula is then locked)")
    add_write_flags(start)
    start.add_argument("--hsct", required=True, type=choice_type("--hsct", dict(HSCT)))
    start.add_argument(
        "--bsa-formula",
        type=choice_type("--bsa-formula", {f.value: f for f in BsaFormula}),
        help="default: the site's formula",
    )
    start.add_argument("--on", type=date_arg("--on"), metavar="YYYY-MM-DD", help="default today")
    start.set_defaults(func=writing(_start, {}))

    fact = actions.add_parser("fact", help="record one clinical fact of the current course")
    add_write_flags(fact)
    one = fact.add_mutually_exclusive_group(required=True)
    one.add_argument("--vod-on", type=date_arg("--vod-on"), metavar="YYYY-MM-DD")
    one.add_argument("--hsct", type=yes_no("--hsct"), help="HSCT planned after treatment")
    one.add_argument("--low-counts-since", type=date_arg("--low-counts-since"), metavar="DATE")
    one.add_argument("--crcl", type=int_arg("--crcl"), metavar="N", help="mL/min")
    one.add_argument("--dialysis", type=yes_no("--dialysis"))
    fact.add_argument("--vod-by", metavar="NAME", help="who diagnosed VOD/SOS (with --vod-on)")
    fact.set_defaults(func=writing(_fact, FACT_FLAGS))

    show = actions.add_parser("show", help="cycles, dose days and the next dose's findings")
    add_mrn_flag(show)
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=reading(_show, {}))

    cycle = commands.add_parser("cycle", help="plan the current course's next cycle")
    c_actions = cycle.add_subparsers(dest="cycle_action", required=True, metavar="ACTION")
    plan = c_actions.add_parser("plan", help="plan and save the next cycle with its dose days")
    add_write_flags(plan)
    plan.add_argument("--start", required=True, type=date_arg("--start"), metavar="YYYY-MM-DD")
    plan.add_argument("--cycle-length", type=choice_type("--cycle-length", {"21": 21, "28": 28}))
    plan.add_argument("--extension-reason", type=choice_type("--extension-reason", EXTENSIONS))
    plan.add_argument(
        "--response",
        type=choice_type("--response", {r.value: r for r in Response}),
        help="of the previous cycle (default: as recorded)",
    )
    plan.add_argument("--mrd-negative", type=yes_no("--mrd-negative"))
    plan.add_argument("--level", type=choice_type("--level", dict(LEVELS)))
    plan.add_argument("--keep-days", metavar="D,D", help="the 2 days kept at --level two-doses")
    plan.add_argument("--override", default="", metavar="REASON")
    plan.add_argument("--prescriber", default="", metavar="NAME", help="who ordered the cycle")
    plan.add_argument(
        "--prescriber-id", default="", metavar="ID", help="the prescriber's NPI or licence number"
    )
    plan.set_defaults(func=writing(_plan, PLAN_FLAGS))
    register_prescriber(c_actions)


def _start(store: Store, who: User, args: argparse.Namespace, out: TextIO) -> int:
    patient = overview_by_mrn(store, args.mrn).patient
    assert patient.id is not None
    started = args.on or date.today()
    course = start_course(store, patient.id, started, args.hsct, who, args.bsa_formula)
    out.write(
        f"patient {patient.mrn}: course started {course.started_on.isoformat()}, HSCT "
        f"{HSCT_WORDS[course.hsct_planned]}, BSA formula {course.bsa_formula.value} (locked)\n"
    )
    return EXIT_OK


def _fact(store: Store, who: User, args: argparse.Namespace, out: TextIO) -> int:
    if (args.vod_by is not None) != (args.vod_on is not None):
        raise UsageError("--vod-by: give it with --vod-on (who diagnosed VOD/SOS, and when)")
    course = current_course(overview_by_mrn(store, args.mrn)).course
    assert course.id is not None
    if args.hsct is not None:
        record_hsct_plan(store, course.id, args.hsct, who)
        out.write(f"patient {args.mrn.strip()}: HSCT planned: {HSCT_WORDS[args.hsct]}\n")
        return EXIT_OK
    facts = course_facts(store, course.id)
    if args.vod_on is not None:
        facts = replace(facts, vod_diagnosed_on=args.vod_on, vod_diagnosed_by=args.vod_by)
        shown = f"VOD/SOS diagnosed {args.vod_on.isoformat()} by {args.vod_by.strip()}"
    elif args.low_counts_since is not None:
        facts = replace(facts, low_counts_since=args.low_counts_since)
        shown = f"low counts since {args.low_counts_since.isoformat()}"
    elif args.crcl is not None:
        facts = replace(facts, crcl_ml_per_min=args.crcl)
        shown = f"CrCl {args.crcl} mL/min"
    else:
        facts = replace(facts, on_dialysis=args.dialysis)
        shown = f"dialysis: {'yes' if args.dialysis else 'no'}"
    record_course_facts(store, course.id, facts, who)
    out.write(f"patient {args.mrn.strip()}: {shown} recorded\n")
    return EXIT_OK


def _keep_days(text: str | None, level: ReductionLevel) -> tuple[int, ...]:
    if text is None:
        return ()
    if level is not ReductionLevel.TWO_DOSES:
        raise UsageError("--keep-days: only with --level two-doses")
    day = whole_arg("--keep-days", 1, 99)
    return tuple(day(part) for part in text.split(","))


def _plan(store: Store, who: User, args: argparse.Namespace, out: TextIO) -> int:
    rules = load_pack().rules
    overview = overview_by_mrn(store, args.mrn)
    course = current_course(overview)
    measured = in_force(overview.measurements)
    if not measured:
        raise UsageError(
            f"--mrn: no height and weight recorded for {overview.patient.mrn}; "
            "record them first (ino-desk measurement add)"
        )
    previous = None
    if course.cycles:  # as the planning screen: the stated response, else the recorded one
        last = course.cycles[-1].cycle
        response = last.response if args.response is None else args.response
        mrd = last.mrd_negative if args.mrd_negative is None else args.mrd_negative
        previous = CycleOutcome(response, mrd)
    elif args.response is not None or args.mrd_negative is not None:
        flag = "--response" if args.response is not None else "--mrd-negative"
        raise UsageError(f"{flag}: cycle 1 has no previous cycle; state it from cycle 2 on")
    assert course.course.id is not None
    level = next_cycle(store, rules, course.course.id).level if args.level is None else args.level
    latest = measured[0]  # newest in force first: the planning screen uses this one
    assert latest.id is not None
    given = CycleInput(
        course_id=course.course.id,
        measurement_id=latest.id,
        start=args.start,
        cycle_length_days=args.cycle_length,
        extension_reason=args.extension_reason,
        override_reason=args.override,
        prescriber_name=args.prescriber,
        prescriber_id=args.prescriber_id,
    )
    reduction = Reduction(level, _keep_days(args.keep_days, level))
    saved = save_next_cycle(store, rules, given, reduction, who, previous)
    doses = ", ".join(
        f"Day {d.day} {d.planned_date.isoformat()} {format_number(d.dose_mg)} mg"
        + ("" if d.syringe is None else f" in a {format_number(d.total_volume_ml)} mL syringe")
        for d in saved.doses
    )
    overridden = saved.cycle.overridden_findings
    out.write(
        f"patient {overview.patient.mrn}: cycle {saved.cycle.number} saved "
        f"({saved.cycle.length_days} days): {doses}"
        + (f"; overridden: {', '.join(overridden)}" if overridden else "")
        + (f" ({SITE_ENTERED} syringe method)" if any(d.syringe for d in saved.doses) else "")
        + "\n"
    )
    return EXIT_OK


def _decimal(value: Decimal) -> str:
    return format_number(value, group_thousands=False)


def as_json(view: CourseView) -> dict[str, Json]:
    """The `ino-desk course show --json` contract; keys are only ever added, never renamed."""
    return {
        "mrn": view.mrn,
        "hsct": HSCT_WORDS[view.hsct_planned],
        "level": LEVEL_WORDS[view.level],
        "cycles": [
            {
                "number": c.number,
                "start": c.start.isoformat(),
                "length_days": c.length_days,
                "response": None if c.response is None else c.response.value,
                "doses": [
                    {
                        "day": d.day,
                        "date": d.planned_date.isoformat(),
                        "window_start": d.window_start.isoformat(),
                        "window_end": d.window_end.isoformat(),
                        "status": d.status.value,
                        "dose_mg_per_m2": _decimal(d.mg_per_m2),
                        "dose_mg": _decimal(d.dose_mg),
                    }
                    for d in c.doses
                ],
            }
            for c in view.cycles
        ],
        "findings": [
            {
                "code": f.code,
                "severity": f.severity.value,
                "pi_section": f.source,
                "message": f.message,
            }
            for f in view.findings
        ],
    }


def _show(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    view = course_view(store, load_pack().rules, args.mrn)
    if args.json:
        out.write(dumps(as_json(view)) + "\n")
        return EXIT_OK
    out.write(
        f"patient {view.mrn}: HSCT {HSCT_WORDS[view.hsct_planned]}, "
        f"level {LEVEL_WORDS[view.level]}\n"
    )
    for c in view.cycles:
        response = f", response {c.response.value}" if c.response else ""
        out.write(f"cycle {c.number} from {c.start.isoformat()} ({c.length_days} days){response}\n")
        for d in c.doses:
            out.write(
                f"  Day {d.day}  {d.planned_date.isoformat()}  {_decimal(d.mg_per_m2)} mg/m²  "
                f"{_decimal(d.dose_mg)} mg  {d.status.value}\n"
            )
    if not view.cycles:
        out.write("no cycle planned\n")
    for f in view.findings:
        out.write(f"[{f.severity.value.upper()}] {f.one_line()}\n")
    return EXIT_OK
