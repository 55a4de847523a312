"""Run the laboratory interface until stopped: the MLLP listener and the drop folder watcher."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ino_desk.domain.patients.lab_messages import AckCode, MessageStatus
from ino_desk.interfaces.drop_folder import process_folder
from ino_desk.interfaces.mllp import start_server
from ino_desk.services.lab_feed.hl7_results import acknowledgement
from ino_desk.services.lab_feed.lab_import import Reply, receive_message, store_default_codes

if TYPE_CHECKING:
    from collections.abc import Callable

    from ino_desk.services.ports.store import Store

DEFAULT_PORT = 2575  # the port IANA registered for HL7 over MLLP
LOOPBACK = "127.0.0.1"
FOLDER_POLL_SECONDS = 1.0

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ListenerConfig:
    host: str = LOOPBACK
    port: int | None = DEFAULT_PORT  # None: no TCP listener
    drop_folder: Path | None = None


def receiver(store: Store) -> Callable[[str, str], Reply]:
    """What both channels call with (message text, channel). The site's code table is stored
    first, once, so concurrent first messages do not each try to store its defaults."""
    store_default_codes(store)

    def receive(body: str, channel: str) -> Reply:
        try:
            reply = receive_message(store, body, channel)
        except Exception as exc:  # the sender must hear back, and will send again
            log.error("lab message not processed: %s", type(exc).__name__)  # no content
            ack = acknowledgement(None, AckCode.ERROR, "not processed; send it again")
            return Reply(ack, AckCode.ERROR, MessageStatus.REFUSED, "not processed", None)
        log.info("lab message %s: %s", reply.message_id, reply.code.value)
        return reply

    return receive


def _acks(receive: Callable[[str, str], Reply]) -> Callable[[str, str], str]:
    return lambda body, channel: receive(body, channel).ack


def folder_answers(receive: Callable[[str, str], Reply]) -> Callable[[str, str], str | None]:
    """For the drop folder: None leaves the file in place when nothing could be kept."""

    def answer(body: str, channel: str) -> str | None:
        reply = receive(body, channel)
        return reply.ack if reply.message_id is not None else None

    return answer


async def _watch(folder: Path, receive: Callable[[str, str], Reply]) -> None:
    answer = folder_answers(receive)
    while True:
        try:
            await asyncio.to_thread(process_folder, folder, answer)
        except OSError as exc:
            log.warning("drop folder not readable: %s", exc.strerror)
        await asyncio.sleep(FOLDER_POLL_SECONDS)


async def serve(
    receive: Callable[[str, str], Reply],
    config: ListenerConfig,
    started: Callable[[int | None], None] | None = None,
    stop: asyncio.Event | None = None,
) -> None:
    """Serve until `stop` is set (or the task is cancelled); `started` gets the bound port.
    `receive` is `receiver(store)`, or a wrapper of it that also tells a screen."""
    server = None
    bound: int | None = None
    if config.port is not None:
        server = await start_server(config.host, config.port, _acks(receive))
        bound = server.sockets[0].getsockname()[1]
    watcher = (
        asyncio.create_task(_watch(config.drop_folder, receive))
        if config.drop_folder is not None
        else None
    )
    if started is not None:
        started(bound)
    try:
        await (stop or asyncio.Event()).wait()
    finally:
        if watcher is not None:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
        if server is not None:
            server.close()
            await server.wait_closed()
