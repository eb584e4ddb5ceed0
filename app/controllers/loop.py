"""Closing the loop in the window: replies read (File → Read replies…, or dropped), what waits
for the recruiter (View → Replies to check…), roles people asked to hear about (offered when
a job opens), interview invitations (offered after a move to interviewing), and View → Report.

Reading replies, finding the roles' people and building the report run off the UI thread
(the last two on a read-only connection of their own, ``read_task``); every write goes
through the window's one writer.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from app.tasks import Task, read_task
from app.writer import Writer
from review import replies as R
from review.db import Store

REPLY_FILTER = "Saved messages and mailboxes (*.eml *.msg *.mbox *.mbx *.txt);;All files (*)"


def _read_replies(
    report, cancelled, writer: Writer, db_path: str, paths: list[str], actor: str, password=None
):
    """Read and store replies on a worker thread: reads on its own connection, writes through
    the window's writer, one message at a time. ``paths`` may hold imap:// addresses."""
    from parsing.inbox import read_paths

    with Store(db_path, migrate=False) as store:
        store.conn.execute("PRAGMA query_only = ON")  # what it stores goes through the writer

        def known(message_id: str) -> bool:
            return R.is_read(store, message_id)

        files = [p for p in paths if not p.lower().startswith(("imap://", "imaps://"))]
        out = []
        if files:
            out = R.read_all(
                store, read_paths(files, known), actor, write=writer.call, cancelled=cancelled
            )
        for url in (p for p in paths if p not in files):
            out += _read_mailbox(store, writer, url, known, actor, cancelled, password)
        return out


def _read_mailbox(store, writer, url, known, actor, cancelled, password) -> list:
    """A mailbox's replies; one that cannot be read is an outcome that says why."""
    from parsing.imap import MailboxError

    ask = (lambda _user: password) if password else None
    try:
        messages = R.mailbox_messages(url, known, ask)
        return R.read_all(store, messages, actor, write=writer.call, cancelled=cancelled)
    except MailboxError as exc:
        return [R.ReplyOutcome(url, None, outcome="unreadable", problem=str(exc))]


def _build_report(store: Store, job_id: int | None, stale_days: int):
    from review.report import build_report

    return build_report(store, job_id, stale_days=stale_days)


def _find_offers(store: Store, job):
    from review.offers import offers_for

    return offers_for(store, job)


class OffersBar(QWidget):
    """Above the list when a job opens: people who asked to hear about roles like it."""

    def __init__(self, open_offers) -> None:
        super().__init__()
        self.setObjectName("offersBar")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.button = QPushButton("Tell them…")
        self.button.clicked.connect(open_offers)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self.hide()


class Loop(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.read_task: Task | None = None
        self.report_task: Task | None = None
        self.offers_task: Task | None = None
        self.bar: OffersBar | None = None
        self.offers: list = []
        self.dialog = None  # the dialog open now (for tests and screenshots)
        self.report_window = None
        self._report_again = False
        self.last_read: list[R.ReplyOutcome] = []
        self.last_url = "imap://"
        window.delivery.delivered.connect(self._delivered)

    def tasks(self) -> list[Task]:
        return [t for t in (self.read_task, self.report_task, self.offers_task) if t is not None]

    def _delivered(self, result) -> None:
        """An invitation or a role message went out: the pane shows where it is now."""
        from review.status import LETTING_GO

        w = self.window
        row = w.current_row()
        if row is not None and row.status != LETTING_GO:
            w.show_current()

    # --- reading replies ----------------------------------------------------------------------

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self.window, "Read replies", str(Path.home()), REPLY_FILTER
        )
        if files:
            self.read(files)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.window,
            "Read replies from a mail folder (Maildir) or a folder of messages",
            str(Path.home()),
        )
        if folder:
            self.read([folder])

    def choose_mailbox(self) -> None:
        """An IMAP folder: its address, and its password when the keyring has none (asked here,
        on the UI thread, kept for this reading only)."""
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        from parsing.imap import MailboxAddress, MailboxError
        from review.mailbox import keyring_user, mailbox_password

        w = self.window
        prompt = "The folder where replies arrive: imap://USER@HOST[:PORT]/FOLDER"
        url, ok = QInputDialog.getText(w, "Read replies from a mailbox", prompt, text=self.last_url)
        if not ok or not url.strip():
            return
        try:
            address = MailboxAddress.parse(url)
        except MailboxError as exc:
            w.statusBar().showMessage(f"Not a mailbox address: {exc}", 10000)
            return
        self.last_url = url.strip()
        password = None
        if mailbox_password(address) is None:
            password, ok = QInputDialog.getText(
                w,
                "Mailbox password",
                f"Password for {keyring_user(address)} (kept for this reading only):",
                QLineEdit.EchoMode.Password,
            )
            if not ok or not password:
                return
        self.read([self.last_url], password=password)

    def read(
        self, paths: list[str], dropped: bool = False, password: str | None = None
    ) -> Task | None:
        """Read replies in the background; the window says what became of each."""
        w = self.window
        if self.read_task is not None and self.read_task.running:
            w.statusBar().showMessage("Replies are being read: a moment.", 5000)
            return None
        task = Task(
            _read_replies,
            w.writer,
            str(w.store.path),
            list(paths),
            w.actor,
            password,
            name="replies",
            parent=self,
        )
        task.done.connect(lambda outcomes: self._read(outcomes, dropped))
        task.failed.connect(lambda exc, text: w.report_failure(exc, text, "Reading replies"))
        w.statusBar().showMessage("Reading replies…")
        self.read_task = task.start()
        return task

    def _read(self, outcomes: list[R.ReplyOutcome], dropped: bool) -> None:
        from app.loop_dialogs import ReadRepliesDialog

        w = self.window
        self.last_read = outcomes
        kept = [message for o in outcomes for message in o.kept]
        if kept:  # an opt-out kept their waiting messages unsent: a let-go among them is done
            w.delivery.follow(kept)
        w.show_current()
        read = [o for o in outcomes if o.outcome == "read"]
        opted = sum(bool(o.applied) for o in read)
        proposed = sum(bool(o.proposed) for o in read)
        unmatched = sum(o.person is None for o in read)
        lead = "Dropped messages were replies to your messages: " if dropped else ""
        # Short: at 1024 px the status bar shares its line with where messages go out.
        w.statusBar().showMessage(
            f"{lead}{len(read)} repl{'y' if len(read) == 1 else 'ies'} read: {opted} opt-out "
            f"done, {proposed} to confirm, {unmatched} unmatched",
            12000,
        )
        self.dialog = ReadRepliesDialog(outcomes, dropped, w)
        self.dialog.waiting_requested.connect(self.show_waiting)
        self.dialog.open()

    # --- what waits for the recruiter ---------------------------------------------------------

    def show_waiting(self) -> None:
        from app.loop_dialogs import RepliesDialog

        w = self.window
        self.dialog = RepliesDialog(w.store, w.writer, w.actor, w)
        self.dialog.messages_kept.connect(w.delivery.follow)
        self.dialog.changed.connect(w.show_current)
        self.dialog.open()

    # --- the report ---------------------------------------------------------------------------

    def show_report(self) -> None:
        """View → Report: the figures are built off the UI thread, then drawn."""
        from app.report_view import ReportWindow

        w = self.window
        if self.report_window is None:
            self.report_window = ReportWindow(w)
            self.report_window.refresh_requested.connect(self._start_report)
            self.report_window.scope_changed.connect(lambda _job: self._start_report())
        self.report_window.set_jobs(w.store, w.job.id if w.job else None)
        self.report_window.show()
        self.report_window.raise_()
        self._start_report()

    def _start_report(self) -> None:
        w = self.window
        if self.report_task is not None and self.report_task.running:
            self._report_again = True  # the scope changed while counting: count again after
            return
        self._report_again = False
        stale = int(w.settings.get("review.stale_days"))
        job_id = self.report_window.job_id()
        task = read_task(w.store.path, _build_report, job_id, stale, name="report", parent=self)
        task.done.connect(self._report_built)
        task.failed.connect(lambda exc, text: w.report_failure(exc, text, "Building the report"))
        self.report_window.busy()
        self.report_task = task.start()

    def _report_built(self, report) -> None:
        if self._report_again:
            self._start_report()
            return
        self.report_window.show_report(report)

    # --- roles they asked to hear about -------------------------------------------------------

    def job_opened(self) -> None:
        """A job was opened (or created): who asked to hear about roles like it, found in the
        background; a bar above the list offers them, one message at a time."""
        w = self.window
        if self.bar is None:
            self.bar = OffersBar(self.show_offers)
            layout = w.waiting.parentWidget().layout()
            layout.insertWidget(layout.indexOf(w.waiting) + 1, self.bar)
        self.bar.hide()
        self.offers = []
        if w.job is None or not w.job.spec.get("criteria"):
            return
        if self.offers_task is not None and self.offers_task.running:
            self.offers_task.cancel()
        job = w.job
        task = read_task(w.store.path, _find_offers, job, name="offers", parent=self)
        task.done.connect(lambda found, job_id=job.id: self._offers_found(job_id, found))
        task.failed.connect(lambda exc, text: w.report_failure(exc, text, "Finding the pool"))
        self.offers_task = task.start()

    def _offers_found(self, job_id: int, found) -> None:
        w = self.window
        if w.job is None or w.job.id != job_id:
            return
        ready, held = found
        self.offers = ready
        if not ready:
            self.bar.hide()
            return
        who = "person" if len(ready) == 1 else "people"
        held_text = f" ({len(held)} more when their chosen frequency allows)" if held else ""
        self.bar.text.setText(
            f"<b>{len(ready)} {who} in your talent pool asked to hear about roles like "
            f"{w.job.title}</b> and fit it well{held_text}."
        )
        self.bar.show()

    def show_offers(self) -> None:
        from app.outreach_dialogs import OffersDialog

        w = self.window
        if w.job is None or not self.offers:
            return
        self.dialog = OffersDialog(w.store, w.job, self.offers, w.settings, w)
        self.dialog.send_requested.connect(self._send_offer)
        self.dialog.skip_requested.connect(self._skip_offer)
        self.dialog.open()

    def _send_offer(self, person_id: int, subject: str, body: str) -> None:
        from review import offers as O

        w, job = self.window, self.window.job

        def sent(message: int) -> None:
            w.delivery.send(message)
            self._offer_decided(person_id, "Sent")

        w.writer.run(
            O.send,
            job,
            person_id,
            O.Draft(subject, body),
            w.settings,
            w.actor,
            success=sent,
            failure=self._refused,
        )

    def _skip_offer(self, person_id: int) -> None:
        from review import offers as O

        w = self.window
        w.writer.run(
            O.skip,
            w.job,
            person_id,
            w.actor,
            success=lambda _none: self._offer_decided(person_id, "Not this time"),
        )

    def _offer_decided(self, person_id: int, what: str) -> None:
        self.offers = [o for o in self.offers if o.person_id != person_id]
        if self.dialog is not None and hasattr(self.dialog, "decided"):
            self.dialog.decided(person_id, what)
        if not self.offers and self.bar is not None:
            self.bar.hide()

    def _refused(self, exc: BaseException, text: str) -> None:
        reasons = getattr(exc, "reasons", None)
        if reasons is None:
            self.window.report_failure(exc, text, "Sending")
            return
        if self.dialog is not None and hasattr(self.dialog, "refused"):
            self.dialog.refused(reasons)
        else:
            self.window.statusBar().showMessage("Not sent: " + "; ".join(reasons), 12000)

    # --- interview invitations ----------------------------------------------------------------

    def invite_current(self) -> None:
        """Review → Invite to an interview… (and after a move to interviewing)."""
        from app.outreach_dialogs import InviteDialog

        w = self.window
        row = w.acting_row()
        if row is None or w.job is None:
            return
        self.dialog = InviteDialog(
            w.store, row.application, w.model.display_name(row), w.settings, w
        )
        self.dialog.send_requested.connect(self._send_invitation)
        self.dialog.open()

    def offer_invitation(self, change) -> None:
        """Someone was moved to interviewing: an invitation is offered (the pane's interview
        strip and the status bar say how), never sent unasked, never in the way of the keys."""
        from review.invitations import current

        w = self.window
        if current(w.store, change.application_id) is not None:
            return  # invited already
        w.statusBar().showMessage(
            "Interviewing. Send them an invitation with a calendar file: the Invite button in "
            "their pane, or Review → Invite to an interview…",
            10000,
        )

    def _send_invitation(self, request: dict) -> None:
        from review import invitations as I

        w = self.window
        kind = request["kind"]
        draft = I.Draft(request["subject"], request["body"])
        if kind == "cancel":
            args = (I.cancel, request["interview"], draft, w.settings, w.actor)
        elif kind == "reschedule":
            args = (
                I.reschedule,
                request["interview"],
                request["meeting"],
                draft,
                w.settings,
                w.actor,
            )
        else:
            args = (
                I.invite,
                request["application"],
                request["meeting"],
                draft,
                w.settings,
                w.actor,
            )

        def queued(result) -> None:
            message = result[1] if isinstance(result, tuple) else result
            if self.dialog is not None:
                self.dialog.accept()
            w.delivery.send(message)
            w.show_current()

        w.writer.run(*args, success=queued, failure=self._refused)
