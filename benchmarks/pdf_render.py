"""Time to render one order sheet and one bag label in-process (issue 6 asks for both).

Run: .venv/bin/python benchmarks/pdf_render.py [--repeat N]
Prints the first (cold: ReportLab import and font loading) and the median of the warm runs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from ino_desk.label.pack import load_pack
from ino_desk.pdf.render import PdfRenderer
from ino_desk.services.paperwork.demo_documents import demo_bag_label, demo_order_sheet


def _times(job: Callable[[], bytes], repeat: int) -> list[float]:
    found = []
    for _ in range(repeat):
        start = time.perf_counter()
        job()
        found.append(time.perf_counter() - start)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    rules = load_pack().rules
    now = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
    renderer = PdfRenderer()
    jobs = {
        "order sheet (assemble + render)": lambda: renderer.order_sheet(
            demo_order_sheet(rules, 1, now)
        ),
        "bag label (assemble + render)": lambda: renderer.bag_label(
            demo_bag_label(rules, 1, 8, now, now)
        ),
    }
    for name, job in jobs.items():
        runs = _times(job, args.repeat)
        cold, warm = runs[0], runs[1:]
        median = statistics.median(warm) * 1000
        print(  # noqa: T201 - a benchmark reports on stdout
            f"{name}: first {cold * 1000:.0f} ms, warm median {median:.1f} ms, "
            f"max {max(warm) * 1000:.1f} ms over {len(warm)} runs"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
