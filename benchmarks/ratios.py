"""Issue 17's speed goals, each as a ratio to its floor measured in the same run.

    benchmarks/run [--runs 7] [--big PATH]

For each row the floor and ino-desk run alternately (floor, app, floor, app, ...), each in
a child process with fresh empty user folders and QT_QPA_PLATFORM=offscreen; the ratio is
median(app) / median(floor). Alternating cancels much of what other jobs on the machine add,
but not all: the load average is printed with the results.

`--big PATH` adds the figures on a large database filled by `ino-desk demo --patients 100000`:
first window on it (ratio to the same Qt floor), the backups folder's size after those starts,
patient search p95 and the Today work queue's base query (both in-process, see
store_search.py and work_queue.py). The first start of a day on PATH may take its daily
backup after the window: PATH's backups folder grows by at most one compressed copy a day.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from floors import IMPORTS, QT_WINDOW, REPORTLAB_DOCUMENT

from ino_desk.persistence.backups.daily_backup import daily_backup_due

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
APP = str(Path(PYTHON).with_name("ino-desk"))
APP_SOURCE: str | None = None
DOSE = ["dose", "--height-cm", "170", "--weight-kg", "75", "--cycle", "1", "--json"]
GOALS = {"first window": 1.5, "first window, 100k": 1.5, "dose": 3.0, "order-sheet": 2.0}


def _env(folder: Path) -> dict[str, str]:
    # As installed: byte code cached (pip compiles it; the frozen bundle ships it), so the
    # app is not charged for compiling its own sources on every start when the shell sets
    # PYTHONDONTWRITEBYTECODE (the floors' standard library is precompiled either way).
    dropped = {"PYTHONPATH", "INO_DESK_DB", "PYTHONDONTWRITEBYTECODE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    if APP_SOURCE is not None:  # --app-src: time another checkout with this interpreter
        env["PYTHONPATH"] = APP_SOURCE
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[name] = str(folder / name.lower())
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


# CPU milliseconds (user + system) of each `_wall` child, by command name: far less
# sensitive than wall time to other jobs on a shared machine (they delay, not add, work).
CPU: dict[str, list[float]] = {}


def _wall(command: list[str]) -> float:
    """Milliseconds from launch to exit of `command`, in fresh user folders."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out.pdf"
        words = [str(out) if w == "{out}" else w for w in command]
        errors = Path(folder) / "stderr.txt"
        with errors.open("wb") as sink:
            start = time.perf_counter()
            child = subprocess.Popen(
                words, env=_env(Path(folder)), stdout=subprocess.DEVNULL, stderr=sink
            )
            _, status, usage = os.wait4(child.pid, 0)  # waited here: its rusage, not run()'s
            wall = (time.perf_counter() - start) * 1000
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped: Popen must not wait
        if child.returncode != 0:
            raise RuntimeError(f"{words[:3]} failed: {errors.read_text()[-500:]}")
        CPU.setdefault(" ".join(words[:3]), []).append((usage.ru_utime + usage.ru_stime) * 1000)
        return wall


def _until(command: list[str], shown: Callable[[Path], bool]) -> float:
    """Milliseconds from launch until `shown(folder)` holds; then the process is ended."""
    with tempfile.TemporaryDirectory() as folder:
        marker = Path(folder) / "shown"
        words = [str(marker) if w == "{marker}" else w for w in command]
        start = time.perf_counter()
        process = subprocess.Popen(
            words, env=_env(Path(folder)), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            while time.perf_counter() - start < 120:
                if shown(Path(folder)):
                    return (time.perf_counter() - start) * 1000
                if process.poll() is not None and not shown(Path(folder)):
                    raise RuntimeError(f"{words[0]} exited with {process.returncode}")
                time.sleep(0.005)
            raise RuntimeError("no window within 120 s")
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)


def _marker(folder: Path) -> bool:
    return (folder / "shown").exists()


def _logged_window(folder: Path) -> bool:
    log = folder / "xdg_state_home" / "ino-desk" / "log" / "ino-desk.log"
    return log.is_file() and "first window shown" in log.read_text(encoding="utf-8")


def qt_floor() -> float:
    return _until([PYTHON, "-c", QT_WINDOW, "{marker}"], _marker)


def rows(big: Path | None) -> dict[str, tuple[Callable[[], float], Callable[[], float]]]:
    """Each row: (floor, app), both returning milliseconds."""
    table: dict[str, tuple[Callable[[], float], Callable[[], float]]] = {
        "first window": (qt_floor, lambda: _until([APP], _logged_window)),
        "dose": (lambda: _wall([PYTHON, "-c", IMPORTS]), lambda: _wall([APP, *DOSE])),
        "order-sheet": (
            lambda: _wall([PYTHON, "-c", REPORTLAB_DOCUMENT, "{out}"]),
            lambda: _wall([APP, "order-sheet", "--demo", "--cycle", "1", "--out", "{out}"]),
        ),
    }
    if big is not None:
        table["first window, 100k"] = (
            qt_floor,
            lambda: _until([APP, "--db", str(big)], _logged_window),
        )
    return table


def _folder_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.glob("*") if f.is_file()) if folder.is_dir() else 0


def _daily_backup(big: Path) -> str:
    """Start the app on `big` and wait for its daily backup (when today's is not taken yet)."""
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "xdg_state_home" / "ino-desk" / "log" / "ino-desk.log"
        start = time.perf_counter()
        process = subprocess.Popen(
            [APP, "--db", str(big)],
            env=_env(Path(folder)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            shown = None
            while time.perf_counter() - start < 600:
                text = log.read_text(encoding="utf-8") if log.is_file() else ""
                if shown is None and "first window shown" in text:
                    shown = time.perf_counter() - start
                if "daily backup written" in text:
                    return (
                        f"window after {shown:.2f} s; daily backup written "
                        f"{time.perf_counter() - start:.1f} s after launch, in the background"
                    )
                if "daily backup failed" in text:
                    return "daily backup FAILED (see the log)"
                time.sleep(0.05)
            return "no daily backup within 600 s (today's was probably taken already)"
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)


def _in_process(script: str, big: Path, *extra: str) -> list[str]:
    done = subprocess.run(
        [PYTHON, str(ROOT / "benchmarks" / script), str(big), *extra],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.splitlines()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--big", type=Path, help="a database filled with 100,000 demo patients")
    parser.add_argument("--only", action="append", help="run only this row (repeatable)")
    parser.add_argument(
        "--app-src", help="time the ino-desk sources in this src folder (e.g. a main checkout)"
    )
    args = parser.parse_args()
    global APP_SOURCE
    APP_SOURCE = args.app_src
    table = rows(args.big)
    if args.only:
        table = {name: pair for name, pair in table.items() if name in args.only}
    before = os.getloadavg()
    out = sys.stdout
    out.write(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {args.runs} runs each\n")
    for name, (floor, app) in table.items():
        floor(), app()  # warm the file cache; not counted
        CPU.clear()
        floors, apps = [], []
        for _ in range(args.runs):
            floors.append(floor())
            apps.append(app())
        ratio = statistics.median(apps) / statistics.median(floors)
        verdict = "met" if ratio <= GOALS[name] else "NOT met"
        out.write(
            f"{name:20} app median {statistics.median(apps):7.0f} ms (min {min(apps):.0f})  "
            f"floor median {statistics.median(floors):6.0f} ms (min {min(floors):.0f})  "
            f"ratio {ratio:4.2f}x  goal <= {GOALS[name]}x {verdict}\n"
        )
        if len(CPU) == 2:  # both ran to exit: their CPU time too (the floor ran first)
            floor_cpu, app_cpu = (statistics.median(times) for times in CPU.values())
            out.write(
                f"{'':20} CPU (user + system): app {app_cpu:.0f} ms, floor {floor_cpu:.0f} ms, "
                f"ratio {app_cpu / floor_cpu:4.2f}x\n"
            )
        out.flush()
    if args.big is not None:
        backups = args.big.parent / f"{args.big.name}-backups"
        if daily_backup_due(backups):
            out.write(f"100k first start of the day: {_daily_backup(args.big)}\n")
        out.write(
            f"100k database {args.big.stat().st_size / 1e6:.0f} MB; its backups folder "
            f"{_folder_bytes(backups) / 1e6:.0f} MB in {len(list(backups.glob('*')))} files\n"
        )
        for line in _in_process("store_search.py", args.big):
            if "search:" in line:
                out.write(f"100k {line.strip()}\n")
        for line in _in_process("work_queue.py", args.big, "--repeat", "50"):
            if line.startswith(("base query", "work_queue() service")):
                out.write(f"100k {line.strip()}\n")
    after = os.getloadavg()
    out.write(
        f"load average (1 min) {before[0]:.2f} at start, {after[0]:.2f} at end "
        "(other jobs share this machine; the ratios are interleaved to cancel part of it)\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
