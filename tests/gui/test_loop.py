"""Closing the loop through the window: File → Read replies…, the pane's one-step confirm,
Assign in Replies to check, a drop of replies among resumes, View → Report, an interview
invitation from the pane, and the roles people asked to hear about when a job opens."""

from __future__ import annotations

from email import policy
from email.parser import BytesParser

from PySide6.QtWidgets import QFileDialog

from review import outbox
from review import replies as R
from review.jobs import create_job, spec_from_toml
from review.relationship import contact_preference, set_preferences
from tests.gui.conftest import job_shown, settle
from tests.test_replies import QUOTED, answer, save
from tests.worlds import let_go, make_people

ANA_BRINGS = (
    "Ana built the settlement service at Pagora in Python on PostgreSQL and Kubernetes, "
    "and mentored four junior engineers there."
)
ANA_WHY = "This role needs someone in our Paris office four days a week from January."


def world(make_window, settings, tmp_path, monkeypatch):
    """Ana let go through the real gate (outbox folder), then the window on the same data."""
    store, job_id, ids, world_settings = make_people(tmp_path, monkeypatch)
    message = let_go(store, world_settings, ids["ana.txt"], job_id, ANA_BRINGS, ANA_WHY)
    for key in ("sender.name", "sender.email", "reply_to", "outbox.dir"):
        settings.set(key, world_settings.get(key))
    window = make_window(store)
    window.load_jobs(select=job_id)
    job_shown(window)  # its people are read and ranked in the background
    return window, ids, store.one("SELECT * FROM messages WHERE id = ?", (message,))


def select(window, person_id: int) -> None:
    window.views.setCurrentIndex(4)  # All
    window.select_row(window.model.row_of_person(person_id))


def wait_read(qtbot, window) -> None:
    qtbot.waitUntil(
        lambda: window.loop.dialog is not None and window.loop.dialog.isVisible(), timeout=15000
    )
    settle(qtbot, window)


def test_read_replies_confirm_in_one_step_and_assign(
    make_window, settings, tmp_path, monkeypatch, qtbot
):
    window, ids, sent = world(make_window, settings, tmp_path, monkeypatch)
    ana, bo = ids["ana.txt"], ids["bo.txt"]
    folder = tmp_path / "in"
    files = [
        save(
            folder,
            "ana.eml",
            answer(sent, "ana.quintero@example.org", "Thank you! Monthly is fine." + QUOTED),
        ),
        save(folder, "who.eml", answer(None, "b.lindqvist@home.example", "Keep me posted?")),
        save(folder, "junk.eml", answer(None, "x@y.example", "x")).with_name("missing.eml"),
    ]
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(f) for f in files], "mail")
    )
    window.act_read_replies.trigger()
    wait_read(qtbot, window)
    dialog = window.loop.dialog
    lines = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert lines[0].startswith("ana.eml: Ana Quintero Bravo (answers our message)")
    assert "asks to hear monthly: confirm it" in lines[0] and "about Backend Engineer" in lines[0]
    assert lines[1].startswith("who.eml: Unmatched")
    assert lines[2] == "missing.eml: not read — no such file or folder"
    assert "2 replies read" in dialog.summary.text()
    dialog.close()

    # The pane shows her wish; one click confirms it. History shows her words.
    select(window, ana)
    banner = window.pane.reply_banner
    assert banner.isVisible() and "they ask to hear monthly" in banner.text.text()
    banner.confirm.click()
    settle(qtbot, window)
    pref = contact_preference(window.store, ana)
    assert pref["frequency"] == "monthly" and pref["consent"] == 1
    assert not window.pane.reply_banner.confirm.isVisible()
    history = [window.pane.history.item(i).text() for i in range(window.pane.history.count())]
    assert any("they replied: “Thank you! Monthly is fine.”" in h for h in history)
    assert any("their reply's wish confirmed: hear monthly" in h for h in history)

    # View → Replies to check: the unmatched one, assigned to Bo.
    window.act_replies.trigger()
    replies = window.loop.dialog
    assert (
        replies.tabs.tabText(0) == "Unmatched (1)" and replies.tabs.tabText(1) == "To confirm (0)"
    )
    assert "Keep me posted?" in replies.detail.toPlainText()
    replies.buttons["Assign to…"].click()
    chooser = replies.assign_dialog
    chooser.search.setText("Bo")
    assert chooser.list.count() == 1 and "Bo Lindqvist-Haraldsen" in chooser.list.item(0).text()
    chooser.accept()
    settle(qtbot, window)
    assert replies.tabs.tabText(0) == "Unmatched (0)"
    # An empty tab says what would wait there; its buttons have nothing to act on.
    assert replies.detail.toPlainText().startswith("No unmatched replies")
    assert not replies.buttons["Assign to…"].isEnabled()
    [assigned] = R.replies_of(window.store, bo)
    assert assigned.matched_by == "assigned" and assigned.proposal_state == "proposed"
    replies.close()


def test_a_drop_sends_replies_to_replies_and_resumes_to_the_import(
    make_window, settings, tmp_path, monkeypatch, qtbot
):
    window, ids, sent = world(make_window, settings, tmp_path, monkeypatch)
    folder = tmp_path / "drop"
    reply = save(
        folder,
        "Re- Your application.eml",
        answer(sent, "ana.quintero@example.org", "Please stop contacting me."),
    )
    resume = folder / "dana.txt"
    resume.write_text("Dana Ruiz\ndana.ruiz@example.com\n\nSkills\nPython, PostgreSQL\n")
    imported = []
    window.import_finished.connect(imported.append)
    window.imports.drop([str(reply), str(resume)])
    wait_read(qtbot, window)
    qtbot.waitUntil(lambda: bool(imported), timeout=30000)
    assert "so they were read as replies, not imported" in window.loop.dialog.summary.text()
    assert contact_preference(window.store, ids["ana.txt"])["channel"] == "none"
    assert window.store.scalar("SELECT count(*) FROM people WHERE name = 'Dana Ruiz'") == 1
    assert (
        window.store.scalar("SELECT count(*) FROM documents WHERE original_name LIKE 'Re-%'") == 0
    )
    window.loop.dialog.close()
    # The import's end ranks the job again in the background: it ends before the test does.
    job_shown(window)
    settle(qtbot, window)


def test_view_report_draws_the_figures(make_window, settings, tmp_path, monkeypatch, qtbot):
    window, _ids, _sent = world(make_window, settings, tmp_path, monkeypatch)
    window.act_loop_report.trigger()
    report = window.loop.report_window
    qtbot.waitUntil(lambda: report.report is not None, timeout=15000)
    assert report.report.people == 3 and report.report.heard_back == 1
    assert "Heard back" in report.figures.text() and "33%" in report.figures.text()
    bars = report.histogram.chart().series()[0].barSets()[0]
    assert sum(bars.at(i) for i in range(bars.count())) == 1
    names = report.waiting.chart().axes()[0].categories()
    assert sorted(names) == ["Bo Lindqvist-Haraldsen", "Cyrille Ombeni Matondo"]
    assert len(report.timeline.chart().series()) == 1
    report.scope.setCurrentIndex(1)  # Backend Engineer: figures rebuilt in the background
    qtbot.waitUntil(lambda: report.report.job is not None, timeout=15000)
    assert report.report.job["title"] == "Backend Engineer"
    report.close()


def test_an_invitation_from_the_pane(make_window, settings, tmp_path, monkeypatch, qtbot):
    window, ids, _sent = world(make_window, settings, tmp_path, monkeypatch)
    bo = ids["bo.txt"]
    select(window, bo)
    window.decisions.move_current("interviewing")
    settle(qtbot, window)
    strip = window.pane.interview
    assert strip.isVisible() and "no invitation sent yet" in strip.text.text()
    strip.button.click()
    dialog = window.loop.dialog
    assert dialog.body.toPlainText().startswith("Hi Bo,")
    dialog.zone.setCurrentText("Europe/Stockholm")
    dialog.where.setText("Room 4, Avenyn 1, Göteborg")
    from PySide6.QtCore import QDate, QDateTime, QTime

    dialog.when.setDateTime(QDateTime(QDate(2030, 3, 5), QTime(14, 0)))
    assert "Tuesday 5 March 2030, 14:00–14:45 (Europe/Stockholm)" in dialog.body.toPlainText()
    dialog.send_button.click()
    qtbot.waitUntil(
        lambda: (
            window.store.scalar("SELECT state FROM messages WHERE kind = 'invitation'")
            == "delivered"
        ),
        timeout=15000,
    )
    # The pane follows when the delivery's answer arrives.
    qtbot.waitUntil(
        lambda: "invitation delivered" in window.pane.interview.text.text(), timeout=15000
    )
    [eml] = [p for p in (tmp_path / "outbox").glob("*.eml") if b"invite.ics" in p.read_bytes()]
    message = BytesParser(policy=policy.default).parsebytes(eml.read_bytes())
    assert message["To"] == "bo.lindqvist@example.net"
    assert (
        window.store.scalar("SELECT status FROM applications WHERE person_id = ?", (bo,))
        == "interviewing"
    )


def test_a_job_opening_offers_the_people_who_asked(
    make_window, settings, tmp_path, monkeypatch, qtbot
):
    store, job_id, ids, world_settings = make_people(tmp_path, monkeypatch)
    let_go(store, world_settings, ids["ana.txt"], job_id, ANA_BRINGS, ANA_WHY)
    set_preferences(store, ids["ana.txt"], "Robin Reviewer", consent=True)
    spec = {
        "title": "Payments Engineer",
        "criteria": [{"name": "Python", "must": True}, {"name": "PostgreSQL"}],
    }
    payments = create_job(store, spec["title"], "", spec_from_toml(dict(spec), "job"))
    for key in ("sender.name", "sender.email", "reply_to", "outbox.dir"):
        settings.set(key, world_settings.get(key))
    window = make_window(store)
    window.load_jobs(select=payments)
    job_shown(window)
    qtbot.waitUntil(
        lambda: window.loop.bar is not None and window.loop.bar.isVisible(), timeout=15000
    )
    assert "1 person in your talent pool asked to hear about roles like Payments Engineer" in (
        window.loop.bar.text.text()
    )
    window.loop.bar.button.click()
    dialog = window.loop.dialog
    buttons = [b.text() for b in dialog.findChildren(type(dialog.send_button))]
    assert "Send to Ana" in buttons and not any("all" in b.lower() for b in buttons)
    assert "Python" in dialog.why.text() and dialog.body.toPlainText().startswith("Hi Ana,")
    dialog.send_button.click()
    qtbot.waitUntil(
        lambda: store.scalar("SELECT state FROM messages WHERE kind = 'role'") == "delivered",
        timeout=15000,
    )
    settle(qtbot, window)
    assert dialog.people.item(0).text().endswith("— Sent")
    assert not window.loop.bar.isVisible()
    assert outbox.state_of(store, store.scalar("SELECT id FROM messages WHERE kind = 'role'"))
    dialog.close()


def test_a_stop_read_in_the_window_keeps_the_message_waiting_for_them(
    make_window, settings, tmp_path, monkeypatch, qtbot
):
    """Ana's let-go is queued (the SMTP server is down) when she writes "stop": File → Read
    replies… keeps it on record, unsent; she is let go as the gate does for someone whose
    channel was none, and the pane shows no banner asking to retry it."""
    from tests.smtp_server import free_port

    store, job_id, ids, world_settings = make_people(tmp_path, monkeypatch)
    ana = ids["ana.txt"]
    down = {"transport": "smtp", "smtp.host": "127.0.0.1", "smtp.port": free_port()}
    for conf in (world_settings, settings):
        for key, value in {**down, "smtp.security": "none"}.items():
            conf.set(key, value)
    message = let_go(store, world_settings, ana, job_id, ANA_BRINGS, ANA_WHY)
    assert outbox.state_of(store, message) == "queued"
    for key in ("sender.name", "sender.email", "reply_to"):
        settings.set(key, world_settings.get(key))
    window = make_window(store)
    window.load_jobs(select=job_id)
    job_shown(window)
    select(window, ana)
    assert window.current_row().status == "letting_go"
    assert "Their message is queued" in window.pane.message_banner.text.text()

    sent = store.one("SELECT * FROM messages WHERE id = ?", (message,))
    stop = save(tmp_path / "in", "stop.eml", answer(sent, "ana.quintero@example.org", "STOP"))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(stop)], "mail"))
    window.act_read_replies.trigger()
    wait_read(qtbot, window)
    [line] = [
        window.loop.dialog.list.item(i).text() for i in range(window.loop.dialog.list.count())
    ]
    assert "asked not to be contacted: done, at once" in line
    assert "they are let go from Backend Engineer without it, as they asked" in line
    window.loop.dialog.close()

    assert outbox.state_of(window.store, message) == "kept"
    qtbot.waitUntil(lambda: window.model.row_of_person(ana) is not None, timeout=5000)
    select(window, ana)
    assert window.current_row().status == "let_go"
    assert not window.pane.message_banner.isVisible()
    history = [window.pane.history.item(i).text() for i in range(window.pane.history.count())]
    assert any(
        "their let-go message kept on record, not sent: they asked us not to contact them" in h
        for h in history
    )
    assert any("let go (they asked us not to contact them" in h for h in history)
    window.views.setCurrentIndex(2)  # Waiting for a message: nobody waits now
    assert window.model.rowCount() == 0
