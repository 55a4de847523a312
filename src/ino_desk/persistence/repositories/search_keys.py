"""Folded keys for prefix search, so "muller" finds "Müller" through a plain index."""

from __future__ import annotations

import unicodedata

NAME_SEPARATOR = ","


def fold(text: str) -> str:
    """Lower case, accents removed, inner spaces collapsed; commas become spaces."""
    decomposed = unicodedata.normalize("NFKD", text.replace(NAME_SEPARATOR, " "))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def mrn_key(mrn: str) -> str:
    return fold(mrn)


def name_key(family_name: str, given_name: str) -> str:
    return f"{fold(family_name)}{NAME_SEPARATOR}{fold(given_name)}"


def name_prefix(query: str) -> str:
    """ "smi" -> "smi"; "smith, jo" -> "smith,jo": a prefix of `name_key`."""
    family, comma, given = query.partition(NAME_SEPARATOR)
    return fold(family) + (NAME_SEPARATOR + fold(given) if comma else "")


def prefix_end(prefix: str) -> str:
    """The smallest string above every string that starts with `prefix` (for a range scan)."""
    return prefix + "\U0010ffff"
