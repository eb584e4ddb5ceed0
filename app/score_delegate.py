"""The score column's painting: a bar with its number."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from parsing.errors import Outcome

# The advice's colours, on a light palette and (lighter, to keep their contrast) a dark one.
ADVICE_COLORS = {"strong": "#2e7d32", "possible": "#b26a00", "unlikely": "#6b6b6b"}
ADVICE_COLORS_DARK = {"strong": "#81c784", "possible": "#ffb74d", "unlikely": "#b0b0b0"}
ADVICE_BRUSHES = {a: QBrush(QColor(c)) for a, c in ADVICE_COLORS.items()}
ADVICE_BRUSHES_DARK = {a: QBrush(QColor(c)) for a, c in ADVICE_COLORS_DARK.items()}


def outcome_label(outcome: str) -> str:
    """A file's outcome in a recruiter's words (the codes are a contract, not for reading)."""
    try:
        return Outcome(outcome).label
    except ValueError:
        return "the file needs a look"


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.Base).lightness() < 128


def advice_color(advice: str, palette: QPalette | None = None) -> QColor:
    """The advice's colour, readable on the palette in use (light or dark)."""
    table = ADVICE_COLORS_DARK if palette is not None and is_dark(palette) else ADVICE_COLORS
    return QColor(table.get(advice, "#8a8a8a"))


class ScoreDelegate(QStyledItemDelegate):
    """The score as a bar with its number: readable at a glance, exact on reading."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        from app.people_model import ADVICE_ROLE

        score = index.data(Qt.UserRole)
        advice = index.data(ADVICE_ROLE)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if score is not None:
            opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.CE_ItemViewItem, opt, painter, opt.widget)
        if score is None:
            return  # being ranked (or a file that could not be read): "…" or "—", never a bar at 0
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
        # The bar says what the advice beside it says: never green next to "possible".
        painter.setBrush(advice_color(advice, option.palette))
        painter.drawRoundedRect(fill, 3, 3)
        text_rect = option.rect.adjusted(0, 0, -4, 0)
        selected = option.state & QStyle.State_Selected
        painter.setPen(palette.color(QPalette.HighlightedText if selected else QPalette.Text))
        painter.drawText(text_rect, Qt.AlignRight | Qt.AlignVCenter, f"{score:.0f}")
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        return QSize(120, 28)
