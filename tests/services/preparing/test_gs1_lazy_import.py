"""biip (the GS1 parser) loads only when a scan is parsed, so starting the app never pays for it."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import SRC

PROBE = """
import importlib, pkgutil, sys
import ino_desk
for m in pkgutil.walk_packages(ino_desk.__path__, "ino_desk."):
    if m.name != "ino_desk.__main__":
        importlib.import_module(m.name)
before = "biip" in sys.modules
from ino_desk.services.preparing.gs1 import read_vial_code
read_vial_code("0100300080100011172812311" + "0ABC123" + "\\x1d" + "21S-1")
print(before, "biip" in sys.modules)
"""


def test_every_module_imports_without_biip_until_a_scan_is_read() -> None:
    env = dict(os.environ, PYTHONPATH=str(SRC), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]
