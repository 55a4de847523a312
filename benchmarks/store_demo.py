"""Time `ino-desk demo --patients N` on a new database file (wall and CPU time).

Usage: .venv/bin/python benchmarks/store_demo.py [N] [PATH]
PATH defaults to a new file in a temporary folder; it is kept for store_search.py.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    patients = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    if len(sys.argv) > 2:
        path = Path(sys.argv[2])
    else:
        path = Path(tempfile.mkdtemp(prefix="ino-desk-bench-")) / "demo.sqlite3"
    if path.exists():
        sys.stderr.write(f"{path} exists; choose a new file\n")
        return 2
    script = Path(sys.executable).with_name("ino-desk")
    command = [str(script), "--db", str(path), "demo", "--patients", str(patients)]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    sys.stdout.write(result.stdout + result.stderr)
    if result.returncode != 0:
        return result.returncode
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    sys.stdout.write(
        f"demo --patients {patients:,}: {wall:.1f} s wall, {usage.ru_utime:.1f} s user CPU, "
        f"{usage.ru_stime:.1f} s system CPU (all processes), {size / 1e6:.0f} MB\n"
        f"database: {path}\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
