"""File → Import from mailbox…, against a real IMAP server (pymap) on loopback behind
implicit TLS: the dialog asks for the password only when the keyring has none and keeps it
when asked, the import runs in the background into the job's table, the cover letter shows
in the person pane (escaped, read-only), and a mailbox that cannot be read says why."""

from __future__ import annotations

import json

import pytest

from tests import badfiles as B
from tests import formatfiles as FF
from tests.gui.conftest import job_shown
from tests.gui.test_window import imported, job_window
from tests.imap_server import PASSWORD, USER, imap_server, implicit_tls_proxy

FOLDER = "Applications"
LETTER = "Hello,\nI build <b>data</b> pipelines & care about the people on call.\nJonas"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with imap_server(tmp_path_factory.mktemp("imap")) as srv:
        resume = B.resume_text(1, "Jonas Okafor").replace("jonas.okafor1@example.com", "")
        srv.append(
            FOLDER,
            FF.eml(
                sender="Jonas Okafor <jonas.okafor@example.net>",
                subject="Backend Engineer – my application",
                body=LETTER,
                message_id="<jonas@example.net>",
                attachments=[("Jonas CV.pdf", B.text_pdf(resume), "application/pdf")],
            ),
        )
        with implicit_tls_proxy(srv) as port:
            srv.tls_port = port
            yield srv


def fill(dialog, server, folder: str = FOLDER) -> None:
    dialog.host.setText(server.host)
    dialog.port.setValue(server.tls_port)
    dialog.user.setText(USER)
    dialog.folder.setText(folder)


def test_import_from_mailbox_into_the_job(
    make_window, qtbot, tmp_path, server, file_keyring, monkeypatch
):
    monkeypatch.setenv("SSL_CERT_FILE", str(server.cert))  # the company CA, as it were
    window = job_window(make_window, tmp_path)
    before = server.state(FOLDER)
    window.act_import_mailbox.trigger()
    dialog = window.imports.mailbox_dialog
    assert dialog.isVisible() and dialog.tls.isChecked() and dialog.port.value() == 993
    fill(dialog, server)
    dialog.accept()  # no password typed, none in the keyring: asked for
    assert dialog.isVisible() and "holds no password for recruiter" in dialog.problem.text()
    dialog.password.setText(PASSWORD)
    dialog.remember.setChecked(True)
    report = imported(qtbot, window, dialog.accept)
    assert report.status == "finished" and report.counts() == {"ok": 1}
    assert window.model.rowCount() == 1
    assert window.model.row_at(0).name == "Jonas Okafor"
    assert "1 message(s), 0 imported before, 1 read" in window.statusBar().currentMessage()
    assert json.loads(file_keyring.read_text()) == {
        f"shortlist-imap/{USER}@{server.host}": PASSWORD
    }
    assert server.state(FOLDER) == before, "flags or messages changed on the server"

    # The person pane: the cover letter, as plain text; the address marked as the message's.
    window.select_row(0)
    qtbot.waitUntil(lambda: window.pane.person_id == window.model.row_at(0).person)
    pane = window.pane
    assert pane.tabs.isTabVisible(5) and pane.tabs.tabText(5) == "Cover letter"
    shown = pane.cover_letter.text()
    assert "Jonas Okafor <jonas.okafor@example.net>" in shown
    assert "Backend Engineer – my application" in shown
    assert "I build <b>data</b> pipelines & care about the people on call." in shown
    assert pane.cover_letter.view.isReadOnly()
    assert "from the message" in pane.contact_tab.fields.text()

    # Again, the password from the keyring now: the message is skipped by its Message-ID.
    window.act_import_mailbox.trigger()
    dialog = window.imports.mailbox_dialog
    fill(dialog, server)
    again = imported(qtbot, window, dialog.accept)
    assert again.status == "finished" and len(again.files) == 0
    assert "1 imported before, 0 read" in window.statusBar().currentMessage()
    assert window.store.scalar("SELECT count(*) FROM people") == 1


def test_a_mailbox_that_cannot_be_read_says_why(
    make_window, qtbot, tmp_path, server, file_keyring, monkeypatch
):
    monkeypatch.setenv("SSL_CERT_FILE", str(server.cert))
    window = job_window(make_window, tmp_path)
    window.act_import_mailbox.trigger()
    dialog = window.imports.mailbox_dialog
    fill(dialog, server, folder="Nope")
    dialog.password.setText(PASSWORD)
    dialog.accept()
    qtbot.waitUntil(lambda: window.imports.mailbox_problem is not None, timeout=30_000)
    qtbot.waitUntil(lambda: not window.imports.running, timeout=30_000)
    box = window.imports.mailbox_problem
    assert "Nothing was imported" in box.text() and "no folder 'Nope'" in box.text()
    assert f"imap://{USER}@127.0.0.1:{server.tls_port}/Nope" in box.text()
    assert not window.import_panel.isVisible()
    box.close()
    job_shown(window)
