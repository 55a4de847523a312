"""The Prepare screen's notes say how vials, solutions and the bag are kept (PI 16, 2.4)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.ui.bench.prepare_steps import notes_html

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules


def test_bench_notes_carry_storage_and_temperatures(rules: ClinicalRules) -> None:
    html = notes_html(rules)
    # By hand from CLINICAL-RULES 3, 4, 16 and 2.4.
    assert (
        "• Intact vials: refrigerate at 2–8 °C in the original carton to protect from light; "
        "do not freeze. <i>(PI 16)</i>"
    ) in html
    assert "refrigerate at 2–8 °C for up to 4 hours. <i>(PI 2.4)</i>" in html
    assert "Infuse over 60 minutes at 50 mL/h, at room temperature (20–25 °C)." in html
