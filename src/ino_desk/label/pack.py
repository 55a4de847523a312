"""Load the label pack from TOML into typed, frozen domain objects, or refuse with a reason."""

from __future__ import annotations

import functools
import tomllib
import typing
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ino_desk.domain.rules import ClinicalRules, Fact, Mark, PackInfo, RegimenRow
from ino_desk.label.checksums import ChecksumError, verify_checksums
from ino_desk.label.pack_error import LabelPackError as LabelPackError
from ino_desk.resources import resource_path

CONSTANTS_FILE = "constants.toml"
DEFAULT_PACK = "us-2024-03"
SUPPORTED_FORMAT = 1
TOP_LEVEL_TABLES = frozenset({"pack", "regimen", "constants"})
PROVENANCE_KEYS = frozenset({"section", "mark", "verified"})
FACT_KEYS = PROVENANCE_KEYS | {"value", "unit", "text"}


@dataclass(frozen=True, slots=True)
class LabelPack:
    folder: Path
    rules: ClinicalRules


def default_pack_folder() -> Path:
    return resource_path("label", DEFAULT_PACK)


def load_pack(folder: Path | None = None) -> LabelPack:
    """Verify checksums, parse and validate the whole pack; never returns half a pack."""
    folder = folder or default_pack_folder()
    try:
        verify_checksums(folder)
    except ChecksumError as exc:
        raise LabelPackError(f"label pack {folder}: {exc}") from None
    path = folder / CONSTANTS_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LabelPackError(f"{path}: cannot be read: {exc}") from None
    return LabelPack(folder, _parsed(path, text))


@functools.lru_cache(maxsize=4)
def _parsed(path: Path, text: str) -> ClinicalRules:
    """The rules of these exact bytes (checked above on every load): parsing is most of a
    load's cost, and a process that runs several commands (the in-process CLI tests, ~3 ms
    each) gets the same frozen rules for the same text. A refusal is never cached."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LabelPackError(f"{path}: cannot be read: {exc}") from None
    return _Reader(path, data).rules()


class _Reader:
    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data

    def fail(self, where: str, problem: str) -> LabelPackError:
        return LabelPackError(f"{self.path}: {where}: {problem}")

    def only_known(
        self, table: dict[str, Any], allowed: typing.AbstractSet[str], where: str
    ) -> None:
        """Refuse keys the app does not read: a typo must not leave a default in force."""
        unknown = sorted(set(table) - allowed)
        if unknown:
            prefix = f"{where}." if where else ""
            raise self.fail(
                f"{prefix}{unknown[0]}",
                f"unknown key (expected one of: {', '.join(sorted(allowed))})",
            )

    def table(self, parent: dict[str, Any], key: str, where: str) -> dict[str, Any]:
        value = parent.get(key)
        if not isinstance(value, dict):
            raise self.fail(where, "missing table")
        return value

    def text(self, table: dict[str, Any], key: str, where: str) -> str:
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{where}.{key}", "missing or empty text")
        return value

    def decimal(self, table: dict[str, Any], key: str, where: str) -> Decimal:
        raw = table.get(key)
        if not isinstance(raw, str):
            raise self.fail(f"{where}.{key}", "must be a decimal written as a string")
        try:
            value = Decimal(raw)
        except InvalidOperation:
            raise self.fail(f"{where}.{key}", f"{raw!r} is not a decimal") from None
        if not value.is_finite() or value < 0:
            raise self.fail(f"{where}.{key}", f"{raw!r} must be a finite number >= 0")
        return value

    def integer(self, table: dict[str, Any], key: str, where: str) -> int:
        raw = table.get(key)
        if isinstance(raw, bool) or not isinstance(raw, int | str):
            raise self.fail(f"{where}.{key}", "must be a whole number")
        value = self.decimal(table, key, where) if isinstance(raw, str) else Decimal(raw)
        if value != value.to_integral_value() or value <= 0:
            raise self.fail(f"{where}.{key}", f"{raw!r} must be a positive whole number")
        return int(value)

    def provenance(self, table: dict[str, Any], where: str) -> tuple[str, Mark, bool]:
        section = self.text(table, "section", where)
        try:
            mark = Mark(self.text(table, "mark", where))
        except ValueError:
            raise self.fail(f"{where}.mark", "must be L, C or U") from None
        verified = table.get("verified")
        if not isinstance(verified, bool):
            raise self.fail(f"{where}.verified", "must be true or false")
        if mark is Mark.UNCONFIRMED and verified:
            raise self.fail(f"{where}.verified", "a [U] fact cannot be verified = true")
        return section, mark, verified

    def info(self) -> PackInfo:
        pack = self.table(self.data, "pack", "[pack]")
        version = pack.get("format")
        if isinstance(version, bool) or version != SUPPORTED_FORMAT:  # True == 1 in Python
            raise self.fail("pack.format", f"this app reads format {SUPPORTED_FORMAT}")
        names = [f.name for f in fields(PackInfo)]
        self.only_known(pack, {"format", *names}, "pack")
        return PackInfo(**{name: self.text(pack, name, "pack") for name in names})

    def regimen(self, key: str) -> RegimenRow:
        where = f"regimen.{key}"
        table = self.table(self.table(self.data, "regimen", "[regimen]"), key, where)
        days = self.fact_days()
        day_keys = {f"day{day}_mg_per_m2" for day in days}
        self.only_known(
            table, PROVENANCE_KEYS | day_keys | {"applies_to", "cycle_length_days"}, where
        )
        section, mark, verified = self.provenance(table, where)
        doses = tuple((day, self.decimal(table, f"day{day}_mg_per_m2", where)) for day in days)
        return RegimenRow(
            key=key,
            applies_to=self.text(table, "applies_to", where),
            doses_mg_per_m2=doses,
            cycle_length_days=self.integer(table, "cycle_length_days", where),
            section=section,
            mark=mark,
            verified=verified,
        )

    def fact_days(self) -> tuple[int, ...]:
        table = self.table(self.constants(), "dose_days", "constants.dose_days")
        raw = table.get("value")
        if (
            not isinstance(raw, list)
            or not raw
            or not all(isinstance(d, int) and not isinstance(d, bool) and d > 0 for d in raw)
        ):
            raise self.fail("constants.dose_days.value", "must be a list of positive days")
        if raw != sorted(set(raw)):
            raise self.fail("constants.dose_days.value", "days must be increasing")
        return tuple(raw)

    def constants(self) -> dict[str, Any]:
        return self.table(self.data, "constants", "[constants]")

    def fact(self, name: str, kind: object) -> Fact[Any]:
        where = f"constants.{name}"
        table = self.table(self.constants(), name, where)
        self.only_known(table, FACT_KEYS, where)
        section, mark, verified = self.provenance(table, where)
        value: object
        if kind is int:
            value = self.integer(table, "value", where)
        elif kind is Decimal:
            value = self.decimal(table, "value", where)
        elif kind is str:
            value = self.text(table, "value", where).strip()
        else:
            value = self.fact_days()
        unit = self.text(table, "unit", where)
        note = table.get("text", "")
        if not isinstance(note, str):
            raise self.fail(f"{where}.text", "must be text")
        return Fact(value, unit, section, mark, verified, note)

    def rules(self) -> ClinicalRules:
        hints = typing.get_type_hints(ClinicalRules)
        names = [f.name for f in fields(ClinicalRules) if f.name != "info"]
        self.only_known(self.data, TOP_LEVEL_TABLES, "")
        self.only_known(
            self.table(self.data, "regimen", "[regimen]"),
            {n.removeprefix("regimen_") for n in names if n.startswith("regimen_")},
            "regimen",
        )
        self.only_known(
            self.constants(), {n for n in names if not n.startswith("regimen_")}, "constants"
        )
        values: dict[str, object] = {"info": self.info()}
        for f in fields(ClinicalRules):
            if f.name == "info":
                continue
            if f.name.startswith("regimen_"):
                values[f.name] = self.regimen(f.name.removeprefix("regimen_"))
            else:
                (kind,) = typing.get_args(hints[f.name])
                values[f.name] = self.fact(f.name, kind)
        return ClinicalRules(**values)  # type: ignore[arg-type]
