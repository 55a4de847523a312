"""The CLI refuses a database file on a network filesystem: exit 4, the risk named."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from ino_desk.persistence.sqlite import network_filesystems
from tests.cli.inprocess import InProcessCli, cli

if TYPE_CHECKING:
    from pathlib import Path


__all__ = ["cli"]
# A SQLite file on a network filesystem is refused.
pytestmark = pytest.mark.sqlite_only


def test_a_database_on_a_cifs_share_is_refused_with_exit_4(
    cli: InProcessCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    mountinfo = tmp_path / "mountinfo"
    mountinfo.write_text(
        f"27 1 254:0 / / rw - ext4 /dev/vda rw\n80 27 0:60 / {share} rw - cifs //nas/ino rw\n"
    )
    monkeypatch.setattr(network_filesystems, "MOUNTINFO", mountinfo)
    db = share / "ino.sqlite3"
    done = cli("--db", str(db), "demo", "--patients", "1", "--seed", "1")
    assert done.code == 4
    assert "network filesystem (cifs from //nas/ino)" in done.err
    assert "PostgreSQL" in done.err
    assert not db.exists()  # refused before SQLite created anything
