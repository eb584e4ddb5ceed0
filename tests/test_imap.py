"""The mailbox reader against a real IMAP server (pymap) on loopback: TLS, --since,
skipping what was imported, and nothing changed on the server."""

from __future__ import annotations

import ssl
from datetime import UTC, date, datetime

import pytest

from parsing.imap import FetchSummary, MailboxAddress, MailboxError, fetch_messages
from tests import badfiles as B
from tests import formatfiles as FF
from tests.imap_server import PASSWORD, USER, imap_server, implicit_tls_proxy

FOLDER = "Applications"


def _when(y, m, d) -> float:
    return datetime(y, m, d, 12, tzinfo=UTC).timestamp()


MESSAGES = [
    # (Message-ID, arrival, message)
    (
        "<old@example.org>",
        _when(2025, 1, 10),
        FF.eml(
            sender="Amelia Whitfield <amelia@example.org>",
            subject="Old application",
            message_id="<old@example.org>",
            attachments=[("Amelia CV.pdf", B.text_pdf(B.resume_text(0)), "application/pdf")],
        ),
    ),
    (
        "<body@example.net>",
        _when(2026, 3, 1),
        FF.eml(
            sender="Jonas Okafor <jonas.okafor@example.net>",
            subject="My CV",
            message_id="<body@example.net>",
            body=B.resume_text(1, "Jonas Okafor").replace("jonas.okafor1@example.com | ", ""),
        ),
    ),
    (
        "<docx@example.com>",
        _when(2026, 3, 2),
        FF.eml(
            sender="priya@example.com",
            subject="Application – Data Engineer",
            message_id="<docx@example.com>",
            attachments=[
                (
                    "priya.docx",
                    B.docx_resume(2),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                ),
                ("logo.png", B.png_bytes(), "image/png"),
            ],
        ),
    ),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with imap_server(tmp_path_factory.mktemp("imap")) as srv:
        for _, when, message in MESSAGES:
            srv.append(FOLDER, message, when)
        yield srv


def address(server, security="starttls", port=None) -> MailboxAddress:
    return MailboxAddress.parse(
        f"imap://{USER}@{server.host}:{port or server.port}/{FOLDER}?security={security}"
    )


def test_addresses():
    a = MailboxAddress.parse("imap://jobs@acme.example@mail.acme.example/Bewerbungen 2026")
    assert (a.user, a.host, a.port, a.folder, a.security) == (
        "jobs@acme.example",
        "mail.acme.example",
        993,
        "Bewerbungen 2026",
        "tls",
    )
    assert MailboxAddress.parse("imap://u@h:143/INBOX").security == "starttls"
    assert MailboxAddress.parse("imap://u@h").folder == "INBOX"
    for bad in (
        "http://u@h/INBOX",
        "imap://host/INBOX",
        "imap://u@h:99999x/",
        "imap://u@h/?security=rot13",
    ):
        with pytest.raises(MailboxError):
            MailboxAddress.parse(bad)


def test_reads_every_message_over_starttls_and_changes_nothing(server):
    before = server.state(FOLDER)
    summary = FetchSummary()
    fetched = list(
        fetch_messages(address(server), PASSWORD, ssl_context=server.context(), summary=summary)
    )
    assert [m.message_id for m in fetched] == [mid for mid, _, _ in MESSAGES]
    assert [m.data for m in fetched] == [server.state(FOLDER)[m.uid][1] for m in fetched]
    assert summary.found == summary.fetched == 3
    after = server.state(FOLDER)
    assert after == before, "flags or messages changed on the server"
    assert all(b"\\Seen" not in flags for flags, _ in after.values())


def test_since_and_known_message_ids(server):
    summary = FetchSummary()
    fetched = list(
        fetch_messages(
            address(server),
            PASSWORD,
            since=date(2026, 2, 1),
            ssl_context=server.context(),
            known=lambda mid: mid == "<docx@example.com>",
            summary=summary,
        )
    )
    assert [m.message_id for m in fetched] == ["<body@example.net>"]
    assert (summary.found, summary.skipped_known, summary.fetched) == (2, 1, 1)


def test_a_message_over_the_limit_is_named_not_downloaded(server):
    fetched = list(
        fetch_messages(address(server), PASSWORD, ssl_context=server.context(), max_bytes=2000)
    )
    big = [m for m in fetched if m.data is None]
    assert big and all("over the" in m.problem for m in big)
    assert all(m.size > 2000 for m in big)


def test_implicit_tls(server):
    with implicit_tls_proxy(server) as port:
        fetched = list(
            fetch_messages(address(server, "tls", port), PASSWORD, ssl_context=server.context())
        )
    assert len(fetched) == 3


def test_errors_say_what_went_wrong(server):
    with pytest.raises(MailboxError, match="refused the login"):
        list(fetch_messages(address(server), "wrong", ssl_context=server.context()))
    with pytest.raises(MailboxError, match="not trusted"):
        list(fetch_messages(address(server), PASSWORD, ssl_context=ssl.create_default_context()))
    missing = MailboxAddress(USER, server.host, server.port, "Nope", "starttls")
    with pytest.raises(MailboxError, match="no folder 'Nope'"):
        list(fetch_messages(missing, PASSWORD, ssl_context=server.context()))
    closed = MailboxAddress(USER, "127.0.0.1", 1, FOLDER, "tls")
    with pytest.raises(MailboxError, match="cannot connect"):
        list(fetch_messages(closed, PASSWORD, timeout=5))


def test_collect_mailbox_gives_documents_with_their_messages(server, monkeypatch, taxonomy):
    """The function the faces call: keyring password, new messages, documents parsed in workers."""
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1

        def __init__(self):
            super().__init__()
            self.stored = {("shortlist-imap", f"{USER}@{server.host}"): PASSWORD}

        def get_password(self, service, username):
            return self.stored.get((service, username))

        def set_password(self, service, username, password):
            self.stored[(service, username)] = password

        def delete_password(self, service, username):
            self.stored.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        from review.mailbox import collect_mailbox

        url = f"imap://{USER}@{server.host}:{server.port}/{FOLDER}?security=starttls"
        with collect_mailbox(
            url, known=lambda mid: mid == "<old@example.org>", ssl_context=server.context()
        ) as batch:
            assert batch.message_ids == ["<body@example.net>", "<docx@example.com>"]
            results = _parse_all(batch.candidates)
            spool = batch.spool
            assert spool.exists()
        assert not spool.exists(), "the spooled messages are removed"
    finally:
        keyring.set_keyring(previous)
    by_file = {r["file"].split(f"/{FOLDER}/", 1)[1]: r for r in results}
    assert set(by_file) == {f"{uid}.eml" for uid in _uids(server)[1:2]} | {
        f"{_uids(server)[2]}.eml/priya.docx"
    }
    body = by_file[f"{_uids(server)[1]}.eml"]
    assert body["outcome"] == "ok" and body["name"] == "Jonas Okafor"
    assert body["emails"] == ["jonas.okafor@example.net"] and body["from_message"] == ["emails"]
    docx = by_file[f"{_uids(server)[2]}.eml/priya.docx"]
    assert docx["outcome"] == "ok" and docx["message"]["subject"] == "Application – Data Engineer"
    assert docx["from_message"] == []


def _uids(server) -> list[int]:
    return sorted(server.state(FOLDER))


def _parse_all(candidates) -> list[dict]:
    from parsing.batch import ParseJob, Pool, WorkerLimits
    from parsing.mail import apply_message

    jobs = [ParseJob(i, c.source, c.read()) for i, c in enumerate(candidates) if c.problem is None]
    out = []
    with Pool(2, WorkerLimits(ocr=False)) as pool:
        for key, result, _ in pool.run(jobs):
            result["file"] = candidates[key].source
            out.append(apply_message(result, candidates[key].message))
    return out
