"""The label pack's refusal, importable without loading the pack's readers (the composition
root catches it on every run)."""

from __future__ import annotations


class LabelPackError(Exception):
    """The pack cannot be used; the message names the file and the field."""
