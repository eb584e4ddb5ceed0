"""The main window's menus, shortcuts and the cheat sheet that lists them.

Each menu is a list of actions in the order a recruiter reads them; every action
is also a window action, so its shortcut works wherever the focus is.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from app.icons import icon
from app.window_table import show_view
from review.status import HIRED, INTERVIEWING, NEW, OFFERED, VIEWS


def _file_menu(w, menu) -> None:
    imports, jobs = w.imports, w.job_actions
    w.act_import = w.add_action(
        "Import files…",
        "Ctrl+I",
        imports.choose_files,
        menu,
        "import",
        "Import resumes: PDF, DOCX, ODT, RTF, TXT or ZIPs",
    )
    w.add_action("Import a folder…", "Ctrl+Shift+I", imports.choose_folder, menu, "folder")
    w.act_import_mailbox = w.add_action(
        "Import from mailbox…",
        None,
        imports.choose_mailbox,
        menu,
        "mail",
        "New messages and their attachments from an IMAP folder; nothing changes on the server",
    )
    w.act_report = w.add_action("Last import report", None, imports.show_report, menu)
    menu.addSeparator()
    w.act_export = w.add_action(
        "Export the shortlist…",
        "Ctrl+Shift+E",
        jobs.export_shortlist,
        menu,
        "export",
        "PDF, HTML or CSV for a hiring manager",
    )
    w.add_action("Import the manager's answers…", None, jobs.import_manager_answers, menu)
    menu.addSeparator()
    w.act_read_replies = w.add_action(
        "Read replies…",
        "Ctrl+Shift+R",
        w.loop.choose_files,
        menu,
        None,
        "People's answers: saved messages (.eml, .msg) or a mailbox file (mbox)",
    )
    w.add_action(
        "Read replies from a mail folder…",
        None,
        w.loop.choose_folder,
        menu,
        None,
        "A Maildir folder, or a folder of saved messages",
    )
    w.add_action(
        "Read replies from a mailbox (IMAP)…",
        None,
        w.loop.choose_mailbox,
        menu,
        None,
        "The folder where replies arrive: read-only, nothing marked or moved",
    )
    menu.addSeparator()
    w.add_action("Settings…", "Ctrl+,", w.open_settings, menu, "settings")
    menu.addSeparator()
    w.add_action("Quit", QKeySequence.Quit, w.close, menu)


def _move_menu(w, move) -> None:
    """Review → Move to: where a reviewer moves someone on the list, each with its key."""
    decide = w.decisions
    w.act_interviewing = w.add_action(
        "Interviewing",
        "I",
        lambda: decide.move_current(INTERVIEWING),
        move,
        None,
        "Move this person to interviewing",
    )
    w.act_offered = w.add_action(
        "Offered",
        "O",
        lambda: decide.move_current(OFFERED),
        move,
        None,
        "Move this person to offered",
    )
    w.act_hired = w.add_action(
        "Hired",
        "H",
        lambda: decide.move_current(HIRED),
        move,
        None,
        "Hired: check-ins follow after 1, 4 and 12 weeks",
    )
    move.addSeparator()
    w.act_to_review = w.add_action(
        "Back to To review",
        "R",
        lambda: decide.move_current(NEW),
        move,
        None,
        "Back to the people still to review",
    )
    w.move_actions = [
        w.act_shortlist,
        w.act_interviewing,
        w.act_offered,
        w.act_hired,
        w.act_to_review,
    ]


def _their_data_actions(w, menu) -> None:
    """Their data, their say: what `shortlist person export` and `… erase` do."""
    w.act_export_person = w.add_action(
        "Export their data…",
        None,
        w.their_data.export_current,
        menu,
        None,
        "Everything held about this person, in a folder: what to send when they ask",
    )
    w.act_erase_person = w.add_action(
        "Erase them everywhere…",
        None,
        w.their_data.erase_current,
        menu,
        None,
        "Remove this person from every job, file and message (asks first; cannot be undone)",
    )


def _ask_again_action(w, menu) -> None:
    """Review → Ask them for another copy… (also the pane's button and the row's menu)."""
    from app.file_request import ASK, FileRequests

    w.file_requests = FileRequests(w)
    w.act_ask_again = w.add_action(
        ASK,
        None,
        w.file_requests.ask_current,
        menu,
        None,
        "A file that could not be read: ask the sender kindly to send it again",
    )
    w.pane.file_request.requested.connect(w.file_requests.ask_current)


def _review_menu(w, menu) -> None:
    gate = w.gate
    w.act_next = w.add_action("Next person", "J", w.next_person, menu, None, "Next person")
    w.act_prev = w.add_action(
        "Previous person", "K", w.previous_person, menu, None, "Previous person"
    )
    menu.addSeparator()
    w.act_shortlist = w.add_action(
        "Shortlist", "S", w.decisions.shortlist_current, menu, "star", "Shortlist this person"
    )
    w.act_shortlist.setIconText("Shortlist")
    w.act_undo = w.add_action(
        "Undo", "U", w.decisions.undo_last, menu, "undo", "Undo the last status change"
    )
    _move_menu(w, menu.addMenu("Move to"))
    w.act_letgo = w.add_action(
        "Let go…",
        "D",
        gate.let_go_current,
        menu,
        "letgo",
        "Let this person go, with a note and a message",
    )
    w.act_note = w.add_action(
        "Add a note about them",
        "N",
        w.pane.focus_note,
        menu,
        "note",
        "Write down something you learned about this person",
    )
    w.act_correct = w.add_action(
        "Correct their details…",
        "F2",
        w.pane.correct_fields,
        menu,
        None,
        "Correct the name, title, location, e-mail, phone or links read from the resume",
    )
    w.pane.fields_corrected.connect(lambda person, field: _corrected(w, person, field))
    w.act_withdrew = w.add_action(
        "They withdrew…",
        None,
        gate.withdraw_current,
        menu,
        None,
        "Record that this person withdrew, with a short note and a thank-you",
    )
    w.act_restore = w.add_action(
        "Restore to the list",
        None,
        gate.restore_current,
        menu,
        "undo",
        "Bring someone who was let go back onto the list (logged)",
    )
    w.act_invite = w.add_action(
        "Invite to an interview…",
        None,
        w.loop.invite_current,
        menu,
        None,
        "A message with a calendar file; or a new time, or a cancel",
    )
    _ask_again_action(w, menu)
    menu.addSeparator()
    _their_data_actions(w, menu)
    menu.addSeparator()
    w.act_search = w.add_action("Search", "/", w.focus_search, menu, "search")


def _corrected(w, person_id: int, field: str) -> None:
    """The table follows a correction at once (the pane has read the person again); a job's
    place counts in the score, so a corrected location ranks again."""
    from review.identity import LABELS

    w.model.refresh_person(person_id)
    row = w.model.row_for_person(person_id)
    who = w.model.display_name(row) if row is not None else f"#{person_id}"
    w.statusBar().showMessage(
        f"{who}: {LABELS[field].lower()} corrected. Messages, exports and search use it.", 6000
    )
    if field == "location":
        w.job_view.rerank_in_background()


def _job_menu(w, menu) -> None:
    jobs = w.job_actions
    w.add_action(
        "New job…",
        "Ctrl+N",
        jobs.new_job,
        menu,
        None,
        "A new job, with criteria proposed from its ad",
    )
    w.add_action(
        "People you already know…",
        None,
        jobs.show_pool,
        menu,
        None,
        "Talent pool members who fit this job",
    )
    w.act_offers = w.add_action(
        "Tell people who asked about this role…",
        None,
        w.loop.show_offers,
        menu,
        None,
        "Talent pool members who asked to hear about roles like this: one message each",
    )
    w.add_action(
        "Close job…",
        None,
        jobs.close_job,
        menu,
        None,
        "Close the job: everyone still on it goes through the let-go queue first",
    )


def _view_menu(w, menu) -> None:
    w.view_actions = []
    titles = [title for title, _ in VIEWS] + ["Files to check"]
    for number, title in enumerate(titles, start=1):
        choose = lambda _=False, n=number - 1: show_view(w, n)  # noqa: E731
        w.view_actions.append(w.add_action(title, str(number), choose, menu))
    menu.addSeparator()
    w.act_followups = w.add_action(
        "Follow-ups…",
        "Ctrl+Shift+F",
        w.job_actions.show_followups,
        menu,
        None,
        "Check-ins after a hire, keep-in-touch for the talent pool",
    )
    w.act_replies = w.add_action(
        "Replies to check…",
        None,
        w.loop.show_waiting,
        menu,
        None,
        "Unmatched replies to assign, wishes to confirm, replies flagged for a look",
    )
    w.act_loop_report = w.add_action(
        "Report",
        "Ctrl+Shift+H",
        w.loop.show_report,
        menu,
        None,
        "Did everyone hear back? Figures and pictures, per job or for every job",
    )
    w.act_blind = w.add_action(
        "Blind review",
        "Ctrl+B",
        w.job_view.toggle_blind,
        menu,
        "blind",
        "Hide names, contact details and locations until shortlisted",
    )
    w.act_blind.setCheckable(True)
    w.act_edit_job = w.editor_dock.toggleViewAction()
    w.act_edit_job.setText("Edit job criteria")
    w.act_edit_job.setShortcut(QKeySequence("Ctrl+E"))
    w.act_edit_job.setIcon(icon("edit"))
    menu.addAction(w.act_edit_job)


def build_menus(w) -> None:
    bar = w.menuBar()
    _file_menu(w, bar.addMenu("&File"))
    _review_menu(w, bar.addMenu("&Review"))
    _job_menu(w, bar.addMenu("&Job"))
    _view_menu(w, bar.addMenu("&View"))
    help_menu = bar.addMenu("&Help")
    w.act_cheats = w.add_action("Shortcuts", "?", w.show_cheat_sheet, help_menu, "keyboard")
    w.add_action("About Shortlist", None, w.about, help_menu)


def cheat_sheet_groups(w) -> list[tuple[str, list[tuple[str, str]]]]:
    def key(action: QAction) -> str:
        return action.shortcut().toString(QKeySequence.NativeText)

    return [
        (
            "Move",
            [
                (key(w.act_next), "next person"),
                (key(w.act_prev), "previous person"),
                (key(w.act_search), "search"),
                ("1 – 6", "views: to review … files to check"),
                ("Esc", "back to the list"),
            ],
        ),
        (
            "Decide",
            [
                (key(w.act_shortlist), "shortlist"),
                (key(w.act_undo), "undo the last change"),
                (key(w.act_interviewing), "interviewing"),
                (key(w.act_offered), "offered"),
                (key(w.act_hired), "hired"),
                (key(w.act_to_review), "back to To review"),
                (key(w.act_letgo), "let go — with a note and a message"),
                (key(w.act_note), "note about them as a person"),
                (key(w.act_correct), "correct their name or contact details"),
            ],
        ),
        (
            "Window",
            [
                (key(w.act_import), "import resumes"),
                (key(w.act_read_replies), "read replies"),
                (key(w.act_loop_report), "report: did everyone hear back?"),
                (key(w.act_edit_job), "edit job criteria"),
                (key(w.act_blind), "blind review"),
                ("?", "this sheet"),
            ],
        ),
    ]
