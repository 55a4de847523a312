"""Use case: record the clinical facts of a course that the pre-dose gates need.

A VOD/SOS diagnosis (date and the clinician who made it), the date ANC or platelets first
fell below the label's thresholds, creatinine clearance and dialysis are facts no lab row
carries. The pharmacist records them here; the change is audited like every other write and
`dose_day.dose_gates` passes them to the domain's gates. The low-count date is entered, not
computed: sparse or transfused counts make the first low day ambiguous, and guessing a later
start would hide the persistent-low-count finding.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from ino_desk.domain.errors import InputError
from ino_desk.domain.patients.patient import optional_text
from ino_desk.domain.staff.users import Permission
from ino_desk.services.planning.authority import change_by

if TYPE_CHECKING:
    from ino_desk.domain.cycles.course import Course
    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store, UnitOfWork


@dataclass(frozen=True, slots=True)
class CourseFacts:
    vod_diagnosed_on: date | None = None
    vod_diagnosed_by: str | None = None
    low_counts_since: date | None = None
    crcl_ml_per_min: int | None = None
    on_dialysis: bool | None = None

    @staticmethod
    def of(course: Course) -> CourseFacts:
        return CourseFacts(
            course.vod_diagnosed_on,
            course.vod_diagnosed_by,
            course.low_counts_since,
            course.crcl_ml_per_min,
            course.on_dialysis,
        )


def course_facts(store: Store, course_id: int) -> CourseFacts:
    return store.read(lambda uow: CourseFacts.of(uow.courses.get(course_id)))


def record_course_facts(
    store: Store, course_id: int, facts: CourseFacts, who: User, reason: str = ""
) -> Course:
    """Save the facts on the course; clearing a recorded VOD diagnosis needs a typed reason."""
    reason = optional_text(reason, "reason").strip()

    def action(uow: UnitOfWork) -> Course:
        change = change_by(
            uow, who, Permission.PLAN_CYCLES, reason or "clinical facts of the course"
        )
        course = uow.courses.get(course_id)
        now = uow.now().date()
        for value, field in (
            (facts.vod_diagnosed_on, "VOD diagnosed on"),
            (facts.low_counts_since, "low counts since"),
        ):
            if value is not None and value > now:
                raise InputError(field, f"cannot be after today ({now.isoformat()})")
        if facts.low_counts_since is not None and facts.low_counts_since < course.started_on:
            # Counts low before the course began are not the drug's doing; say so, never clamp.
            raise InputError(
                "low counts since",
                f"cannot be before the course start ({course.started_on.isoformat()})",
            )
        if course.vod_diagnosed_on is not None and facts.vod_diagnosed_on is None and not reason:
            raise InputError("reason", "type why the recorded VOD/SOS diagnosis is removed")
        by = facts.vod_diagnosed_by.strip() if facts.vod_diagnosed_by else None
        updated = replace(
            course,
            vod_diagnosed_on=facts.vod_diagnosed_on,
            vod_diagnosed_by=by if facts.vod_diagnosed_on is not None else None,
            low_counts_since=facts.low_counts_since,
            crcl_ml_per_min=facts.crcl_ml_per_min,
            on_dialysis=facts.on_dialysis,
            facts_recorded_by=change.who,
        )
        return uow.courses.update(updated, change)

    return store.write(action)
