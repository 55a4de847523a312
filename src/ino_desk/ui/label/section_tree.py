"""The label's sections as a tree (subsections under their section); each item carries its
section key, and its full title as a tip when the column is too narrow for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

if TYPE_CHECKING:
    from ino_desk.label.document import LabelDocument

KEY_ROLE = Qt.ItemDataRole.UserRole


class SectionTree(QTreeWidget):
    def __init__(self, document: LabelDocument) -> None:
        super().__init__()
        self.setObjectName("sectionTree")
        self.setHeaderHidden(True)
        self.setAccessibleName(self.tr("Sections of the prescribing information"))
        self.items: dict[str, QTreeWidgetItem] = {}
        for section in document.sections:
            parent = self.items.get(section.parent or "")
            item = QTreeWidgetItem([section.label])
            item.setData(0, KEY_ROLE, section.key)
            item.setToolTip(0, section.label)
            if parent is None:
                self.addTopLevelItem(item)
            else:
                parent.addChild(item)
            self.items[section.key] = item
        self.expandAll()
