"""Time ino-desk's start: `--version` and the desktop app's first window, for any build.

    python benchmarks/cold_start.py [COMMAND ...]        (default: dist/ino-desk/ino-desk)
    python benchmarks/cold_start.py .venv/bin/ino-desk   (the source install, to compare)

Each run uses fresh, empty user folders and QT_QPA_PLATFORM=offscreen. The first-window time
is the wall clock from launching the process until its log records "first window shown";
the app is then closed with SIGTERM, as a logout would.
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5
ROOT = Path(__file__).resolve().parents[1]


def _env(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "INO_DESK_DB"}}
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[name] = str(folder / name.lower())
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def time_version(command: list[str]) -> float:
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        subprocess.run(
            [*command, "--version"], env=_env(Path(folder)), check=True, capture_output=True
        )
        return (time.perf_counter() - start) * 1000


def time_first_window(command: list[str]) -> float:
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "xdg_state_home" / "ino-desk" / "log" / "ino-desk.log"
        start = time.perf_counter()
        process = subprocess.Popen(
            command, env=_env(Path(folder)), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            while time.perf_counter() - start < 60:
                if log.is_file() and "first window shown" in log.read_text(encoding="utf-8"):
                    return (time.perf_counter() - start) * 1000
                if process.poll() is not None:
                    raise RuntimeError(f"the app exited with {process.returncode} before a window")
                time.sleep(0.01)
            raise RuntimeError("no window within 60 s")
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=20)


def _summary(name: str, samples: list[float]) -> str:
    return (
        f"{name}: first {samples[0]:.0f} ms, median {statistics.median(samples):.0f} ms, "
        f"min {min(samples):.0f} ms, max {max(samples):.0f} ms ({len(samples)} runs)"
    )


def main(argv: list[str]) -> int:
    command = argv or [str(ROOT / "dist" / "ino-desk" / "ino-desk")]
    versions = [time_version(command) for _ in range(RUNS)]
    windows = [time_first_window(command) for _ in range(RUNS)]
    sys.stdout.write(f"command: {' '.join(command)}\n")
    sys.stdout.write(_summary("--version", versions) + "\n")
    sys.stdout.write(_summary("first window (offscreen)", windows) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
