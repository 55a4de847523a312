"""The in-process CLI modules' shared start: the demo's patients with an administrator, a
pharmacist and a read-only user (`InProcessCli.staffed_demo`), built once per module, engine
and number of patients (tests/engines.py `Prepared`), each test taking its own copy."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from ino_desk import workstation
from tests.cli.inprocess import template_cli
from tests.engines import copy_database

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from tests.engines import Prepared


_pins: dict[tuple[str, str], str] = {}  # each template's administrator key


@pytest.fixture
def staffed_demo(
    prepared: Prepared,
    engine: str,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[int], str]:
    """`staffed_demo(patients)`: this test's own copy of the staffed demo database (a file
    path or a server database's URL), with the administrator key its creation pinned on
    this test's workstation, as where the administrator was created."""

    def build(name: str, patients: int) -> Callable[[str], None]:
        def made(where: str) -> None:
            with template_cli(tmp_path_factory.mktemp("staffing")) as cli:
                cli.staffed_demo(where, patients=patients)
                pinned = workstation.pinned_admin_key()
            assert pinned is not None
            _pins[(name, where)] = pinned

        return made

    def copy(patients: int) -> str:
        name = f"staffed_demo_{patients}"
        template = prepared.template(name, engine, request, build(name, patients))
        assert workstation.pin_admin_key(_pins[(name, template)])
        return copy_database(template, tmp_path)

    return copy
