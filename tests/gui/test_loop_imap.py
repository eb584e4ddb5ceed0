"""File → Read replies from a mailbox (IMAP)… against a real IMAP server on 127.0.0.1: the
address and the password asked in the window, the reply tied, nothing changed on the server."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog

from tests.gui.test_loop import wait_read, world
from tests.imap_server import PASSWORD, USER, imap_server
from tests.test_replies import answer


def test_read_replies_from_a_mailbox(make_window, settings, tmp_path, monkeypatch, qtbot):
    window, ids, sent = world(make_window, settings, tmp_path, monkeypatch)
    (tmp_path / "imap").mkdir()
    with imap_server(tmp_path / "imap") as server:
        monkeypatch.setenv("SSL_CERT_FILE", str(server.cert))  # trust the test server only
        monkeypatch.setattr(
            "review.mailbox.mailbox_password",
            lambda address, ask=None: ask(f"{address.user}@{address.host}") if ask else None,
        )
        server.append(
            "Replies", answer(sent, "ana.quintero@example.org", "Monthly is fine.").as_bytes()
        )
        before = server.state("Replies")
        url = f"imap://{USER}@{server.host}:{server.port}/Replies?security=starttls"
        answers = iter([(url, True), (PASSWORD, True)])
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(answers))
        window.loop.choose_mailbox()
        wait_read(qtbot, window)
        dialog = window.loop.dialog
        line = dialog.list.item(0).text()
        assert "Ana Quintero Bravo (answers our message)" in line and "hear monthly" in line
        assert server.state("Replies") == before
        dialog.close()
    assert ids["ana.txt"] == window.store.scalar("SELECT person_id FROM replies")
