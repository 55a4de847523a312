"""A desktop started while the database cannot be reached (issue 18): it runs on this
workstation's read-only snapshot without sign-in, tries the database on the same timer and
button as after a loss mid-session, and when the database answers offers to switch; the
switch reopens the normal desktop on the database, locked until someone signs in.

The first test uses a PostgreSQL server of its own, stopped before the window opens and
started again (`scripts/test-postgres pause|resume`); the second runs the composition root's
loop on the suites' shared server, the database renamed away and back, with `run_gui`
replaced by a stand-in that plays the user (the real window is the first test's).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import psycopg
import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QDialog

from ino_desk import paths
from ino_desk.app_downtime import snapshot_instead
from ino_desk.app_outage import (
    ServerReturn,
    database_answers,
    database_or_snapshot,
    workstation_account,
)
from ino_desk.pdf.render import pdf_renderer
from ino_desk.persistence.downtime.downtime_store import SnapshotStore
from ino_desk.persistence.sqlite.sqlite_engine import Database
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.ports.downtime import BACK_TO_DATABASE
from ino_desk.services.store_errors import StoreUnavailableError
from ino_desk.ui.patients.record_dialogs import MeasurementDialog
from ino_desk.ui.shell import application
from ino_desk.ui.shell.application import build_window, label_placeholder
from ino_desk.ui.shell.downtime import DOWNTIME_READER, DowntimeControls
from tests.cli.inprocess import cli
from tests.engines import pg_database, pg_server, pg_template, query
from tests.people import cheap_passwords
from tests.ui.shell.test_server_loss import _desk_with_a_dose_today, _server, own_server

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from ino_desk.domain.rules import ClinicalRules
    from tests.cli.inprocess import InProcessCli

__all__ = ["cli", "own_server", "pg_database", "pg_server", "pg_template"]


def test_started_without_the_server_it_reads_the_snapshot_and_offers_the_switch(
    qtbot: QtBot,
    rules: ClinicalRules,
    cli: InProcessCli,
    own_server: tuple[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server, folder = own_server
    url = _desk_with_a_dose_today(cli, server)
    assert cli("--db", url, "downtime", "snapshot").code == 0
    [(patient_id,)] = query(url, "SELECT id FROM patients")

    _server("pause", folder)  # the server is down when the desktop starts
    with pytest.raises(StoreUnavailableError) as refused:
        database_answers(url)
    snapshot = snapshot_instead(url, refused.value, cheap_passwords())
    back = ServerReturn(snapshot.info, lambda: database_answers(url))
    try:
        settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
        window = build_window(rules, snapshot, "downtime", settings, label_placeholder,
                              pdf_renderer())  # fmt: skip
        qtbot.addWidget(window)
        controls = DowntimeControls(window, snapshot.info, None, back)
        reconnection = controls.reconnection
        assert reconnection is not None
        # Nobody signs in: the window reads as the downtime reader and says why.
        assert window.desk.user == DOWNTIME_READER
        assert controls.banner is not None
        assert controls.banner.text().startswith("Downtime: read-only snapshot taken")
        assert "Open without sign-in (no account can be checked)" in controls.banner.text()
        assert window.windowTitle().startswith("DOWNTIME (read-only)")
        button = reconnection.button
        assert button is not None
        assert button.text() == "Reconnect"
        window.patient_page.open_patient(int(patient_id))  # the screens read the snapshot
        assert window.patient_page.dose_day.current_dose_id() is not None
        dialog = MeasurementDialog(window.desk, int(patient_id), window)
        qtbot.addWidget(dialog)
        dialog.height_edit.setText("170")
        dialog.weight_edit.setText("74")
        dialog.save()
        assert dialog.result() == 0
        assert "Nothing can be saved now" in dialog.general_error.text()

        with qtbot.waitSignal(reconnection.probed, timeout=30_000) as still_down:
            button.click()
        assert still_down.args == [False]
        assert button.text() == "Reconnect"

        _server("resume", folder)
        button.click()
        qtbot.waitUntil(
            lambda: button.objectName() == "switchToDatabaseButton" and button.isEnabled(),
            timeout=30_000,
        )
        assert button.text() == "Switch to the database"
        assert controls.banner.text().startswith("The database answers again.")
        assert back.snapshot is None
        assert window.desk.user == DOWNTIME_READER  # still the snapshot until the switch
        dialog.save()
        assert "Nothing can be saved now" in dialog.general_error.text()

        exits: list[int] = []
        monkeypatch.setattr(QCoreApplication, "exit", lambda code=0: exits.append(code))
        button.click()
        assert exits == [BACK_TO_DATABASE]
        assert not window.isVisible()
    finally:
        snapshot.database.close()
    assert dialog.result() != QDialog.DialogCode.Accepted


def _rename(server: str, old: str, new: str) -> None:
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"ALTER DATABASE {old} RENAME TO {new}")


def test_the_desktop_reopens_on_the_database_after_the_switch(
    rules: ClinicalRules,
    cli: InProcessCli,
    pg_server: str,
    pg_database: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    cli.staffed_demo(pg_database, patients=3)
    assert cli("--db", pg_database, "downtime", "snapshot").code == 0
    name = pg_database.rsplit("/", 1)[1]
    _rename(pg_server, name, f"{name}_away")  # the database is gone when the desktop starts
    runs: list[dict[str, Any]] = []

    def stand_in(*args: Any, **kwargs: Any) -> int:
        runs.append({"store": args[1], **kwargs})
        outage = kwargs["outage"]
        assert outage.reconnect() is False  # tried while still away: stays on the snapshot
        _rename(pg_server, f"{name}_away", name)
        assert outage.reconnect() is True  # back: the window offers, the user switches
        return BACK_TO_DATABASE

    monkeypatch.setattr(application, "run_gui", stand_in)
    with caplog.at_level(logging.WARNING, logger="ino_desk.app_outage"):
        opened = database_or_snapshot(rules, pg_database, no_label, cheap_passwords())
    [run] = runs  # on the snapshot, read-only, nobody signed in
    assert run["snapshot"].location == str(paths.downtime_snapshot_for(pg_database))
    assert isinstance(run["store"], SnapshotStore)
    # The database, opened for the normal desktop (app.py: locked until sign-in).
    assert isinstance(opened, Database)
    try:
        assert SqlStore(opened).read(lambda uow: uow.queries.patient_count()) == 3
    finally:
        opened.close()
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert f"without sign-in, workstation account {workstation_account()}" in logged
    assert "answers again" in logged

    _rename(pg_server, name, f"{name}_away")  # gone again, and the window closed on the
    monkeypatch.setattr(application, "run_gui", lambda *_a, **_k: 0)  # snapshot: its code
    try:
        assert database_or_snapshot(rules, pg_database, no_label, cheap_passwords()) == 0
    finally:
        _rename(pg_server, f"{name}_away", name)  # dropped with the test's clones


def no_label() -> Any:
    pytest.fail("the stand-in never opens the label")
