"""The label pack loads whole and correct, or refuses naming the file and the field."""

from __future__ import annotations

import dataclasses
import re
import shutil
import tomllib
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from ino_desk.domain.rules import Fact, Mark
from ino_desk.label.checksums import SUMS_FILE, write_checksums
from ino_desk.label.pack import CONSTANTS_FILE, LabelPackError, default_pack_folder, load_pack

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from ino_desk.domain.rules import ClinicalRules

D = Decimal
# CLINICAL-RULES.md marks these [U]: never confirmed from a copy of the label.
UNCONFIRMED = {
    "interruption_delay_below_days",
    "interruption_omit_from_days",
    "interruption_reduce_from_days",
    "reduction_percent",
    "reduced_doses_per_cycle",
    "interruption_consider_stop_above_days",
    "min_concentration_mg_per_ml",
    "max_concentration_mg_per_ml",
    "diluted_room_temperature_max_h",
    "diluted_refrigerated_max_h",
    "refrigerated_bag_warm_up_h",
    # Derived from the NDC by the GS1 rule; CLINICAL-RULES.md does not state it.
    "product_gtin",
}


def _raw() -> dict[str, object]:
    return tomllib.loads((default_pack_folder() / CONSTANTS_FILE).read_text(encoding="utf-8"))


def test_the_shipped_pack_loads(rules: ClinicalRules) -> None:
    assert rules.info.revision == "3/2024"
    assert rules.info.brand == "BESPONSA"
    assert rules.info.dailymed_setid == "cc7014b1-c775-411d-b374-8113248b4077"


def test_pack_values_match_the_clinical_rules(rules: ClinicalRules) -> None:
    # Written from CLINICAL-RULES.md, not from the pack.
    assert rules.min_age_years.value == 1
    assert rules.dose_days.value == (1, 8, 15)
    assert rules.regimen_cycle1.cycle_length_days == 21
    assert rules.cycle1_extended_length_days.value == 28
    assert rules.regimen_later_cr_cri.cycle_length_days == 28
    assert rules.regimen_later_no_response.cycle_length_days == 28
    assert rules.dose_window_days.value == 2
    assert rules.min_days_between_doses.value == 6
    assert (rules.max_cycles_hsct.value, rules.max_cycles_hsct_without_mrd_negative_cr.value) == (
        2,
        3,
    )
    assert rules.max_cycles_no_hsct.value == 6
    assert rules.response_deadline_cycles.value == 3
    assert rules.vial_strength_mg.value == D("0.9")
    assert rules.reconstitution_volume_ml.value == D(4)
    assert rules.reconstituted_concentration_mg_per_ml.value == D("0.25")
    assert rules.deliverable_volume_ml.value == D("3.6")
    assert rules.bag_total_volume_ml.value == D(50)
    assert rules.min_concentration_mg_per_ml.value == D("0.01")
    assert rules.max_concentration_mg_per_ml.value == D("0.1")
    assert rules.infusion_minutes.value == 60
    assert rules.infusion_rate_ml_per_h.value == D(50)
    assert rules.max_reconstitution_to_dilution_h.value == 4
    assert rules.max_reconstitution_to_end_of_infusion_h.value == 8
    assert rules.cytoreduction_max_blasts_per_mm3.value == D(10000)
    assert rules.bilirubin_hold_x_uln.value == D("1.5")
    assert rules.ast_alt_hold_x_uln.value == D("2.5")


def test_product_facts_match_the_clinical_rules(rules: ClinicalRules) -> None:
    """CLINICAL-RULES "3, 4, 16 Product facts" and 2.4, written by hand with their marks."""
    assert (rules.product_ndc.value, rules.product_ndc.section) == ("0008-0100-01", "16")
    assert (rules.product_ndc.mark, rules.product_ndc.verified) == (Mark.LABEL, True)
    assert (rules.contraindications.value, rules.contraindications.section) == ("None", "4")
    assert (rules.contraindications.mark, rules.contraindications.verified) == (Mark.LABEL, True)
    # Intact vials: 2-8 °C, original carton, protect from light, do not freeze [C].
    assert (rules.refrigerated_min_c.value, rules.refrigerated_max_c.value) == (D(2), D(8))
    assert rules.refrigerated_min_c.unit == rules.refrigerated_max_c.unit == "°C"
    for fact in (rules.refrigerated_min_c, rules.refrigerated_max_c):
        assert "16" in fact.section.split(", ")
        assert (fact.mark, fact.verified) == (Mark.COMPENDIUM, True)  # the pack's [C] convention
    storage = rules.intact_vial_storage
    assert storage.value == "in the original carton to protect from light; do not freeze"
    assert (storage.section, storage.mark, storage.verified) == ("16", Mark.COMPENDIUM, True)
    # Infusion at room temperature 20-25 °C [L].
    assert (rules.room_temperature_min_c.value, rules.room_temperature_max_c.value) == (
        D(20),
        D(25),
    )
    for fact in (rules.room_temperature_min_c, rules.room_temperature_max_c):
        assert (fact.unit, fact.section, fact.mark, fact.verified) == (
            "°C",
            "2.4",
            Mark.LABEL,
            True,
        )


def test_every_constant_has_a_section_and_a_verified_flag() -> None:
    raw = _raw()
    entries = {**raw["constants"], **raw["regimen"]}  # type: ignore[dict-item]
    assert len(entries) > 40
    for name, table in entries.items():
        assert isinstance(table["section"], str), name
        assert table["section"].strip(), name
        assert isinstance(table["verified"], bool), name
        assert table["mark"] in {"L", "C", "U"}, name


def _unverified_facts(rules: ClinicalRules) -> list[tuple[str, Fact[object]]]:
    """Facts shipped with `verified = false`."""
    found: list[tuple[str, Fact[object]]] = []
    for f in dataclasses.fields(rules):
        value = getattr(rules, f.name)
        if isinstance(value, Fact) and not value.verified:
            found.append((f.name, value))
    return found


def test_unconfirmed_facts_are_exactly_the_u_facts_and_unverified(rules: ClinicalRules) -> None:
    raw_constants = _raw()["constants"]
    assert isinstance(raw_constants, dict)
    marked_u = {name for name, table in raw_constants.items() if table["mark"] == "U"}
    assert marked_u == UNCONFIRMED
    unverified = dict(_unverified_facts(rules))
    assert set(unverified) == UNCONFIRMED
    for name in UNCONFIRMED:
        fact = unverified[name]
        assert fact.mark is Mark.UNCONFIRMED
        assert not fact.verified
        assert fact.citation.endswith("unconfirmed: verify against the current PI")


def test_verified_facts_cite_their_section_plainly(rules: ClinicalRules) -> None:
    assert rules.vial_strength_mg.citation == "PI 2.4"
    assert rules.min_age_years.citation == "PI 1"


# ------------------------------------------------------------------ broken copies of the pack


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "us-2024-03"
    shutil.copytree(default_pack_folder(), folder)
    return folder


def _edit(folder: Path, change: Callable[[str], str], *, reseal: bool = True) -> Path:
    path = folder / CONSTANTS_FILE
    before = path.read_text(encoding="utf-8")
    after = change(before)
    assert after != before, "the edit did not apply"
    path.write_text(after, encoding="utf-8")
    if reseal:
        write_checksums(folder)
    return path


def _replace(old: str, new: str) -> Callable[[str], str]:
    return lambda text: text.replace(old, new, 1)


def _fact_block(name: str) -> str:
    return f"[constants.{name}]\n"


def test_a_resealed_unchanged_copy_loads(pack_copy: Path) -> None:
    write_checksums(pack_copy)
    assert load_pack(pack_copy).rules.vial_strength_mg.value == D("0.9")


def test_missing_constants_file(pack_copy: Path) -> None:
    (pack_copy / CONSTANTS_FILE).unlink()
    with pytest.raises(LabelPackError, match=r"constants\.toml: listed in SHA256SUMS but missing"):
        load_pack(pack_copy)


def test_missing_checksum_file(pack_copy: Path) -> None:
    (pack_copy / SUMS_FILE).unlink()
    with pytest.raises(LabelPackError, match=r"SHA256SUMS: checksum file missing"):
        load_pack(pack_copy)


def test_missing_pack_folder(tmp_path: Path) -> None:
    with pytest.raises(LabelPackError, match="checksum file missing"):
        load_pack(tmp_path / "no-such-pack")


def test_an_extra_unsealed_file_is_refused(pack_copy: Path) -> None:
    (pack_copy / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(LabelPackError, match=r"notes\.txt: not listed in SHA256SUMS"):
        load_pack(pack_copy)


def test_malformed_toml(pack_copy: Path) -> None:
    path = _edit(pack_copy, _replace('revision = "3/2024"', 'revision = "3/2024'))
    with pytest.raises(LabelPackError) as caught:
        load_pack(pack_copy)
    message = str(caught.value)
    assert message.startswith(f"{path}: cannot be read")
    assert "line" in message  # tomllib names where it stopped


def test_changed_value_without_reseal_is_a_checksum_mismatch(pack_copy: Path) -> None:
    block = _fact_block("vial_strength_mg")
    path = _edit(pack_copy, _replace(f'{block}value = "0.9"', f'{block}value = "1"'), reseal=False)
    with pytest.raises(LabelPackError, match=re.escape(f"{path}: checksum mismatch")):
        load_pack(pack_copy)


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        # a whole constant removed (its header and keys, up to the next table)
        (
            '[constants.vial_strength_mg]\nvalue = "0.9"\nunit = "mg"\nsection = "2.4"\n'
            'mark = "L"\nverified = true\n',
            "",
            "constants.vial_strength_mg: missing table",
        ),
        # one key of a constant removed
        (
            '[constants.bag_total_volume_ml]\nvalue = "50"\nunit = "mL"\nsection = "2.4"\n',
            '[constants.bag_total_volume_ml]\nvalue = "50"\nunit = "mL"\n',
            "constants.bag_total_volume_ml.section",
        ),
        (
            '[constants.infusion_minutes]\nvalue = "60"\n',
            "[constants.infusion_minutes]\n",
            "constants.infusion_minutes.value",
        ),
        ('day8_mg_per_m2 = "0.5"', "", "regimen.cycle1.day8_mg_per_m2"),
        ('revision = "3/2024"\n', "", "pack.revision"),
    ],
)
def test_missing_field(pack_copy: Path, old: str, new: str, field: str) -> None:
    path = _edit(pack_copy, _replace(old, new))
    with pytest.raises(LabelPackError) as caught:
        load_pack(pack_copy)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert field in message


def test_u_fact_marked_verified_is_refused(pack_copy: Path) -> None:
    block = '[constants.min_concentration_mg_per_ml]\nvalue = "0.01"\nunit = "mg/mL"\n'
    old = f'{block}section = "2.4"\nmark = "U"\nverified = false'
    path = _edit(pack_copy, _replace(old, old.replace("false", "true")))
    with pytest.raises(LabelPackError) as caught:
        load_pack(pack_copy)
    assert str(caught.value) == (
        f"{path}: constants.min_concentration_mg_per_ml.verified: "
        "a [U] fact cannot be verified = true"
    )


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('value = "0.9"', 'value = "0.9 mg"', "constants.vial_strength_mg.value"),
        ('value = "0.9"', "value = 0.9", "constants.vial_strength_mg.value"),  # a float
        ('value = "0.9"', 'value = "-0.9"', "constants.vial_strength_mg.value"),
        (
            '[constants.infusion_minutes]\nvalue = "60"',
            '[constants.infusion_minutes]\nvalue = "60.5"',
            "constants.infusion_minutes.value",
        ),
        ('mark = "L"', 'mark = "X"', "mark"),
        ("verified = true", 'verified = "yes"', "verified"),
        ("format = 1", "format = 2", "pack.format"),
        ("format = 1", "format = true", "pack.format"),
        ("value = [1, 8, 15]", "value = [1, 15, 8]", "constants.dose_days.value"),
    ],
)
def test_wrong_values_are_refused(pack_copy: Path, old: str, new: str, field: str) -> None:
    path = _edit(pack_copy, _replace(old, new))
    with pytest.raises(LabelPackError) as caught:
        load_pack(pack_copy)
    assert str(caught.value).startswith(f"{path}: ")
    assert field in str(caught.value)


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        # a misspelt constant name: the real one is then missing, but the typo is named first
        (
            "[constants.vial_strength_mg]",
            "[constants.vial_strenght_mg]",
            "constants.vial_strenght_mg: unknown key",
        ),
        # a misspelt key inside a constant
        (
            '[constants.min_age_years]\nvalue = "1"\nunit = "year"\nsection = "1"\nmark = "L"\n'
            "verified = true",
            '[constants.min_age_years]\nvalue = "1"\nunit = "year"\nsection = "1"\nmark = "L"\n'
            "verified = true\nverifed = false",
            "constants.min_age_years.verifed: unknown key",
        ),
        ("[regimen.later_cr_cri]", "[regimen.later_cr]", "regimen.later_cr: unknown key"),
        ('day15_mg_per_m2 = "0.5"', 'day15_mg_per_m2 = "0.5"\nday22_mg_per_m2 = "0.5"', "day22"),
        ('bla = "761040"', 'bla = "761040"\nbrnad = "x"', "pack.brnad: unknown key"),
        ("[pack]", "[extra]\nx = 1\n\n[pack]", "extra: unknown key"),
    ],
)
def test_unknown_keys_are_refused(pack_copy: Path, old: str, new: str, field: str) -> None:
    path = _edit(pack_copy, _replace(old, new))
    with pytest.raises(LabelPackError) as caught:
        load_pack(pack_copy)
    assert str(caught.value).startswith(f"{path}: ")
    assert field in str(caught.value)


def test_every_loaded_fact_is_typed(rules: ClinicalRules) -> None:
    for name in rules.__dataclass_fields__:
        value = getattr(rules, name)
        if isinstance(value, Fact):
            # str only for identifiers (NDC, GTIN) and for facts in words (no digit in them):
            # never a number read as text
            if isinstance(value.value, str):
                if name in {"contraindications", "intact_vial_storage"}:
                    assert not re.search(r"\d", value.value), name
                else:
                    assert name.startswith("product_"), name
                continue
            assert isinstance(value.value, int | Decimal | tuple), name
            assert not isinstance(value.value, bool), name
            assert value.section, name
