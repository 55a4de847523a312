"""An audit-trail anchor: the chain head (sequence number and hash) kept outside the file.

Printed on every order sheet and bag label and appended to the anchor log beside the backups,
an anchor `SEQ:HASH` pins the whole trail up to event SEQ: each event's hash covers the one
before it, so a rewrite, truncation, rollback or another site's file cannot show the same
hash at SEQ. Someone who has only the database file cannot change the paper or the log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ino_desk.domain.errors import InputError

HASH_HEX = 64
# Read off paper: a hash prefix this long still takes ~2**64 work to forge.
MIN_PREFIX_HEX = 16
_ANCHOR = re.compile(r"^(?P<seq>[0-9]{1,12}):(?P<hash>[0-9a-fA-F]+)$")


@dataclass(frozen=True, slots=True)
class AuditAnchor:
    """Event `seq` of the trail has hash `hash` (or, read off paper, a hash starting so)."""

    seq: int
    hash: str

    @property
    def text(self) -> str:
        return f"{self.seq}:{self.hash}"

    def matches(self, stored_hash: str) -> bool:
        return stored_hash.lower().startswith(self.hash)


def parse_anchor(text: str) -> AuditAnchor:
    """`SEQ:HASH` as printed (the hash in full, or its first 16 or more hex digits)."""
    found = _ANCHOR.match(text.strip())
    if found is None:
        raise InputError(
            "anchor", "write it as SEQ:HASH, e.g. 42:9f3c… (the number, a colon, the hex hash)"
        )
    digest = found["hash"].lower()
    if not MIN_PREFIX_HEX <= len(digest) <= HASH_HEX:
        raise InputError(
            "anchor", f"the hash has {MIN_PREFIX_HEX} to {HASH_HEX} hex digits after the colon"
        )
    return AuditAnchor(int(found["seq"]), digest)
