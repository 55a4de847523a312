"""`ino-desk order-sheet` and `ino-desk bag-label` through the real entry point: the demo order
sheet in a child process (the installed `ino-desk`), the rest through `app.main` in this
process (`run_cli_in_process`)."""

from __future__ import annotations

import io
import re
from datetime import datetime, timedelta
from pathlib import Path

import pypdf
import pytest

from tests.cli.inprocess import cli, run_cli_in_process
from tests.conftest import CliRunner

__all__ = ["cli", "run_cli_in_process"]


def _text(path: Path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def test_demo_order_sheet_is_written(run_cli: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "c1.pdf"
    result = run_cli("order-sheet", "--demo", "--cycle", "1", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(
        rf"order sheet OS-[0-9A-F]{{12}} written to {re.escape(str(out))} "
        r"\(sha256 [0-9a-f]{64}\)\n",
        result.stdout,
    )
    text = _text(out)
    # demo patient 170 cm / 75 kg: BSA 1.88 m², cycle 1 doses 1.5 / 0.94 / 0.94 mg
    assert "DEMO, Alex (fictional patient)" in text
    assert "Demo Hospital Pharmacy (fictional)" in text
    assert "BSA 1.88 m² (Mosteller)" in text
    assert "Cycle total 3.38 mg (1.8 mg/m²)" in text


def test_demo_order_sheet_on_a4(run_cli_in_process: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "c2.pdf"
    result = run_cli_in_process(
        "order-sheet", "--demo", "--cycle", "2", "--out", str(out), "--paper", "a4"
    )
    assert result.returncode == 0, result.stderr
    box = pypdf.PdfReader(out).pages[0].mediabox
    assert round(float(box.width)) == 595


def test_demo_refuses_a_real_mrn(run_cli_in_process: CliRunner, tmp_path: Path) -> None:
    result = run_cli_in_process(
        "order-sheet", "--demo", "--mrn", "12345", "--cycle", "1", "--out", str(tmp_path / "x")
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "--mrn" in result.stderr


def test_a_plan_that_breaks_a_limit_is_refused(
    run_cli_in_process: CliRunner, tmp_path: Path
) -> None:
    # the demo course has no HSCT planned: 6 cycles in total at most (PI 2.1)
    out = tmp_path / "c7.pdf"
    result = run_cli_in_process("order-sheet", "--demo", "--cycle", "7", "--out", str(out))
    assert result.returncode == 1
    assert "refused" in result.stderr
    assert "beyond the 6 cycles" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (("order-sheet", "--demo", "--cycle", "x"), "--cycle"),
        (("order-sheet", "--demo", "--cycle", "0"), "--cycle"),
        (("order-sheet", "--demo", "--cycle", "1", "--paper", "legal"), "--paper"),
        (("bag-label", "--demo", "--cycle", "1", "--day", "3"), "--day"),
        (("bag-label", "--demo", "--cycle", "1", "--day", "1", "--stock", "2x1in"), "--stock"),
        (
            ("bag-label", "--demo", "--cycle", "1", "--day", "1", "--reconstituted-at", "soon"),
            "--reconstituted-at",
        ),
        # a dilution time needs its storage, and a storage its dilution time: never assumed
        (
            ("bag-label", "--demo", "--cycle", "1", "--day", "1",
             "--diluted-at", "2026-12-01T09:00"),
            "--diluted-storage",
        ),
        (
            ("bag-label", "--demo", "--cycle", "1", "--day", "1", "--diluted-storage", "room"),
            "--diluted-storage",
        ),
        (
            ("bag-label", "--demo", "--cycle", "1", "--day", "1",
             "--diluted-at", "2026-12-01T09:00", "--diluted-storage", "cold"),
            "--diluted-storage",
        ),
        (
            ("bag-label", "--demo", "--cycle", "1", "--day", "1",
             "--diluted-at", "later", "--diluted-storage", "refrigerated"),
            "--diluted-at",
        ),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_naming_the_flag(
    run_cli_in_process: CliRunner, tmp_path: Path, args: tuple[str, ...], flag: str
) -> None:
    result = run_cli_in_process(*args, "--out", str(tmp_path / "x.pdf"))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert flag in result.stderr
    assert "Traceback" not in result.stderr


def test_demo_bag_label_with_reconstitution_time(
    run_cli_in_process: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "label.pdf"
    # an hour ago, local time without a zone: dilute by +4 h, complete by +8 h, local clock
    moment = (datetime.now() - timedelta(hours=1)).replace(second=0, microsecond=0)
    result = run_cli_in_process(
        "bag-label", "--demo", "--cycle", "1", "--day", "8", "--out", str(out),
        "--reconstituted-at", moment.isoformat(), "--stock", "100x70mm",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("bag label BL-")
    text = _text(out)
    assert f"{moment:%Y-%m-%d %H:%M}" in text
    assert f"{moment + timedelta(hours=4):%Y-%m-%d %H:%M}" in text
    assert f"{moment + timedelta(hours=8):%Y-%m-%d %H:%M}" in text
    assert "Dose DEMO-0001-C1D8" in text


def test_demo_bag_label_with_dilution_prints_start_by_and_storage(
    run_cli_in_process: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "diluted.pdf"
    # reconstituted 60 min ago, diluted 50 min ago and refrigerated: start by the earlier of
    # dilution + 3 h and reconstitution + 8 h − 1 h, i.e. dilution + 3 h
    now = datetime.now().replace(second=0, microsecond=0)
    reconstituted, diluted = now - timedelta(minutes=60), now - timedelta(minutes=50)
    result = run_cli_in_process(
        "bag-label", "--demo", "--cycle", "1", "--day", "8", "--out", str(out),
        "--reconstituted-at", reconstituted.isoformat(), "--diluted-at", diluted.isoformat(),
        "--diluted-storage", "refrigerated",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = _text(out)
    assert f"{diluted + timedelta(hours=3):%Y-%m-%d %H:%M}" in text
    assert "Start infusion by" in text
    assert "Store diluted bag: refrigerated 2–8 °C, use within 3 h; allow ~1 h to warm" in text
    assert f"{reconstituted + timedelta(hours=8):%Y-%m-%d %H:%M}" in text


def test_bag_label_past_the_diluted_bags_own_limit_is_refused(
    run_cli_in_process: CliRunner, tmp_path: Path
) -> None:
    # Issue #13 defect 12 from the command line: reconstituted 6 h 55 min ago, diluted 5 min
    # later at room temperature. A 1-hour infusion started now still ends within 8 h, but the
    # bag's own 4 h ran out 2 h 50 min ago.
    out = tmp_path / "late.pdf"
    now = datetime.now().replace(second=0, microsecond=0)
    result = run_cli_in_process(
        "bag-label", "--demo", "--cycle", "1", "--day", "1", "--out", str(out),
        "--reconstituted-at", (now - timedelta(hours=6, minutes=55)).isoformat(),
        "--diluted-at", (now - timedelta(hours=6, minutes=50)).isoformat(),
        "--diluted-storage", "room",
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "refused: Diluted bag kept at room temperature: more than 4 hours" in result.stderr
    assert "(PI 2.4, unconfirmed: verify against the current PI)" in result.stderr
    assert "more than 8 hours" not in result.stderr
    assert not out.exists()


def test_bag_label_past_its_limits_is_refused(
    run_cli_in_process: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "late.pdf"
    late = (datetime.now() - timedelta(hours=9)).isoformat(timespec="minutes")
    result = run_cli_in_process(
        "bag-label", "--demo", "--cycle", "1", "--day", "1", "--out", str(out),
        "--reconstituted-at", late,
    )  # fmt: skip
    assert result.returncode == 1
    assert "refused" in result.stderr
    assert "More than 4 hours between reconstitution and dilution" in result.stderr
    assert not out.exists()


def test_unwritable_output_is_a_usage_error(run_cli_in_process: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "missing-folder" / "x.pdf"
    result = run_cli_in_process("order-sheet", "--demo", "--cycle", "1", "--out", str(out))
    assert result.returncode == 2
    assert "--out: cannot write" in result.stderr
