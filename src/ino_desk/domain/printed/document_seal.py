"""A document's identity: the content hash over what it shows, the id taken from it, and
the audit head printed in its footer (not content: a reprint stays a reprint)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, TypeVar

from ino_desk.domain.printed.documents import OrderSheet
from ino_desk.domain.printed.printed_signatures import ADDED_AFTER_ISSUE, HASHED_NAME
from ino_desk.domain.quantities import format_number

if TYPE_CHECKING:  # an order sheet's seal needs no bag-label code (issue 17, start-up)
    from ino_desk.domain.printed.bag_label import BagLabel


def _plain(value: object) -> object:
    """A JSON-ready form of a document value; stable across runs and machines."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.metadata.get(HASHED_NAME, f.name): _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if not (f.metadata.get(ADDED_AFTER_ISSUE) and getattr(value, f.name) == f.default)
        }
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return format_number(value, group_thousands=False)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


Doc = TypeVar("Doc", OrderSheet, "BagLabel")


def document_content_hash(doc: OrderSheet | BagLabel) -> str:
    """SHA-256 over everything the document shows except its own id, hash and audit head."""
    unsealed = dataclasses.replace(doc, document_id="", content_hash="", audit_head="")
    text = json.dumps(_plain(unsealed), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def seal(doc: Doc) -> Doc:
    """Fill in the content hash and a document id taken from it (same content, same id)."""
    digest = document_content_hash(doc)
    kind = "OS" if isinstance(doc, OrderSheet) else "BL"
    return dataclasses.replace(
        doc, document_id=f"{kind}-{digest[:12].upper()}", content_hash=digest
    )


def with_audit_head(doc: Doc, head: str) -> Doc:
    """The sealed document with the audit trail's head for its footer. The head is not
    content: the same order printed again is the same document (a reprint), whatever was
    recorded meanwhile."""
    return dataclasses.replace(doc, audit_head=head)
