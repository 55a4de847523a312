"""Refuse a SQLite file on a network filesystem before SQLite touches it (issue 18).

SQLite's locking and its WAL shared memory rely on the local kernel: over NFS, SMB/CIFS or a
FUSE network mount (sshfs, rclone…) two workstations can both believe they hold the write
lock, and the file corrupts. Which filesystem holds a path is read from Linux's
/proc/self/mountinfo (the mount with the longest matching mount point); a Windows UNC path
(\\\\server\\share) is a network share by its name. Elsewhere nothing reliable is available
without extra libraries, so nothing is refused there.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePath

from ino_desk.services.store_errors import StoreUnavailableError

MOUNTINFO = Path("/proc/self/mountinfo")

# Kernel filesystem types that reach another machine (`man 5 fstab`, `man 5 nfs`, mount.cifs).
NETWORK_TYPES = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "ceph",
        "glusterfs",
        "lustre",
        "9p",
        "davfs",
        "coda",
        "gpfs",
        "beegfs",
        "pvfs2",
        "orangefs",
    }
)
# FUSE mounts show as "fuse.<program>"; these programs reach another machine.
NETWORK_FUSE = frozenset(
    {
        "sshfs",
        "rclone",
        "s3fs",
        "gcsfuse",
        "glusterfs",
        "ceph-fuse",
        "cephfs",
        "smbnetfs",
        "curlftpfs",
        "davfs2",
        "goofys",
        "juicefs",
        "seaweedfs",
        "moosefs",
        "mfs",
        "lizardfs",
    }
)

_OCTAL = re.compile(r"\\([0-7]{3})")


class NetworkFilesystemError(StoreUnavailableError):
    """The database file is on a network filesystem: SQLite would corrupt it there."""


@dataclass(frozen=True, slots=True)
class Mount:
    mount_point: str
    fs_type: str
    source: str


def _unescape(field: str) -> str:
    """mountinfo writes space, tab, newline and backslash as \\040-style octal escapes."""
    return _OCTAL.sub(lambda m: chr(int(m.group(1), 8)), field)


def parse_mountinfo(text: str) -> list[Mount]:
    """Each well-formed line of /proc/self/mountinfo (`man 5 proc`); odd lines are skipped."""
    mounts = []
    for line in text.splitlines():
        head, sep, tail = line.partition(" - ")
        fields, after = head.split(), tail.split()
        if not sep or len(fields) < 5 or len(after) < 2:
            continue
        mounts.append(Mount(_unescape(fields[4]), after[0], _unescape(after[1])))
    return mounts


def mount_for(path: str, mounts: list[Mount]) -> Mount | None:
    """The mount holding `path` (absolute, resolved): the longest mount point it lies under.
    Later lines win a tie: a mount stacked on the same point hides the earlier one."""
    best: Mount | None = None
    for mount in mounts:
        point = mount.mount_point.rstrip("/") or "/"
        inside = point == "/" or path == point or path.startswith(point + "/")
        if inside and (best is None or len(point) >= len(best.mount_point.rstrip("/") or "/")):
            best = mount
    return best


def is_network(mount: Mount) -> bool:
    kind = mount.fs_type.lower()
    if kind.startswith("fuse."):
        return kind.removeprefix("fuse.") in NETWORK_FUSE
    return kind in NETWORK_TYPES


def network_mount(path: str, mountinfo: str) -> Mount | None:
    """The network mount holding `path` according to `mountinfo`, or None when it is local."""
    mount = mount_for(path, parse_mountinfo(mountinfo))
    return mount if mount is not None and is_network(mount) else None


def refusal(path: PurePath, where: str) -> NetworkFilesystemError:
    return NetworkFilesystemError(
        f"The database {path} is on a network filesystem ({where}). SQLite files corrupt when "
        "they are used over a network share (its WAL mode needs the file on this computer's "
        "own disk), so ino-desk will not open it. Keep the database on a local disk, or let "
        "several workstations share one PostgreSQL server (see the README)."
    )


def _existing_ancestor(path: Path) -> Path:
    """The file itself, or the nearest folder above it that exists (a new file's mount)."""
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return Path(path.anchor or "/")


def refuse_network_filesystem(path: Path, mountinfo: str | None = None) -> None:
    """NetworkFilesystemError when `path` is on a network filesystem; nothing otherwise."""
    text = str(path)
    if text.startswith(("\\\\", "//")) and os.name == "nt":
        raise refusal(path, "a Windows network share")
    if mountinfo is None:
        try:
            mountinfo = MOUNTINFO.read_text(encoding="utf-8", errors="surrogateescape")
        except OSError:
            return  # not Linux (or no /proc): nothing to read the filesystem type from
    real = os.path.realpath(_existing_ancestor(path.absolute()))
    mount = network_mount(real, mountinfo)
    if mount is not None:
        raise refusal(path, f"{mount.fs_type} from {mount.source}")
