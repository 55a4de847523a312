"""Time the label viewer's search: index build at start-up and per-keystroke query latency.

Run: .venv/bin/python benchmarks/label_search.py   (prints milliseconds; no pass/fail)
"""

from __future__ import annotations

import statistics
import time

from ino_desk.label.pack import load_pack
from ino_desk.label.search import LabelSearch
from ino_desk.label.sections import load_label_document

QUERIES = ["veno-occlusive", "MCE", "CD22", "nylon filter", "premed", "v", "vo", "vod", "zebra"]
ROUNDS = 200


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def main() -> None:
    start = time.perf_counter()
    pack = load_pack()
    pack_ms = _ms(start)
    start = time.perf_counter()
    document = load_label_document(pack)
    text_ms = _ms(start)
    builds = []
    for _ in range(50):
        start = time.perf_counter()
        LabelSearch(document).close()
        builds.append(_ms(start))
    index = LabelSearch(document)
    print(f"load pack (checksums + constants): {pack_ms:.1f} ms")  # noqa: T201
    print(f"resolve viewer text ({len(document.sections)} sections): {text_ms:.1f} ms")  # noqa: T201
    print(  # noqa: T201
        f"build FTS5 index: median {statistics.median(builds):.2f} ms, max {max(builds):.2f} ms"
    )
    for query in QUERIES:
        times = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            hits = index.search(query)
            times.append(_ms(start))
        times.sort()
        p95 = times[int(len(times) * 0.95)]
        print(  # noqa: T201
            f"query {query!r:16} {len(hits):2} hits: median {statistics.median(times):.3f} ms, "
            f"p95 {p95:.3f} ms"
        )


if __name__ == "__main__":
    main()
