"""Issue #14: stored text that people read refuses control characters and direction
controls, naming the field; free text may still span lines."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from ino_desk.domain.errors import InputError
from ino_desk.domain.patients.patient import Patient, Sex, optional_text, required_text
from ino_desk.domain.staff.accounts import check_full_name

BAD = ["A\nB", "A\rB", "A\tB", "A\x1b[2KB", "A\x00B", "A\u2028B", "A\u202eB", "A\u2066B\u2069"]


def _patient() -> Patient:
    return Patient("MRN-1", "Quill", "Ada", date(1979, 5, 17), Sex.FEMALE, True, "", "")


@pytest.mark.parametrize("bad", BAD)
@pytest.mark.parametrize("field", ["mrn", "family_name", "given_name"])
def test_patient_names_and_mrn_refuse_hidden_characters(field: str, bad: str) -> None:
    label = {"mrn": "MRN", "family_name": "family name", "given_name": "given name"}[field]
    with pytest.raises(InputError) as refused:
        replace(_patient(), **{field: bad})
    assert refused.value.field == label


@pytest.mark.parametrize("bad", BAD)
def test_a_users_full_name_refuses_hidden_characters(bad: str) -> None:
    with pytest.raises(InputError, match="full name"):
        check_full_name(bad)


def test_free_text_keeps_line_breaks_but_not_other_controls() -> None:
    assert optional_text("line one\nline two\tindented", "diagnosis") == (
        "line one\nline two\tindented"
    )
    for bad in ("A\x1bB", "A\u202eB", "A\rB", "A\u2029B"):
        with pytest.raises(InputError) as refused:
            optional_text(bad, "diagnosis")
        assert refused.value.field == "diagnosis"


def test_ordinary_names_from_many_scripts_are_kept() -> None:
    for name in ("O'Brien-Smith", "Müller", "Nguyễn", "خالد", "张伟", "<b>X</b>"):
        assert required_text(name, "family name", 100) == name
        assert check_full_name(f"Dr {name}") == f"Dr {name}"
