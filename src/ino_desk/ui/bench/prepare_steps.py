"""Which step of the bench is open for a dose, from what is stored and the clock (no Qt here).

The order of work: vials → Reconstituted → Diluted → "prepared" signature → independent
double check → Save → bag label. A bag past a PI 2.4 limit can only be recorded as waste.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from typing import TYPE_CHECKING

from ino_desk.domain.bench.preparation import Dilution
from ino_desk.domain.bench.waste import WasteKind
from ino_desk.domain.printed.order_text import diluent_name, preparation_notes
from ino_desk.domain.quantities import Unit, format_quantity

if TYPE_CHECKING:
    from ino_desk.domain.bench.bench_clock import BenchClock
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.services.preparing.bench import BenchDose


@dataclass(frozen=True, slots=True)
class BagOnClock:
    """The bag whose clock the screen shows: the one in progress, or the last one saved."""

    reconstituted_at: datetime | None
    dilution: Dilution | None
    saved: bool

    @property
    def diluted_at(self) -> datetime | None:
        return None if self.dilution is None else self.dilution.at


def bag_on_clock(state: BenchDose) -> BagOnClock:
    """A saved bag keeps its clock until it is wasted: its label is only good within limits."""
    if state.reconstituted_at is not None or not state.preparations:
        return BagOnClock(state.reconstituted_at, state.dilution, saved=False)
    last = state.preparations[-1]
    if any(
        w.kind is WasteKind.WHOLE_DOSE and w.recorded_at >= last.reconstituted_at
        for w in state.waste
    ):
        return BagOnClock(None, None, saved=False)
    return BagOnClock(last.reconstituted_at, last.dilution, saved=True)


@dataclass(frozen=True, slots=True)
class Steps:
    """What the screen lets the user do now; the services refuse the same things again."""

    vials: bool
    reconstitute: bool
    dilute: bool
    sign_prepared: bool
    double_check: bool
    save: bool
    print_label: bool
    waste: bool


def open_steps(state: BenchDose, bag: BagOnClock, clock: BenchClock | None) -> Steps:
    verified = state.verified is not None
    in_time = clock is not None and clock.can_label
    made = in_time and bag.diluted_at is not None and not bag.saved
    return Steps(
        vials=verified and not bag.saved,
        reconstitute=verified and bag.reconstituted_at is None,
        dilute=verified and in_time and bag.diluted_at is None,
        sign_prepared=verified and made and state.prepared is None,
        double_check=made and state.prepared is not None and state.double_checked is None,
        save=made and state.double_checked is not None,
        print_label=bag.saved,
        waste=clock is not None and not clock.can_label,
    )


def patient_line(state: BenchDose, today: date) -> str:
    """Whose bag this is, as the bench must show it before anything is made (plain text)."""
    who = state.patient
    return (
        f"{who.display_name} · MRN {who.mrn} · born {who.date_of_birth.isoformat()} "
        f"(age {who.age_on(today)})"
    )


def summary_text(rules: ClinicalRules, state: BenchDose) -> str:
    p = state.preparation
    return (
        f"<b>Day {state.dose.day}: {format_quantity(p.dose_mg, Unit.MG)}</b> — "
        f"{p.vials} vial(s); drug volume <b>{format_quantity(p.drug_volume_ml, Unit.ML)}</b>"
        f" + {diluent_name(rules)} {format_quantity(p.diluent_ml, Unit.ML)} = "
        f"{format_quantity(p.total_volume_ml, Unit.ML)}"
        f"{'' if p.syringe is None else ' in a ' + escape(p.syringe.describe())}; "
        f"{format_quantity(p.discarded_mg, Unit.MG)} left in the vials is waste. "
        "<b>PROTECT FROM LIGHT.</b>"
    )


def notes_html(rules: ClinicalRules) -> str:
    """The PI 2.4 preparation notes, each with its citation."""
    return "<br>".join(
        f"• {n.text} <i>({n.citation})</i>" for n in preparation_notes(rules, "") if n.text
    )
