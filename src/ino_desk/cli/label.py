"""`ino-desk label`: list, read and search the prescribing information held in the label pack."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from ino_desk.cli.parser import EXIT_FAILED, EXIT_OK, UsageError
from ino_desk.label.search import LabelSearch
from ino_desk.label.sections import load_label_document
from ino_desk.label.text import header_text, section_text

if TYPE_CHECKING:
    import argparse

    from ino_desk.label.document import LabelDocument

MAX_HITS = 10


def register(commands: Any) -> None:
    p = commands.add_parser("label", help="read and search the prescribing information")
    actions = p.add_subparsers(dest="label_command", metavar="ACTION", required=True)
    sections = actions.add_parser("sections", help="list the sections: number and title")
    sections.set_defaults(func=run_sections)
    show = actions.add_parser("show", help="print one section as plain text")
    show.add_argument("section", metavar="SECTION", help="a section number such as 2.1")
    show.set_defaults(func=run_show)
    search = actions.add_parser("search", help="full-text search; ranked hits with snippets")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--limit", metavar="N", default=str(MAX_HITS))
    search.set_defaults(func=run_search)


def run_sections(args: argparse.Namespace, out: TextIO) -> int:
    document = load_label_document()
    for section in document.sections:
        out.write(f"{section.key}\t{section.title}\n")
    return EXIT_OK


def _find(document: LabelDocument, key: str) -> str:
    try:
        return section_text(document.section(key))
    except KeyError:
        allowed = ", ".join(document.section_keys())
        raise UsageError(f"SECTION: {key!r} is not a section; use one of {allowed}") from None


def run_show(args: argparse.Namespace, out: TextIO) -> int:
    document = load_label_document()
    text = _find(document, args.section)
    out.write(header_text(document.info) + "\n\n" + text)
    return EXIT_OK


def _limit(text: str) -> int:
    digits = text.strip()
    # ASCII digits only: "¹".isdigit() is True but int("¹") fails
    if not (digits.isascii() and digits.isdigit()) or not 1 <= int(digits) <= 100:
        raise UsageError(f"--limit: {text!r} must be a whole number from 1 to 100")
    return int(digits)


def run_search(args: argparse.Namespace, out: TextIO) -> int:
    limit = _limit(args.limit)
    if not any(ch.isalnum() for ch in args.query):
        raise UsageError("QUERY: type at least one letter or digit to search for")
    document = load_label_document()
    index = LabelSearch(document)
    try:
        hits = index.search(args.query, limit=limit)
    finally:
        index.close()
    if not hits:
        out.write(f"no section mentions {args.query!r}\n")
        return EXIT_FAILED
    for hit in hits:
        out.write(f"{hit.key}\t{hit.title}\t{hit.snippet().strip()}\n")
    return EXIT_OK
