"""`ino-desk site show|syringe`: the site settings from a terminal.

`site syringe` is the Site settings dialog's syringe method (PI 3/2024 2.4): the parameters a
site administrator types from the site's copy of the PI, site-entered and unverified, every
change audited with its reason. There are no default values; `--clear` removes them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from ino_desk.cli.clinical import decimal_arg, int_arg, reading, writing
from ino_desk.cli.credentials import add_user_flag
from ino_desk.cli.json_out import Json, dumps
from ino_desk.cli.parser import EXIT_OK, UsageError
from ino_desk.domain.bench.syringe import SITE_ENTERED, SyringeMethod
from ino_desk.domain.quantities import format_number
from ino_desk.label.pack import load_pack
from ino_desk.services.settings import load_settings, save_syringe_method

if TYPE_CHECKING:
    import argparse
    from decimal import Decimal

    from ino_desk.domain.site_settings import SiteSettings
    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store

SYRINGE_FLAGS = {
    "syringe minimum concentration": "--min-mg-per-ml",
    "syringe maximum concentration": "--max-mg-per-ml",
    "syringe volumes": "--volumes-ml",
    "syringe infusion time": "--infusion-minutes",
    "reason": "--reason",
}
_VALUES = ("min_mg_per_ml", "max_mg_per_ml", "volumes_ml", "infusion_minutes")


def register(commands: Any) -> None:
    site = commands.add_parser("site", help="site settings (administrators change them)")
    actions = site.add_subparsers(dest="site_action", required=True, metavar="ACTION")
    show = actions.add_parser("show", help="the site settings, the syringe method included")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=reading(_show, SYRINGE_FLAGS))
    syringe = actions.add_parser(
        "syringe",
        help="enter the PI 2.4 syringe method from the site's copy of the PI "
        f"({SITE_ENTERED}; administrators)",
    )
    syringe.add_argument("--min-mg-per-ml", type=decimal_arg("--min-mg-per-ml"))
    syringe.add_argument("--max-mg-per-ml", type=decimal_arg("--max-mg-per-ml"))
    syringe.add_argument(
        "--volumes-ml", type=_volumes, metavar="ML[,ML...]", help="the site's syringe sizes"
    )
    syringe.add_argument("--infusion-minutes", type=int_arg("--infusion-minutes"))
    syringe.add_argument("--clear", action="store_true", help="remove the syringe method")
    syringe.add_argument("--reason", required=True, help="why (kept in the audit trail)")
    add_user_flag(syringe)
    syringe.set_defaults(func=writing(_syringe, SYRINGE_FLAGS))


def _volumes(text: str) -> tuple[Decimal, ...]:
    words = [w for w in text.split(",") if w.strip()]
    if not words:
        raise UsageError("--volumes-ml: give one or more volumes in mL, separated by commas")
    return tuple(decimal_arg("--volumes-ml")(w) for w in words)


def _method(args: argparse.Namespace) -> SyringeMethod | None:
    given = {name: getattr(args, name) for name in _VALUES}
    if args.clear:
        typed = [name for name, value in given.items() if value is not None]
        if typed:
            flag = "--" + typed[0].replace("_", "-")
            raise UsageError(f"{flag}: not with --clear")
        return None
    missing = [name for name, value in given.items() if value is None]
    if missing:
        flag = "--" + missing[0].replace("_", "-")
        raise UsageError(f"{flag}: required (no default: type it from the site's PI)")
    return SyringeMethod(**given)


def _syringe(store: Store, who: User, args: argparse.Namespace, out: TextIO) -> int:
    method = _method(args)
    saved = save_syringe_method(store, load_pack().rules, method, who, args.reason)
    out.write(
        "syringe method cleared\n"
        if saved.syringe is None
        else "\n".join(saved.syringe.lines()) + "\n"
    )
    return EXIT_OK


def syringe_json(settings: SiteSettings) -> Json:
    s = settings.syringe
    if s is None:
        return None
    return {
        "min_mg_per_ml": format_number(s.min_mg_per_ml),
        "max_mg_per_ml": format_number(s.max_mg_per_ml),
        "volumes_ml": [format_number(v) for v in s.volumes_ml],
        "infusion_minutes": s.infusion_minutes,
        "source": SITE_ENTERED,
    }


def _show(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    settings = load_settings(store)
    if args.json:
        out.write(
            dumps(
                {
                    "site_name": settings.site_name,
                    "policy": dict(settings.policy.describe()),
                    "syringe": syringe_json(settings),
                }
            )
            + "\n"
        )
        return EXIT_OK
    out.write(f"Site: {settings.site_name}\n")
    for label, value in settings.policy.describe():
        out.write(f"{label}: {value}\n")
    lines = settings.syringe.lines() if settings.syringe else ("Syringe method: not entered",)
    out.write("\n".join(lines) + "\n")
    return EXIT_OK
