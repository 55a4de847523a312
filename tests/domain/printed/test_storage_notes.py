"""Storage and temperature sentences of the bench and the order sheet, as the viewer words them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.domain.printed.order_text import intact_vial_storage, preparation_notes

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules


def _notes(rules: ClinicalRules) -> dict[str, str]:
    return {n.text: n.citation for n in preparation_notes(rules, "HAZARDOUS DRUG")}


def test_intact_vials_are_kept_refrigerated_in_the_carton(rules: ClinicalRules) -> None:
    # CLINICAL-RULES 3, 4, 16: 2-8 °C, original carton, protect from light, do not freeze [C].
    note = intact_vial_storage(rules)
    assert note.text == (
        "Intact vials: refrigerate at 2–8 °C in the original carton to protect from light; "
        "do not freeze."
    )
    assert note.citation == "PI 16"
    assert note.text in _notes(rules)


def test_solutions_and_the_infusion_state_their_temperatures(rules: ClinicalRules) -> None:
    notes = _notes(rules)
    assert notes[
        "Reconstituted solution: use at once or refrigerate at 2–8 °C for up to 4 hours."
    ] == ("PI 2.4")
    diluted = (
        "Diluted solution: room temperature (20–25 °C) for up to 4 hours or refrigerated "
        "(2–8 °C) for up to 3 hours; a refrigerated bag warms for about 1 hour before infusion."
    )
    # The hours are [U] in CLINICAL-RULES 2.4: the note keeps the visible mark.
    assert notes[diluted] == "PI 2.4, unconfirmed: verify against the current PI"
    # 60 minutes at 50 mL/h for the 50 mL bag, room temperature 20-25 °C [L].
    infusion = "Infuse over 60 minutes at 50 mL/h, at room temperature (20–25 °C)."
    assert notes[infusion] == "PI 2.4"
