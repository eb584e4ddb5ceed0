"""View → Report: did everyone hear back? The figures, and three pictures of them (QtCharts):
days to hear back as a histogram, heard back over time per job, and who is waiting longest.

The figures arrive from a background task (:mod:`app.controllers.loop`); this window only
draws them.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDateTime, QMargins, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from review.jobs import list_jobs
from review.report import Report, days_text

# Days to hear back, in the bins a recruiter thinks in.
BINS = (
    ("under 1", 0, 1),
    ("1", 1, 2),
    ("2", 2, 3),
    ("3", 3, 4),
    ("4–7", 4, 8),
    ("8–14", 8, 15),
    ("15–30", 15, 31),
    ("over 30", 31, None),
)
GREEN, AMBER, GREY = QColor("#2e7d32"), QColor("#c25e00"), QColor("#8a8f98")
JOB_COLOURS = ("#1565c0", "#2e7d32", "#c25e00", "#6a1b9a", "#00838f", "#ad1457", "#5d4037")
MAX_WAITING_BARS = 10


def histogram(days: list[float]) -> list[int]:
    """How many heard back in each of :data:`BINS`."""
    counts = [0] * len(BINS)
    for value in days:
        for index, (_label, low, high) in enumerate(BINS):
            if value >= low and (high is None or value < high):
                counts[index] += 1
                break
    return counts


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont(chart.titleFont())
    font.setBold(True)
    chart.setTitleFont(font)
    chart.legend().setVisible(False)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setAnimationOptions(QChart.NoAnimation)
    return chart


def _view(name: str) -> QChartView:
    view = QChartView()
    view.setObjectName(name)
    view.setRenderHint(QPainter.Antialiasing)
    view.setMinimumSize(360, 240)
    return view


def _set_chart(view: QChartView, chart: QChart) -> None:
    old = view.chart()
    view.setChart(chart)  # the view owns the new chart and lets go of the old one
    if old is not None:
        old.deleteLater()


def histogram_chart(report: Report) -> QChart:
    chart = _chart("Days to hear back")
    counts = histogram(report.days)
    bars = QBarSet("People")
    bars.append([float(c) for c in counts])
    bars.setColor(GREEN)
    series = QBarSeries()
    series.append(bars)
    series.setLabelsVisible(True)
    chart.addSeries(series)
    x = QBarCategoryAxis()
    x.setTruncateLabels(False)
    x.append([label for label, _, _ in BINS])
    x.setTitleText("days from applying to hearing back")
    y = QValueAxis()
    y.setRange(0, max([*counts, 1]) * 1.15)
    y.applyNiceNumbers()
    y.setLabelFormat("%d")
    y.setTitleText("people")
    chart.addAxis(x, Qt.AlignBottom)
    chart.addAxis(y, Qt.AlignLeft)
    series.attachAxis(x)
    series.attachAxis(y)
    return chart


def _ms(when: datetime) -> int:
    return int(when.timestamp() * 1000)


def timeline_chart(report: Report) -> QChart:
    """Heard back so far, per job, over time (a step up for each person who heard back)."""
    chart = _chart("Heard back over time")
    chart.legend().setVisible(len(report.heard_at) > 1)
    chart.legend().setAlignment(Qt.AlignBottom)
    x = QDateTimeAxis()
    x.setFormat("d MMM")
    y = QValueAxis()
    y.setLabelFormat("%d")
    y.setTitleText("people who heard back")
    chart.addAxis(x, Qt.AlignBottom)
    chart.addAxis(y, Qt.AlignLeft)
    times = [t for series in report.heard_at.values() for t in series]
    if not times:
        x.setRange(QDateTime.currentDateTime().addDays(-7), QDateTime.currentDateTime())
        y.setRange(0, 1)
        return chart
    top = 1
    for number, (title, moments) in enumerate(sorted(report.heard_at.items())):
        series = QLineSeries()
        series.setName(title)
        count = 0
        series.append(_ms(moments[0]) - 1, 0)
        for moment in moments:
            series.append(_ms(moment), count)
            count += 1
            series.append(_ms(moment), count)
        top = max(top, count)
        pen = series.pen()
        pen.setWidth(2)
        pen.setColor(QColor(JOB_COLOURS[number % len(JOB_COLOURS)]))
        series.setPen(pen)
        chart.addSeries(series)
        series.attachAxis(x)
        series.attachAxis(y)
    first, last = min(times), max(times)
    pad = max((last - first).total_seconds() * 0.05, 3600)
    x.setRange(
        QDateTime.fromMSecsSinceEpoch(int(_ms(first) - pad * 1000)),
        QDateTime.fromMSecsSinceEpoch(int(_ms(last) + pad * 1000)),
    )
    y.setRange(0, top * 1.1)
    y.applyNiceNumbers()
    return chart


def waiting_chart(report: Report) -> QChart:
    """Who has waited longest, in days; past the stale setting in amber."""
    chart = _chart(f"Waiting to hear back ({report.waiting})")
    shown = list(reversed(report.waiting_list[:MAX_WAITING_BARS]))  # longest at the top
    recent, stale = QBarSet("Waiting"), QBarSet(f"Over {report.stale_days} days")
    recent.setColor(GREY)
    stale.setColor(AMBER)
    for w in shown:
        over = w.days > report.stale_days
        recent.append(0.0 if over else w.days)
        stale.append(w.days if over else 0.0)
    series = QHorizontalBarSeries()
    series.append(recent)
    series.append(stale)
    series.setBarWidth(0.8)
    chart.addSeries(series)
    names = QBarCategoryAxis()
    names.setTruncateLabels(False)
    small = QFont(names.labelsFont())
    small.setPointSizeF(max(small.pointSizeF() * 0.85, 7.0))
    names.setLabelsFont(small)
    names.append([_label(w.name, w.job, report.job is None) for w in shown] or ["nobody"])
    days = QValueAxis()
    days.setLabelFormat("%d")
    days.setTitleText("days waiting")
    days.setRange(0, max([w.days for w in shown] + [report.stale_days]) * 1.1)
    days.applyNiceNumbers()
    chart.addAxis(names, Qt.AlignLeft)
    chart.addAxis(days, Qt.AlignBottom)
    series.attachAxis(names)
    series.attachAxis(days)
    chart.legend().setVisible(bool(shown))
    chart.legend().setAlignment(Qt.AlignBottom)
    return chart


def _short(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _label(name: str | None, job: str, with_job: bool) -> str:
    """A bar's label, short enough for a laptop screen: the name, and the job when the report
    covers every job."""
    if not with_job:
        return _short(name or "(no name)", 26)
    return f"{_short(name or '(no name)', 18)} · {_short(job, 20)}"


class ReportWindow(QDialog):
    """The report, for one job or every job; drawn from figures built in the background."""

    refresh_requested = Signal()
    scope_changed = Signal(object)  # job id or None

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Report — did everyone hear back?")
        self.setAccessibleName("Report")
        self.setWindowFlag(Qt.WindowMaximizeButtonHint, True)
        self.resize(1200, 820)
        self.report: Report | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("Report for"))
        self.scope = QComboBox()
        self.scope.setAccessibleName("Which job")
        self.scope.currentIndexChanged.connect(lambda _i: self.scope_changed.emit(self.job_id()))
        top.addWidget(self.scope)
        top.addStretch(1)
        self.state = QLabel()
        top.addWidget(self.state)
        refresh = QPushButton("Refresh")
        refresh.clicked.connect(self.refresh_requested)
        top.addWidget(refresh)
        layout.addLayout(top)
        grid = QGridLayout()
        self.figures = QLabel()
        self.figures.setObjectName("reportFigures")
        self.figures.setTextFormat(Qt.RichText)
        self.figures.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.figures.setWordWrap(True)
        self.figures.setMinimumWidth(340)
        card = QWidget()
        card_layout = QVBoxLayout(card)
        card_layout.addWidget(self.figures)
        self.histogram = _view("daysHistogram")
        self.timeline = _view("heardBackOverTime")
        self.waiting = _view("waitingList")
        grid.addWidget(card, 0, 0)
        grid.addWidget(self.histogram, 0, 1)
        grid.addWidget(self.timeline, 1, 0)
        grid.addWidget(self.waiting, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid, 1)

    def set_jobs(self, store, current: int | None) -> None:
        self.scope.blockSignals(True)
        self.scope.clear()
        self.scope.addItem("Every job", None)
        for job in list_jobs(store):
            self.scope.addItem(job.title, job.id)
        index = self.scope.findData(current) if current is not None else 0
        self.scope.setCurrentIndex(max(index, 0))
        self.scope.blockSignals(False)

    def job_id(self) -> int | None:
        return self.scope.currentData()

    def busy(self) -> None:
        self.state.setText("Counting…")

    def show_report(self, report: Report) -> None:
        self.report = report
        self.state.setText("")
        self.figures.setText(figures_html(report))
        _set_chart(self.histogram, histogram_chart(report))
        _set_chart(self.timeline, timeline_chart(report))
        _set_chart(self.waiting, waiting_chart(report))


def figures_html(report: Report) -> str:
    """The figures beside the pictures (names escaped: they come from resumes)."""
    import html

    rate = f"{report.heard_back_rate:.0%}" if report.heard_back_rate is not None else "—"
    late = report.waiting_over_stale_days
    late_names = ", ".join(html.escape(w.name or "(no name)") for w in late[:8])
    more = f" and {len(late) - 8} more" if len(late) > 8 else ""
    rows = [
        ("Applied", f"{report.people}"),
        (
            "Heard back",
            f"<b style='font-size:20pt; color:#2e7d32'>{rate}</b> "
            f"({report.heard_back} of {report.people})",
        ),
        (
            "Days to hear back",
            f"median {days_text(report.median_days)} · 90th percentile "
            f"{days_text(report.p90_days)}",
        ),
        (
            "Waiting",
            f"{report.waiting}"
            + (
                f" · <span style='color:#c25e00'><b>{len(late)} over {report.stale_days} days"
                f"</b>: {late_names}{more}</span>"
                if late
                else ""
            ),
        ),
        ("Messages", f"{report.messages_failed} failed · {report.messages_in_doubt} in doubt"),
        (
            "Check-ins",
            f"{report.checkins_done_on_time} of {report.checkins_due} due, done on time"
            if report.checkins_due
            else "none due yet",
        ),
        ("Replies", f"{report.replies} · preferences updated {report.preferences_updated}"),
    ]
    cells = "".join(
        f"<tr><td style='color:gray; padding:3px 10px 3px 0'>{k}</td><td>{v}</td></tr>"
        for k, v in rows
    )
    title = html.escape(report.job["title"]) if report.job else "Every job"
    return f"<h2>{title}</h2><table>{cells}</table>"
