"""No import cycle inside ino_desk (issue 15): a module that imports, directly or through
others, a module that imports it back cannot be read, tested or moved on its own.

Imports under `TYPE_CHECKING` count too: they tie the modules together for a reader and
for mypy just the same."""

from __future__ import annotations

import grimp


def _cycles() -> list[tuple[str, ...]]:
    graph = grimp.build_graph("ino_desk", cache_dir=None)
    found: set[tuple[str, ...]] = set()
    for importer in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(importer):
            if not imported.startswith("ino_desk"):
                continue
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back is not None:
                ring = (importer, *back)
                start = ring.index(min(ring[:-1]))  # one spelling per ring
                found.add(ring[start:-1] + ring[:start])
    return sorted(found)


def test_no_module_of_ino_desk_imports_itself_back() -> None:
    cycles = _cycles()
    assert cycles == [], "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)
