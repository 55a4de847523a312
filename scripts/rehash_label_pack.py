"""Reseal a label pack after an intentional, reviewed edit: rewrites its SHA256SUMS."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from ino_desk.label.checksums import write_checksums

folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("resources/label/us-2024-03")
print(write_checksums(folder))  # noqa: T201
