"""This workstation's own configuration, outside any database: the pinned administrator key.

The site's first administrator's public-key fingerprint is written here when that
administrator is created on this workstation. `audit verify` refuses a database whose
administrator key differs: a file rebuilt, or swapped for another site's, by someone who can
write the database file but not this one. (The desktop's window preferences live in Qt's
settings, which the command line cannot read; this small JSON file is read by both.)
"""

from __future__ import annotations

import json
import os
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

CONFIG_FILE = "workstation.json"
PIN_KEY = "site_admin_key_sha256"
_FINGERPRINT = re.compile(r"[0-9a-f]{64}", re.ASCII)


def config_path() -> Path:
    from ino_desk.paths import config_dir

    return config_dir() / CONFIG_FILE


def _read() -> dict[str, object]:
    try:
        data = json.loads(config_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def pinned_admin_key() -> str | None:
    """The pinned fingerprint, or None when nothing (or nothing readable) is pinned."""
    value = _read().get(PIN_KEY)
    return value if isinstance(value, str) and _FINGERPRINT.fullmatch(value) else None


def pin_admin_key(fingerprint: str) -> bool:
    """Pin `fingerprint` unless another one is pinned already (False then: a workstation
    trusts one site). Written owner-only and atomically."""
    current = pinned_admin_key()
    if current is not None:
        return current == fingerprint
    path = config_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    data = _read() | {PIN_KEY: fingerprint}
    partial = path.with_name(f"{path.name}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(data, out, indent=2, sort_keys=True)
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, path)
    return True
