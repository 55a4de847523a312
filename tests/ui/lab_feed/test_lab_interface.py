"""The laboratory interface in the GUI: this workstation's switch starts a real listener on
127.0.0.1, a result sent over MLLP shows in the open patient's labs marked imported, and a
held message is resolved from the review queue."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from ino_desk.interfaces.listener import ListenerConfig
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.charts.labs import lab_results
from ino_desk.services.charts.patients import register_patient
from ino_desk.services.lab_feed.lab_import import receive_message
from ino_desk.ui.lab_feed.lab_interface_dialog import LabInterfaceDialog
from ino_desk.ui.shell.main_window import MainWindow
from tests.interfaces.hl7_messages import CBC_AND_LIVER, oru
from tests.interfaces.loopback import ack_code, send
from tests.people import pharmacist
from tests.persistence.factories import patient


@pytest.fixture
def patient_id(store: SqlStore) -> int:
    return register_patient(store, patient("MRN-1001"), pharmacist(store)).id or 0


def test_the_workstation_switch_receives_results_into_the_open_patient(
    make_window: Callable[[SqlStore], MainWindow], store: SqlStore, qtbot: QtBot, patient_id: int
) -> None:
    window = make_window(store)
    window.patient_page.open_patient(patient_id)
    dialog = LabInterfaceDialog(window.desk, window.settings, window.lab_listener, window)
    dialog.enabled.setChecked(True)
    dialog.port.setText("0")
    dialog.apply()
    assert "port" in dialog.status.text()  # 0 is not a port a lab system can reach
    ports: list[int] = []
    window.lab_listener.started.connect(ports.append)
    # the registered port 2575 may be taken on a shared machine: a free one for the test
    window.lab_listener.start(ListenerConfig(host="127.0.0.1", port=0))
    qtbot.waitUntil(lambda: bool(ports), timeout=5000)
    with qtbot.waitSignal(window.lab_listener.received, timeout=5000):
        [ack] = send(ports[0], oru("GUI-1", CBC_AND_LIVER))
    assert ack_code(ack) == "AA"
    table = window.patient_page.labs
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=5000)
    source = table.item(0, table.columnCount() - 1).text()
    assert source.startswith("imported: HL7 message GUI-1")
    window.lab_listener.stop()
    assert not window.lab_listener.running


def test_a_held_message_is_attached_from_the_review_queue(
    make_window: Callable[[SqlStore], MainWindow],
    store: SqlStore,
    patient_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window(store)
    receive_message(store, oru("GUI-2", CBC_AND_LIVER, dob="19790518"), "test")
    dialog = LabInterfaceDialog(window.desk, window.settings, window.lab_listener, window)
    assert dialog.table.rowCount() == 1
    assert "date of birth" in dialog.table.item(0, 4).text()
    dialog.attach()
    assert dialog.error.text() == "Choose a message in the table first."
    answers = iter([("MRN-1001", True), ("lab confirmed the DOB typo", True)])
    monkeypatch.setattr(
        "ino_desk.ui.lab_feed.lab_interface_dialog.QInputDialog.getText",
        lambda *_a, **_k: next(answers),
    )
    dialog.table.selectRow(0)
    dialog.attach()
    assert dialog.error.text() == ""
    assert dialog.table.rowCount() == 0
    [draw] = lab_results(store, patient_id)
    assert draw.imported
