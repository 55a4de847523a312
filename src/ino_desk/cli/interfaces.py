"""`ino-desk interfaces …`: the laboratory's HL7 results in, and the review queue.

`listen` runs the MLLP listener (and a drop folder) until stopped; `review`, `attach` and
`dismiss` are the review queue the GUI shows; `messages` lists what was received; `codes`
shows the site's LOINC table and `confirm-code` records that the site checked one.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ino_desk.cli.clinical import add_mrn_flag, reading, writing
from ino_desk.cli.credentials import add_user_flag, open_store
from ino_desk.cli.parser import EXIT_OK, UsageError, user_path
from ino_desk.interfaces.listener import (
    DEFAULT_PORT,
    LOOPBACK,
    ListenerConfig,
    receiver,
    serve,
)
from ino_desk.services.lab_feed.lab_codes import confirm_lab_code, lab_codes
from ino_desk.services.lab_feed.lab_review import (
    attach_message,
    dismiss_message,
    messages_in_review,
)
from ino_desk.services.paperwork.document_lookup import find_patient

if TYPE_CHECKING:
    import argparse

    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store


def _port(text: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= 65535:
        raise UsageError(f"--port: {text!r} is not a TCP port (1 to 65535)")
    return int(text)


def _message_id(text: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise UsageError(f"MESSAGE: {text!r} is not a message number (see: interfaces review)")
    return int(text)


def register(commands: Any) -> None:
    p = commands.add_parser("interfaces", help="laboratory results in over HL7 v2")
    actions = p.add_subparsers(dest="interfaces_action", required=True, metavar="ACTION")

    listen = actions.add_parser("listen", help="receive ORU^R01 results until stopped")
    listen.add_argument("--port", type=_port, default=DEFAULT_PORT, metavar="N")
    listen.add_argument(
        "--drop-folder",
        metavar="DIR",
        type=user_path("--drop-folder"),
        help="also read *.hl7 files from DIR",
    )
    listen.add_argument(
        "--host", default=LOOPBACK, help="address to listen on (default: this computer only)"
    )
    listen.set_defaults(func=_listen)

    review = actions.add_parser("review", help="messages held for a pharmacist")
    review.set_defaults(func=reading(_review, {}))

    attach = actions.add_parser("attach", help="import a held message for a patient")
    attach.add_argument("message", type=_message_id, metavar="MESSAGE")
    add_mrn_flag(attach)
    attach.add_argument("--reason", required=True, help="why this patient is the right one")
    add_user_flag(attach)
    attach.set_defaults(func=writing(_attach, {"reason": "--reason"}))

    dismiss = actions.add_parser("dismiss", help="keep a held message without importing it")
    dismiss.add_argument("message", type=_message_id, metavar="MESSAGE")
    dismiss.add_argument("--reason", required=True)
    add_user_flag(dismiss)
    dismiss.set_defaults(func=writing(_dismiss, {"reason": "--reason"}))

    messages = actions.add_parser("messages", help="the last messages received")
    messages.add_argument("--limit", type=int, default=20, metavar="N")
    messages.set_defaults(func=reading(_messages, {}))

    codes = actions.add_parser("codes", help="the site's LOINC code table")
    codes.set_defaults(func=reading(_codes, {}))
    confirm = actions.add_parser("confirm-code", help="record that the site checked a code")
    confirm.add_argument("code", metavar="LOINC")
    add_user_flag(confirm)
    confirm.set_defaults(func=writing(_confirm, {}))


def _listen(args: argparse.Namespace, out: TextIO) -> int:
    folder = None
    if args.drop_folder is not None:
        folder = Path(args.drop_folder).expanduser()
        if not folder.is_dir():
            raise UsageError(f"--drop-folder: {args.drop_folder!r} is not a folder")
    config = ListenerConfig(host=args.host, port=args.port, drop_folder=folder)
    with open_store(args) as store:

        def started(port: int | None) -> None:
            where = f" and drop folder {folder}" if folder is not None else ""
            out.write(f"listening for HL7 on {args.host}:{port}{where}; stop with Ctrl+C\n")
            out.flush()

        try:
            asyncio.run(_until_stopped(store, config, started))
        except OSError as exc:
            raise UsageError(f"--port: cannot listen on {args.port}: {exc.strerror}") from None
    out.write("stopped\n")
    return EXIT_OK


async def _until_stopped(store: Store, config: ListenerConfig, started: Any) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, stop.set)
    await serve(receiver(store), config, started, stop)


def _review(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    held = messages_in_review(store)
    if not held:
        out.write("no laboratory message is waiting for review\n")
    for item in held:
        m, r = item.message, item.report
        born = r.date_of_birth.isoformat() if r.date_of_birth else "no date of birth"
        out.write(
            f"{m.id}  {m.received_at.isoformat(timespec='minutes')}  {m.control_id} from "
            f"{m.sending_facility}  MRN {r.mrn}, born {born}  — {m.problem}\n"
        )
    return EXIT_OK


def _attach(store: Store, who: User, args: argparse.Namespace, out: TextIO) -> int:
    patient = find_patient(store, args.mrn)
    assert patient.id is not None
    stored = attach_message(store, args.message, patient.id, who, args.reason)
    out.write(
        f"message {args.message} attached to patient {patient.mrn}: lab results drawn "
        f"{stored.drawn_on.isoformat()} imported\n"
    )
    return EXIT_OK


def _dismiss(store: Store, who: User, args: argparse.Namespace, out: TextIO) -> int:
    dismiss_message(store, args.message, who, args.reason)
    out.write(f"message {args.message} dismissed; it is kept, nothing was imported\n")
    return EXIT_OK


def _messages(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    if not 1 <= args.limit <= 10000:
        raise UsageError("--limit: allowed 1 to 10000")
    for m in store.read(lambda uow: uow.lab_messages.recent(args.limit)):
        out.write(
            f"{m.id}  {m.received_at.isoformat(timespec='seconds')}  {m.ack_code.value}  "
            f"{m.status.value}  {m.control_id} from {m.sending_facility} ({m.channel})"
            f"{'  — ' + m.problem if m.problem else ''}\n"
        )
    return EXIT_OK


def _codes(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    for c in lab_codes(store):
        state = "confirmed" if c.confirmed else "to confirm"
        out.write(f"{c.code}  {c.analyte.display_name} ({c.analyte.unit})  {state}\n")
    return EXIT_OK


def _confirm(store: Store, who: User, args: argparse.Namespace, out: TextIO) -> int:
    code = confirm_lab_code(store, args.code, who)
    out.write(f"LOINC {code.code} ({code.analyte.display_name}) confirmed\n")
    return EXIT_OK
