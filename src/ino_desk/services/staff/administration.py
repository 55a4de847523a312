"""How a dose is given, as printed: the label's bag for the cycle, or a dose's own syringe
with the site-entered PI 2.4 method, said so on the sheet's row and on the label."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.domain.bench.syringe import SITE_ENTERED
from ino_desk.domain.printed.documents import Administration
from ino_desk.domain.printed.order_text import diluent_name
from ino_desk.domain.quantities import format_quantity

if TYPE_CHECKING:
    from ino_desk.domain.bench.preparation import Preparation
    from ino_desk.domain.bench.syringe import SyringeUse
    from ino_desk.domain.rules import ClinicalRules

ROUTE = "IV"


def administration(rules: ClinicalRules, prep: Preparation) -> Administration:
    """How a dose is given: the label's bag, or the site-entered syringe, said so."""
    return Administration(
        route=ROUTE,
        diluent=diluent_name(rules),
        total_volume_ml=prep.total_volume_ml,
        infusion_minutes=prep.infusion_minutes,
        rate_ml_per_h=prep.rate_ml_per_h,
        citation=(
            rules.infusion_rate_ml_per_h.citation
            if prep.syringe is None
            else f"PI 2.4 syringe method, {SITE_ENTERED}"
        ),
        container="bag" if prep.syringe is None else f"syringe ({SITE_ENTERED})",
    )


def syringe_give(rules: ClinicalRules, prep: Preparation) -> str:
    """A syringe dose's own line on the sheet (empty for the label's bag)."""
    if prep.syringe is None:
        return ""
    return (
        f"{ROUTE} in {diluent_name(rules)} to a total of "
        f"{format_quantity(prep.total_volume_ml, 'mL')} in a SYRINGE, over "
        f"{prep.infusion_minutes} min at {format_quantity(prep.rate_ml_per_h, 'mL/h')} "
        f"(PI 2.4 method, {SITE_ENTERED}: {prep.syringe.range_text()})"
    )


def syringe_caution(use: SyringeUse) -> str:
    """Printed on the label of a syringe: its parameters are the site's, not the label's."""
    return use.describe()
