"""`void` actions: mark a record entered in error with a reason, as the screens' "Entered in
error…" does (`services.corrections`); the record stays, struck through, and stops counting.

`lab void` and `measurement void` take the patient's MRN and the record's number (as `lab
list` and `measurement list` print it); the record must be that patient's. `dose-day void`
takes the dose like the other dose-day actions. The bench's vials, times and checklist ticks
are named by their record numbers (`vial void`, `bench-time void`, `checklist void`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from ino_desk.cli.bench_times import register as register_bench_time_add
from ino_desk.cli.clinical import add_mrn_flag, int_arg, reading, writing
from ino_desk.cli.credentials import add_user_flag
from ino_desk.cli.parser import EXIT_OK, UsageError
from ino_desk.domain.quantities import format_quantity
from ino_desk.services.charts.corrections import (
    mark_bench_time_in_error,
    mark_lab_in_error,
    mark_measurement_in_error,
    mark_tick_in_error,
    mark_vial_in_error,
)
from ino_desk.services.charts.labs import lab_results
from ino_desk.services.charts.measurements import measurements_of
from ino_desk.services.paperwork.document_lookup import find_patient

if TYPE_CHECKING:
    import argparse

    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store

FLAGS = {"reason": "--reason"}


def add_void_flags(parser: Any, *, mrn: bool) -> None:
    if mrn:
        add_mrn_flag(parser)
    parser.add_argument("--id", required=True, type=int_arg("--id"), metavar="N")
    parser.add_argument("--reason", required=True, metavar="TEXT", help="why it is wrong")
    add_user_flag(parser)


def register_patient_voids(lab_actions: Any, measurement_actions: Any) -> None:
    """`lab void|list` and `measurement void|list`, next to their `add`."""
    lab = lab_actions.add_parser("void", help="mark a lab result entered in error")
    add_void_flags(lab, mrn=True)
    lab.set_defaults(func=writing(_void_lab, FLAGS))
    lab_list = lab_actions.add_parser("list", help="the patient's lab results with numbers")
    add_mrn_flag(lab_list)
    lab_list.set_defaults(func=reading(_list_labs, {}))
    m = measurement_actions.add_parser("void", help="mark a measurement entered in error")
    add_void_flags(m, mrn=True)
    m.set_defaults(func=writing(_void_measurement, FLAGS))
    m_list = measurement_actions.add_parser("list", help="the patient's measurements")
    add_mrn_flag(m_list)
    m_list.set_defaults(func=reading(_list_measurements, {}))


def register(commands: Any) -> None:
    """The bench's records: `vial void`, `bench-time add|void`, `checklist void`."""
    for command, what, run in (
        ("vial", "a recorded vial", mark_vial_in_error),
        ("bench-time", "a Reconstituted or Diluted time", mark_bench_time_in_error),
        ("checklist", "a checklist tick", mark_tick_in_error),
    ):
        parser = commands.add_parser(command, help=f"correct {what}")
        actions = parser.add_subparsers(dest=f"{command}_action", required=True, metavar="ACTION")
        void = actions.add_parser("void", help=f"mark {what} entered in error")
        add_void_flags(void, mrn=False)
        void.set_defaults(func=writing(_void_by_id, FLAGS), mark=run, what=what)
        if command == "bench-time":
            register_bench_time_add(actions)


def _void_by_id(store: Store, who: User, args: argparse.Namespace, out: TextIO) -> int:
    args.mark(store, args.id, args.reason, who)
    out.write(f"{args.what} number {args.id} marked entered in error\n")
    return EXIT_OK


def _owned(ids: set[int | None], args: argparse.Namespace, what: str) -> None:
    """A number typed for the wrong patient is refused before anything is marked."""
    if args.id not in ids:
        raise UsageError(f"--id: {what} number {args.id} is not a record of patient {args.mrn}")


def _void_lab(store: Store, who: User, args: argparse.Namespace, out: TextIO) -> int:
    patient = find_patient(store, args.mrn)
    _owned({r.id for r in lab_results(store, patient.id or 0)}, args, "lab result")
    saved = mark_lab_in_error(store, args.id, args.reason, who)
    out.write(
        f"patient {patient.mrn}: lab results drawn {saved.drawn_on.isoformat()} "
        f"(number {args.id}) marked entered in error\n"
    )
    return EXIT_OK


def _void_measurement(store: Store, who: User, args: argparse.Namespace, out: TextIO) -> int:
    patient = find_patient(store, args.mrn)
    _owned({m.id for m in measurements_of(store, patient.id or 0)}, args, "measurement")
    saved = mark_measurement_in_error(store, args.id, args.reason, who)
    out.write(
        f"patient {patient.mrn}: {format_quantity(saved.height_cm, 'cm')}, "
        f"{format_quantity(saved.weight_kg, 'kg')} measured {saved.measured_on.isoformat()} "
        f"(number {args.id}) marked entered in error\n"
    )
    return EXIT_OK


def _note(mark: object) -> str:
    note: str = getattr(mark, "note", "")
    return f"  [{note}]" if note else ""


def _list_labs(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    patient = find_patient(store, args.mrn)
    for r in lab_results(store, patient.id or 0):
        values = (
            f"ANC {r.anc_10e9_per_l}",
            f"platelets {r.platelets_10e9_per_l}",
            f"bilirubin {r.total_bilirubin} (ULN {r.total_bilirubin_uln})",
        )
        out.write(
            f"{r.id}\t{r.drawn_on.isoformat()}\t{', '.join(values)}{_note(r.entered_in_error)}\n"
        )
    return EXIT_OK


def _list_measurements(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    patient = find_patient(store, args.mrn)
    for m in measurements_of(store, patient.id or 0):
        out.write(
            f"{m.id}\t{m.measured_on.isoformat()}\t{format_quantity(m.height_cm, 'cm')}, "
            f"{format_quantity(m.weight_kg, 'kg')}{_note(m.entered_in_error)}\n"
        )
    return EXIT_OK
