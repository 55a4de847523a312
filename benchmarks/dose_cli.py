"""Time `ino-desk dose` end to end and list the costliest imports of `ino-desk --version`.

Usage: .venv/bin/python benchmarks/dose_cli.py [--runs 20] [--top 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOSE_ARGS = ["dose", "--height-cm", "170", "--weight-kg", "75", "--cycle", "1", "--json"]


def entry_point() -> list[str]:
    """The installed console script next to this interpreter, else `python -m ino_desk`."""
    script = Path(sys.executable).with_name("ino-desk")
    return [str(script)] if script.exists() else [sys.executable, "-m", "ino_desk"]


def time_dose(runs: int) -> list[float]:
    """Wall time in ms of each run; the first (cold file cache) run is made and discarded."""
    command = [*entry_point(), *DOSE_ARGS]
    subprocess.run(command, capture_output=True, check=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return times


def import_costs(top: int) -> list[tuple[int, int, str]]:
    """(self µs, cumulative µs, module) of `ino-desk --version`, by cumulative cost."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "ino_desk", "--version"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    rows = []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, name = (part.strip() for part in line[len("import time:") :].split("|"))
        rows.append((int(own), int(cumulative), name))
    return sorted(rows, key=lambda r: r[1], reverse=True)[:top]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--top", type=int, default=15)
    options = parser.parse_args()
    out = sys.stdout.write
    times = time_dose(options.runs)
    out(f"ino-desk {' '.join(DOSE_ARGS)}\n")
    out(
        f"  {len(times)} runs: median {statistics.median(times):.0f} ms, "
        f"min {min(times):.0f} ms, max {max(times):.0f} ms\n\n"
    )
    out("python -X importtime -m ino_desk --version (top by cumulative time)\n")
    out(f"  {'self ms':>8} {'cumul. ms':>9}  module\n")
    for own, cumulative, name in import_costs(options.top):
        out(f"  {own / 1000:8.1f} {cumulative / 1000:9.1f}  {name}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
