"""The score column's painting: a bar with its number."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem


class ScoreDelegate(QStyledItemDelegate):
    """The score as a bar with its number: readable at a glance, exact on reading."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        score = index.data(Qt.UserRole) or 0.0
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        rect = option.rect.adjusted(6, 7, -34, -7)
        palette = option.palette
        track = palette.color(QPalette.Mid)
        track.setAlpha(70)
        painter.setPen(Qt.NoPen)
        painter.setBrush(track)
        painter.drawRoundedRect(rect, 3, 3)
        fill = QRect(rect)
        fill.setWidth(max(2, int(rect.width() * min(score, 100) / 100)))
        color = (
            QColor("#2e7d32")
            if score >= 65
            else QColor("#c77700")
            if score >= 35
            else QColor("#8a8a8a")
        )
        painter.setBrush(color)
        painter.drawRoundedRect(fill, 3, 3)
        text_rect = option.rect.adjusted(0, 0, -4, 0)
        selected = option.state & QStyle.State_Selected
        painter.setPen(palette.color(QPalette.HighlightedText if selected else QPalette.Text))
        painter.drawText(text_rect, Qt.AlignRight | Qt.AlignVCenter, f"{score:.0f}")
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        return QSize(120, 28)
