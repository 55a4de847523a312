"""Electronic signatures (21 CFR 11.50, 11.70, 11.200): meaning, binding and double checks."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from ino_desk.domain.cycles.course import DoseDay  # noqa: TC001
from ino_desk.domain.errors import DomainError
from ino_desk.domain.staff.users import Permission


class Meaning(StrEnum):
    VERIFIED_ORDER = "verified order"
    PREPARED = "prepared"
    DOUBLE_CHECK = "independent double check"

    @property
    def permission(self) -> Permission:
        return {
            Meaning.VERIFIED_ORDER: Permission.VERIFY_ORDERS,
            Meaning.PREPARED: Permission.RECORD_PREPARATION,
            Meaning.DOUBLE_CHECK: Permission.DOUBLE_CHECK,
        }[self]


def canonical_json_sha256(content: dict[str, object]) -> str:
    """SHA-256 of canonical JSON: the same content always hashes the same."""
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# A signature on a dose order is stored against this entity and bound to the hash of what the
# order asks for (21 CFR 11.70), so a changed order no longer carries it.
ORDER_ENTITY = "dose_day"


def order_content_hash(dose: DoseDay) -> str:
    """Hash of what a dose order asks for; its status (given, held) is not part of the order."""
    return canonical_json_sha256(
        {
            "cycle_id": dose.cycle_id,
            "day": dose.day,
            "planned_date": dose.planned_date.isoformat(),
            "mg_per_m2": str(dose.mg_per_m2),
            "calculated_mg": str(dose.calculated_mg),
            "dose_mg": str(dose.dose_mg),
            "vials": dose.vials,
            "drug_volume_ml": str(dose.drug_volume_ml),
            "diluent_ml": str(dose.diluent_ml),
            "total_volume_ml": str(dose.total_volume_ml),
            # only for a syringe, so the hash of every bag order signed before stays the same
            **({} if dose.syringe is None else {"syringe": dose.syringe.describe()}),
        }
    )


class SignatureRefusedError(DomainError):
    pass


def check_double_checker(checker_id: int, preparer_id: int | None, verifier_id: int | None) -> None:
    """The independent double check needs a third person: neither preparer nor verifier."""
    if checker_id in {preparer_id, verifier_id}:
        raise SignatureRefusedError(
            "the independent double check must be done by a different pharmacist than the "
            "one who prepared or verified"
        )


@dataclass(frozen=True, slots=True)
class CheckedFigures:
    """What a person measured or counted, entered without seeing anyone else's figures."""

    dose_mg: Decimal
    drug_volume_ml: Decimal
    vials: int
    lot: str | None = None


def figure_mismatches(expected: CheckedFigures, entered: CheckedFigures) -> list[str]:
    """Names of figures that differ; an empty list means the check agrees."""
    mismatches: list[str] = []
    if expected.dose_mg != entered.dose_mg:
        mismatches.append("dose (mg)")
    if expected.drug_volume_ml != entered.drug_volume_ml:
        mismatches.append("drug volume (mL)")
    if expected.vials != entered.vials:
        mismatches.append("vials")
    if expected.lot is not None and (entered.lot or "").strip().upper() != expected.lot.upper():
        mismatches.append("lot")
    return mismatches
