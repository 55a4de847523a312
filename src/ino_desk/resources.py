"""Find the read-only resource files from a checkout, an installed wheel or a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resources_root() -> Path:
    """The `resources/` folder; the first candidate that exists wins."""
    candidates = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:  # PyInstaller unpacks data files below sys._MEIPASS
        candidates.append(Path(frozen) / "ino_desk" / "_resources")
    candidates.append(_PACKAGE_DIR / "_resources")  # wheel: force-included into the package
    candidates.append(_PACKAGE_DIR.parent.parent / "resources")  # source checkout / editable
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    searched = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"ino-desk resources not found (looked in {searched})")


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)
