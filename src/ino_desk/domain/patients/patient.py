"""A patient as the pharmacy records them: identity, allergies stated explicitly, diagnosis."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ino_desk.domain.errors import InputError

MRN_MAX_LENGTH = 32
NAME_MAX_LENGTH = 100
TEXT_MAX_LENGTH = 2000


class Sex(StrEnum):
    """Sex as recorded; the value is what the database and the command line use."""

    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


# Direction overrides and isolates reorder what is shown (a name could display as another).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def refuse_hidden_characters(value: str, field: str, *, multiline: bool = False) -> None:
    """Refuse control characters (line breaks too, unless `multiline`) and bidirectional
    overrides/isolates in text that is stored and shown to people, naming the field."""
    for ch in value:
        if ch in BIDI_CONTROLS:
            raise InputError(
                field, "must not contain text-direction controls (U+202A-U+202E, U+2066-U+2069)"
            )
        if multiline and ch in "\n\t":
            continue
        if unicodedata.category(ch) in ("Cc", "Zl", "Zp"):
            raise InputError(
                field,
                "must not contain control characters"
                + ("" if multiline else " or line breaks (one line of text)"),
            )


def required_text(value: str, field: str, max_length: int) -> str:
    """Refuse empty, overlong or hidden-character text, naming the field; returns the text
    trimmed."""
    refuse_hidden_characters(value, field)
    text = value.strip()
    if not text:
        raise InputError(field, "is required")
    if len(text) > max_length:
        raise InputError(field, f"at most {max_length} characters")
    return text


def optional_text(value: str, field: str, max_length: int = TEXT_MAX_LENGTH) -> str:
    """Free text (diagnosis, allergies, reasons): may span lines; no other control
    characters or direction controls."""
    refuse_hidden_characters(value, field, multiline=True)
    if len(value) > max_length:
        raise InputError(field, f"at most {max_length} characters")
    return value.strip()


@dataclass(frozen=True, slots=True)
class Patient:
    """`no_known_allergies` must be stated: either it is True, or `allergies` lists them.

    An empty allergy list without the explicit statement is refused, because "nobody asked"
    must never look like "no allergies".
    """

    mrn: str
    family_name: str
    given_name: str
    date_of_birth: date
    sex: Sex
    no_known_allergies: bool
    allergies: str
    diagnosis: str
    id: int | None = None

    def __post_init__(self) -> None:
        required_text(self.mrn, "MRN", MRN_MAX_LENGTH)
        if self.mrn != self.mrn.strip():
            raise InputError("MRN", "must not start or end with spaces")
        required_text(self.family_name, "family name", NAME_MAX_LENGTH)
        required_text(self.given_name, "given name", NAME_MAX_LENGTH)
        optional_text(self.diagnosis, "diagnosis")
        optional_text(self.allergies, "allergies")
        if self.no_known_allergies and self.allergies.strip():
            raise InputError("allergies", "either list allergies or state none known, not both")
        if not self.no_known_allergies and not self.allergies.strip():
            raise InputError("allergies", "list the allergies or state explicitly: none known")

    def age_on(self, day: date) -> int:
        """Completed years on `day`."""
        years = day.year - self.date_of_birth.year
        if (day.month, day.day) < (self.date_of_birth.month, self.date_of_birth.day):
            years -= 1
        return years

    @property
    def display_name(self) -> str:
        return f"{self.family_name}, {self.given_name}"
