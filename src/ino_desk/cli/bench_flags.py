"""Flags that say when something happened at the bench and how a diluted bag is kept,
shared by `bag-label` and `bench-time add`: a time typed in is local clock time, and the
storage is never assumed."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ino_desk.cli.parser import UsageError
from ino_desk.domain.bench.preparation import DilutedStorage, Dilution

if TYPE_CHECKING:
    import argparse

STORAGE_WORDS: dict[str, object] = {
    "room": DilutedStorage.ROOM_TEMPERATURE,
    "refrigerated": DilutedStorage.REFRIGERATED,
}


def typed_moment(text: str, flag: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            f"{flag}: {text!r} is not a date and time; use e.g. 2026-11-25T09:30"
        ) from None
    # A time typed without a zone is local clock time, as on the pharmacy's wall clock.
    return moment if moment.tzinfo is not None else moment.astimezone()


def typed_dilution(args: argparse.Namespace) -> Dilution | None:
    """--diluted-at with --diluted-storage, both or neither: the storage is never assumed."""
    storage = args.diluted_storage
    if args.diluted_at is None:
        if storage is not None:
            raise UsageError("--diluted-storage: only with --diluted-at (when it was diluted)")
        return None
    if storage is None:
        raise UsageError(
            "--diluted-storage: required with --diluted-at: room or refrigerated (the diluted "
            "bag's own time limit depends on it)"
        )
    return Dilution(typed_moment(args.diluted_at, "--diluted-at"), storage)
