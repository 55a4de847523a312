"""A SQLite file on a network filesystem is refused before it is touched (issue 18)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ino_desk.persistence.sqlite.network_filesystems import (
    NetworkFilesystemError,
    mount_for,
    network_mount,
    parse_mountinfo,
    refuse_network_filesystem,
)

if TYPE_CHECKING:
    from pathlib import Path

MOUNTINFO = """\
27 1 254:0 / / rw,relatime - ext4 /dev/vda rw
60 27 0:50 / /srv/pharmacy rw,relatime - nfs4 fileserver:/export/pharmacy rw,vers=4.2
61 60 254:1 / /srv/pharmacy/local rw,relatime - ext4 /dev/vdb rw
62 27 0:51 / /mnt/share rw,relatime - cifs //winserver/ino rw
63 27 0:52 / /home/amy/remote rw,nosuid - fuse.sshfs amy@host:/data rw
64 27 0:53 / /home/amy/My\\040Docs rw - smb3 //nas/docs rw
65 27 0:54 / /run/user/1000/doc rw - fuse.portal portal rw
this line is not a mount
"""


def test_parser_reads_mount_point_type_and_source_with_escapes() -> None:
    mounts = parse_mountinfo(MOUNTINFO)
    assert len(mounts) == 7  # the odd line is skipped
    assert mounts[1].mount_point == "/srv/pharmacy"
    assert mounts[1].fs_type == "nfs4"
    assert mounts[1].source == "fileserver:/export/pharmacy"
    assert mounts[5].mount_point == "/home/amy/My Docs"  # \040 is a space


@pytest.mark.parametrize(
    ("path", "fs_type"),
    [
        ("/srv/pharmacy/ino-desk.sqlite3", "nfs4"),
        ("/srv/pharmacy/local/ino-desk.sqlite3", None),  # a local disk mounted inside the share
        ("/srv/pharmacyX/ino-desk.sqlite3", None),  # a prefix of the name is not inside it
        ("/mnt/share/a/b.sqlite3", "cifs"),
        ("/home/amy/remote/db.sqlite3", "fuse.sshfs"),
        ("/home/amy/My Docs/db.sqlite3", "smb3"),
        ("/run/user/1000/doc/db.sqlite3", None),  # a local FUSE program
        ("/home/amy/db.sqlite3", None),
    ],
)
def test_longest_mount_point_decides(path: str, fs_type: str | None) -> None:
    mount = network_mount(path, MOUNTINFO)
    assert (mount.fs_type if mount else None) == fs_type


@given(st.lists(st.sampled_from(["srv", "pharmacy", "local", "x", "mnt"]), max_size=5))
def test_the_chosen_mount_holds_the_path_and_no_longer_one_does(parts: list[str]) -> None:
    path = "/" + "/".join(parts)
    mounts = parse_mountinfo(MOUNTINFO)
    chosen = mount_for(path, mounts)
    assert chosen is not None  # "/" holds everything
    for mount in mounts:
        point = mount.mount_point
        if path == point or path.startswith(point.rstrip("/") + "/"):
            assert len(point) <= len(chosen.mount_point)


def test_open_refuses_a_network_file_naming_the_risk_and_postgresql(tmp_path: Path) -> None:
    db = tmp_path / "ino.sqlite3"
    info = f"27 1 254:0 / / rw - ext4 /dev/vda rw\n70 27 0:9 / {tmp_path} rw - nfs srv:/x rw\n"
    with pytest.raises(NetworkFilesystemError) as refused:
        refuse_network_filesystem(db, info)
    message = refused.value.message
    assert "network filesystem" in message
    assert "nfs from srv:/x" in message
    assert "corrupt" in message
    assert "PostgreSQL" in message
    assert not db.exists()


def test_a_local_file_is_not_refused(tmp_path: Path) -> None:
    refuse_network_filesystem(tmp_path / "ino.sqlite3", "27 1 254:0 / / rw - ext4 /dev/vda rw\n")
    refuse_network_filesystem(tmp_path / "ino.sqlite3")  # this machine's own mounts
