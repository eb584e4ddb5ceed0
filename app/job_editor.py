"""The job editor: criteria, must/nice, weights, synonyms; the ranking follows every change."""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from review.jobs import JobSpecError, spec_from_toml

COL_NAME, COL_KIND, COL_MUST, COL_WEIGHT, COL_SYN = range(5)


class JobEditor(QWidget):
    """Edits one job's spec; emits ``changed(spec)`` (debounced) after every valid edit."""

    changed = Signal(dict)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Job editor")
        self._loading = False
        self.title = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._emit)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        left = QWidget()
        left.setMaximumWidth(340)
        form = QFormLayout(left)
        form.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(left)
        right = QWidget()
        layout = QVBoxLayout(right)
        layout.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(right, 1)
        self.min_years = QDoubleSpinBox()
        self.min_years.setRange(0, 40)
        self.min_years.setDecimals(0)
        self.min_years.setSpecialValueText("any")
        self.min_years.setAccessibleName("Minimum years of experience")
        self.location = QLineEdit()
        self.location.setAccessibleName("Location")
        self.remote = QCheckBox("Remote work possible")
        self.languages = QLineEdit()
        self.languages.setPlaceholderText("e.g. English, German")
        self.languages.setAccessibleName("Spoken languages")
        form.addRow("Minimum years", self.min_years)
        form.addRow("Location", self.location)
        form.addRow("", self.remote)
        form.addRow("Languages", self.languages)
        self.error = QLabel()
        self.error.setTextFormat(Qt.PlainText)
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        layout.addWidget(
            QLabel(
                "<b>Criteria</b> — a must-have is flagged when missing; nobody is dropped for it"
            )
        )
        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName("Criteria")
        self.table.setHorizontalHeaderLabels(
            ["Criterion", "Kind", "Must", "Weight", "Synonyms (comma-separated)"]
        )
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.Stretch)
        header.setSectionResizeMode(COL_SYN, QHeaderView.Stretch)
        for col in (COL_KIND, COL_MUST, COL_WEIGHT):
            header.setSectionResizeMode(col, QHeaderView.ResizeToContents)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add criterion")
        self.remove_button = QPushButton("Remove")
        self.add_button.clicked.connect(lambda: self.add_criterion({"name": "", "weight": 1.0}))
        self.remove_button.clicked.connect(self.remove_current)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.min_years.valueChanged.connect(self._touch)
        self.location.textEdited.connect(self._touch)
        self.remote.toggled.connect(self._touch)
        self.languages.textEdited.connect(self._touch)
        self.table.itemChanged.connect(self._touch)

    def load(self, title: str, spec: dict) -> None:
        self._loading = True
        self.title = title
        self.min_years.setValue(spec.get("min_years") or 0)
        self.location.setText(spec.get("location") or "")
        self.remote.setChecked(bool(spec.get("remote")))
        self.languages.setText(", ".join(spec.get("languages", [])))
        self.table.setRowCount(0)
        for criterion in spec.get("criteria", []):
            self.add_criterion(criterion)
        self._loading = False
        self.error.clear()

    def add_criterion(self, criterion: dict) -> None:
        was_loading = self._loading
        self._loading = True
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, COL_NAME, QTableWidgetItem(criterion.get("name", "")))
        kind = QComboBox()
        kind.addItems(["skill", "phrase"])
        kind.setCurrentText(criterion.get("kind", "skill"))
        kind.setAccessibleName("Kind of criterion")
        kind.currentTextChanged.connect(self._touch)
        self.table.setCellWidget(row, COL_KIND, kind)
        must = QCheckBox()
        must.setChecked(bool(criterion.get("must")))
        must.setAccessibleName("Must-have")
        must.toggled.connect(self._touch)
        self.table.setCellWidget(row, COL_MUST, must)
        weight = QDoubleSpinBox()
        weight.setRange(0, 10)
        weight.setSingleStep(0.5)
        weight.setDecimals(1)
        weight.setValue(float(criterion.get("weight", 1)))
        weight.setAccessibleName("Weight")
        weight.valueChanged.connect(self._touch)
        self.table.setCellWidget(row, COL_WEIGHT, weight)
        self.table.setItem(row, COL_SYN, QTableWidgetItem(", ".join(criterion.get("synonyms", []))))
        self._loading = was_loading
        if not was_loading and not criterion.get("name"):
            self.table.setCurrentCell(row, COL_NAME)
            self.table.editItem(self.table.item(row, COL_NAME))

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._touch()

    def weight_box(self, row: int) -> QDoubleSpinBox:
        return self.table.cellWidget(row, COL_WEIGHT)

    def spec(self) -> dict:
        criteria = []
        for row in range(self.table.rowCount()):
            name = (
                self.table.item(row, COL_NAME).text() if self.table.item(row, COL_NAME) else ""
            ).strip()
            if not name:
                continue
            synonyms_text = (
                self.table.item(row, COL_SYN).text() if self.table.item(row, COL_SYN) else ""
            )
            criteria.append(
                {
                    "name": name,
                    "kind": self.table.cellWidget(row, COL_KIND).currentText(),
                    "must": self.table.cellWidget(row, COL_MUST).isChecked(),
                    "weight": self.table.cellWidget(row, COL_WEIGHT).value(),
                    "synonyms": [s.strip() for s in synonyms_text.split(",") if s.strip()],
                }
            )
        raw = {
            "title": self.title or "Job",
            "min_years": self.min_years.value() or None,
            "location": self.location.text().strip() or None,
            "remote": self.remote.isChecked(),
            "languages": [x.strip() for x in self.languages.text().split(",") if x.strip()],
            "criteria": criteria,
        }
        return spec_from_toml(copy.deepcopy(raw), "job")

    def _touch(self, *_args) -> None:
        if not self._loading:
            self._timer.start()

    def _emit(self) -> None:
        try:
            spec = self.spec()
        except JobSpecError as exc:
            self.error.setText(str(exc).removeprefix("job: "))
            return
        self.error.clear()
        self.changed.emit(spec)
