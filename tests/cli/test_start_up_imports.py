"""A quick command imports what it uses (issue 17), and its help reads as argparse's own."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from ino_desk.cli.parser import StrictParser
from tests.conftest import SRC

if TYPE_CHECKING:
    from pathlib import Path

# Loaded by the dose command before issue 17, used by none of its work: platformdirs (the
# log folder is read from XDG), shutil (argparse's terminal width), _hashlib (OpenSSL, for
# the label pack's SHA-256).
NOT_FOR_A_DOSE = ("platformdirs", "shutil", "_hashlib")

PROBE = """
import json, sys
from ino_desk.app import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def test_the_dose_command_loads_no_folder_library_no_shutil_no_openssl(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(SRC))
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[name] = str(tmp_path / name.lower())
    argv = ["dose", "--height-cm", "170", "--weight-kg", "75", "--cycle", "1", "--json"]
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["code"] == 0, result.stderr
    assert not set(NOT_FOR_A_DOSE) & set(report["modules"])
    # The label pack was still verified and the run still logged.
    assert "ino_desk.label.checksums" in report["modules"]
    log = tmp_path / "xdg_state_home" / "ino-desk" / "log" / "ino-desk.log"
    assert "started (dose)" in log.read_text(encoding="utf-8")


def _parsers(parser_class: type[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    parser = parser_class(prog="ino-desk", description="A description long enough to wrap. " * 4)
    parser.add_argument("--height-cm", metavar="H", help="height in centimetres " * 5)
    parser.add_argument("--cycle", required=True, metavar="N")
    return parser


@pytest.mark.parametrize("columns", [None, "40", "60", "100", "0", "wide"])
def test_help_is_wrapped_as_argparse_wraps_it(
    monkeypatch: pytest.MonkeyPatch, columns: str | None
) -> None:
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert _parsers(StrictParser).format_help() == _parsers(argparse.ArgumentParser).format_help()
