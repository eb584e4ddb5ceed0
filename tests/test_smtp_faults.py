"""Delivery over a real SMTP server (aiosmtpd on 127.0.0.1) and every way it can go wrong.

Each fault ends in a state a reviewer can see and act on: queued for a retry
(transient), failed with the server's reason (permanent), or in doubt (the data
went out but no answer came back) — and the person stays on the list, waiting
for a message, until one is delivered.
"""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest

from review import gate, outbox
from review.db import Store, now_iso
from review.outbox import SMTPTransport
from tests.smtp_server import Script, free_port, smtp_server
from tests.worlds import AUTHOR, build_template, open_world


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return build_template(tmp_path_factory.mktemp("smtp-template"))


@pytest.fixture
def world(template, tmp_path, monkeypatch):
    w = open_world(template, tmp_path / "w", monkeypatch)
    yield w
    w.store.close()


@pytest.fixture
def server():
    with smtp_server() as (handler, port):
        yield handler, port


def smtp(port: int, timeout: float = 5.0, **kwargs) -> SMTPTransport:
    return SMTPTransport("127.0.0.1", port, security="none", timeout=timeout, **kwargs)


def queue(world, name: str = "ana", **changes) -> int:
    return gate.let_go(world.store, world.disposition(name, **changes), AUTHOR, world.settings)


def actions(world, message: int) -> list[str]:
    rows = world.store.conn.execute("SELECT action, detail FROM audit_log ORDER BY id").fetchall()
    return [a for a, d in rows if json.loads(d).get("message") == message]


def test_smtp_delivery_carries_the_stored_message(world, server):
    handler, port = server
    message = queue(world)
    result = outbox.deliver(world.store, message, smtp(port), AUTHOR)
    assert result.state == "delivered", result.detail
    row = world.message(message)
    assert len(handler.received) == 1
    got = handler.received[0]
    assert got.mail_from == "robin@example.com" and got.rcpt_tos == ["ana.lima@example.org"]
    mail = got.message
    assert mail["Message-ID"] == row["message_id"]
    assert mail["From"].addresses[0].addr_spec == "robin@example.com"
    assert mail["From"].addresses[0].display_name == AUTHOR
    assert mail["To"] == "ana.lima@example.org"
    assert mail["Reply-To"] == "robin@example.com"
    assert mail["Subject"] == row["subject"] == "Your application"
    assert mail.get_content().rstrip("\n") == row["body"].rstrip("\n")
    assert row["state"] == "delivered" and row["transport"] == "smtp" and row["attempts"] == 1
    assert json.loads(row["refused"]) == []
    assert world.status("ana") == "let_go"
    assert actions(world, message) == ["letting_go", "let_go"]


def test_a_line_starting_with_a_dot_survives_smtp(world, server):
    """Dot-stuffing: a body line that starts with '.' arrives as written."""
    handler, port = server
    body = world.disposition("ana").body.replace(
        "Warm wishes,", ".NET and Kafka, both worth a look.\n.\nWarm wishes,"
    )
    message = queue(world, body=body)
    assert outbox.deliver(world.store, message, smtp(port), AUTHOR).state == "delivered"
    text = handler.received[0].message.get_content()
    assert "\n.NET and Kafka, both worth a look.\n.\nWarm wishes," in text


FAULTS = [
    # stage, answer, state, kind
    ("mail", "421 4.3.2 Service shutting down, try again later", "queued", "transient"),
    ("rcpt", "451 4.7.1 Greylisted, please try again later", "queued", "transient"),
    ("data", "451 4.3.0 Local error in processing", "queued", "transient"),
    ("rcpt", "550 5.1.1 No such mailbox here", "failed", "permanent"),
    ("data", "552 5.3.4 Message size exceeds fixed limit", "failed", "permanent"),
    ("mail", "553 5.7.1 Sender address rejected", "failed", "permanent"),
]


@pytest.mark.parametrize(
    "stage, answer, state, kind", FAULTS, ids=[f"{s}-{a[:3]}" for s, a, _, _ in FAULTS]
)
def test_server_answers_decide_retry_or_failure(world, server, stage, answer, state, kind):
    handler, port = server
    code = answer[:3]
    if stage == "mail":
        handler.script = Script(mail=answer)
    elif stage == "rcpt":
        handler.script = Script(rcpt={"ana.lima@example.org": answer})
    else:
        handler.script = Script(data=answer)
    message = queue(world)
    started = datetime.now(UTC)
    result = outbox.deliver(world.store, message, smtp(port), AUTHOR)
    row = world.message(message)
    assert result.state == row["state"] == state
    assert row["attempts"] == 1 and code in row["last_error"] and code in result.detail
    assert row["delivered_at"] is None
    if kind == "transient":
        due = datetime.fromisoformat(row["next_attempt_at"])
        assert started + timedelta(seconds=20) <= due <= started + timedelta(seconds=40)
    else:
        assert row["next_attempt_at"] is None
    assert world.status("ana") == "letting_go"  # on the list, visibly waiting for a message
    assert actions(world, message)[-1] == f"message_{state}"
    assert [p["id"] for p in outbox.pending(world.store)] == [message]
    # A message only counts as received when the server said 250 to its data.
    assert handler.answered == ([answer] if stage == "data" else [])


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_a_refused_login_fails_with_the_reason(world):
    with smtp_server(auth=("robin", "right horse battery")) as (handler, port):
        message = queue(world)
        result = outbox.deliver(
            world.store,
            message,
            smtp(port, user="robin", password_provider=lambda u: "wrong"),
            AUTHOR,
        )
        row = world.message(message)
        assert result.state == row["state"] == "failed"
        assert "the SMTP server refused the login (535" in row["last_error"]
        assert set(handler.logins) == {("robin", "wrong")} and handler.received == []
        assert world.status("ana") == "letting_go"
        # No password at all: failed too, and asking for it is the fix.
        result = outbox.deliver(
            world.store, message, smtp(port, user="robin", password_provider=lambda u: None), AUTHOR
        )
        assert result.state == "failed" and "no SMTP password for robin" in result.detail
        # The right password delivers the same message (failed messages may be retried by choice).
        result = outbox.deliver(
            world.store,
            message,
            smtp(port, user="robin", password_provider=lambda u: "right horse battery"),
            AUTHOR,
        )
        assert result.state == "delivered" and len(handler.received) == 1
        assert world.status("ana") == "let_go" and world.message(message)["attempts"] == 3


def test_a_421_to_quit_after_the_250_is_still_delivered(world, server):
    """Accepted means a 250 after DATA (RFC 5321 §4.1.1.4). A server shutting down may answer
    QUIT with 421 (§3.8); the message is already in its hands and must not be queued again."""
    handler, port = server
    handler.script = Script(quit="421 4.3.2 Service shutting down")
    message = queue(world)
    result = outbox.deliver(world.store, message, smtp(port), AUTHOR)
    assert handler.answered == ["250 Message accepted for delivery"] and len(handler.received) == 1
    assert result.state == world.message(message)["state"] == "delivered", result.detail
    assert world.status("ana") == "let_go"
    outbox.retry_due(world.store, smtp(port), AUTHOR, now=datetime(2999, 1, 1, tzinfo=UTC))
    assert len(handler.received) == 1, "an accepted message was sent again"


def test_connection_refused_is_transient(world):
    message = queue(world)
    result = outbox.deliver(world.store, message, smtp(free_port()), AUTHOR)
    row = world.message(message)
    assert result.state == row["state"] == "queued"
    assert "cannot connect to 127.0.0.1" in row["last_error"] and row["next_attempt_at"]
    assert row["attempts"] == 1 and world.status("ana") == "letting_go"


def test_a_250_after_the_timeout_is_in_doubt_and_a_resend_keeps_the_message_id(world, server):
    handler, port = server
    handler.script = Script(data_delay=3.0)
    message = queue(world)
    result = outbox.deliver(world.store, message, smtp(port, timeout=1.0), AUTHOR)
    row = world.message(message)
    assert result.state == row["state"] == "in_doubt", result.detail
    assert "after the message was sent" in row["last_error"]
    assert handler.data_arrived.wait(5) and len(handler.received) == 1  # it did arrive
    assert world.status("ana") == "letting_go"
    # Never resent behind the reviewer's back: not by deliver, not by retry_due.
    assert (
        outbox.deliver(world.store, message, smtp(port), AUTHOR).detail
        == "not sent: in doubt — resend only by choice"
    )
    assert (
        outbox.retry_due(world.store, smtp(port), AUTHOR, now=datetime.now(UTC) + timedelta(days=1))
        == []
    )
    assert len(handler.received) == 1
    # The reviewer chooses to send again: same Message-ID, so mail systems can tell the copies
    # apart.
    handler.script = Script()
    result = outbox.deliver(world.store, message, smtp(port), AUTHOR, resend=True)
    assert result.state == "delivered"
    assert handler.by_message_id() == {row["message_id"]: 2}
    assert world.status("ana") == "let_go" and world.message(message)["attempts"] == 2
    assert actions(world, message) == ["letting_go", "message_in_doubt", "message_resent", "let_go"]


def test_one_refused_recipient_of_two_is_recorded_and_the_other_gets_it(world, server):
    handler, port = server
    both = world.emails["bo"]
    handler.script = Script(rcpt={both[1]: "550 5.1.1 Mailbox unavailable"})
    message = queue(world, "bo", recipients=list(both))
    result = outbox.deliver(world.store, message, smtp(port), AUTHOR)
    row = world.message(message)
    assert result.state == row["state"] == "delivered"
    assert json.loads(row["refused"]) == [f"{both[1]} (550 5.1.1 Mailbox unavailable)"]
    assert "refused: bo.private@example.com (550" in result.detail
    assert len(handler.received) == 1 and handler.received[0].rcpt_tos == [both[0]]
    assert handler.received[0].message["To"] == ", ".join(both)
    assert world.status("bo") == "let_go"


def test_both_recipients_refused_is_a_failure(world, server):
    handler, port = server
    both = world.emails["bo"]
    handler.script = Script(rcpt=dict.fromkeys(both, "550 5.1.1 Mailbox unavailable"))
    message = queue(world, "bo", recipients=list(both))
    result = outbox.deliver(world.store, message, smtp(port), AUTHOR)
    assert result.state == "failed" and "550" in result.detail
    assert handler.received == [] and world.status("bo") == "letting_go"


def test_retry_due_delivers_a_queued_message_once_it_is_due(world, server):
    handler, port = server
    message = queue(world)
    assert outbox.deliver(world.store, message, smtp(free_port()), AUTHOR).state == "queued"
    assert outbox.retry_due(world.store, smtp(port), AUTHOR) == []  # not due yet: backoff
    assert handler.received == []
    results = outbox.retry_due(
        world.store, smtp(port), AUTHOR, now=datetime(2999, 1, 1, tzinfo=UTC)
    )
    assert [(r.message, r.state) for r in results] == [(message, "delivered")]
    assert (
        outbox.retry_due(world.store, smtp(port), AUTHOR, now=datetime(2999, 1, 1, tzinfo=UTC))
        == []
    )
    assert handler.by_message_id() == {world.message(message)["message_id"]: 1}
    row = world.message(message)
    assert row["attempts"] == 2 and row["last_error"] is None and row["state"] == "delivered"
    assert world.status("ana") == "let_go"


class PausingStore(Store):
    """A second connection whose next write transaction waits for a signal: another app, scheduled
    later."""

    def __init__(self, path, reached: threading.Event, go: threading.Event):
        self.reached, self.go, self.pause = reached, go, False
        super().__init__(path)
        self.pause = True

    @contextmanager
    def transaction(self):
        if self.pause:
            self.pause = False
            self.reached.set()
            assert self.go.wait(10)
        with super().transaction() as conn:
            yield conn


def test_two_senders_at_once_never_send_the_same_message_twice(world, server):
    """The app's background retry and ``shortlist outbox --retry`` may pick the same queued message.

    Whoever comes second must find it taken (sending or delivered), not send it again.
    """
    handler, port = server
    message = queue(world)
    reached, go = threading.Event(), threading.Event()
    other = PausingStore(world.store.path, reached, go)
    results = {}
    thread = threading.Thread(
        target=lambda: results.update(other=outbox.deliver(other, message, smtp(port), "app"))
    )
    thread.start()
    try:
        assert reached.wait(10)  # the other sender has read the message as queued
        results["cli"] = outbox.deliver(world.store, message, smtp(port), AUTHOR)
    finally:
        go.set()
        thread.join(15)
        other.close()
    assert results["cli"].state == "delivered"
    assert handler.by_message_id() == {world.message(message)["message_id"]: 1}, (
        "the message went out twice"
    )
    assert results["other"].detail == "not sent: already delivered"
    assert world.status("ana") == "let_go"


# --- red team (issue 13, item 4): an address Word autocorrected, and transports that raise --------

CURLY = "ana’lima@example.org"  # Word's typographic apostrophe, typed as '


def _autocorrected(world) -> None:
    """Ana's address as a word processor left it (the parse-time repair is another layer's job)."""
    world.store.conn.execute(
        "UPDATE people SET emails = ? WHERE id = ?", (json.dumps([CURLY]), world.people["ana"])
    )


def test_attack_an_autocorrected_address_fails_permanently_where_the_server_has_no_smtputf8(
    world, server
):
    """No UnicodeEncodeError, nothing left 'sending', no 'in doubt': failed, with a reason a
    recruiter reads."""
    handler, port = server
    _autocorrected(world)
    message = queue(world)
    result = outbox.deliver(world.store, message, smtp(port), AUTHOR)
    assert result.state == "failed"
    row = world.message(message)
    assert row["state"] == "failed" and row["data_started_at"] is None
    assert CURLY in row["last_error"] and "’" in row["last_error"]
    assert "does not accept international addresses" in row["last_error"]
    assert "word processor" in row["last_error"]
    assert handler.received == []
    assert world.status("ana") == "letting_go"
    # The next start finds nothing half-sent; a retry fails the same clear way (no traceback).
    assert outbox.recover(world.store, smtp(port), AUTHOR) == []
    again = outbox.deliver(world.store, message, smtp(port), AUTHOR)
    assert again.state == "failed" and "’" in again.detail
    assert actions(world, message) == ["letting_go", "message_failed", "message_failed"]


def test_an_autocorrected_address_goes_out_with_smtputf8_when_the_server_offers_it():
    with smtp_server(utf8=True) as (handler, port):
        out = outbox.Outgoing(
            "<utf8@example.com>",
            "Robin Reviewer",
            "robin@example.com",
            "robin@example.com",
            [CURLY],
            "Your application",
            "Hi Ana,\n\nThank you.\n",
            "2026-11-01T10:00:00+00:00",
        )
        sent = smtp(port).send(out)
        assert sent.answer.startswith("250") and sent.refused == []
        got = handler.received[0]
        assert got.rcpt_tos == [CURLY] and "SMTPUTF8" in got.mail_options
        assert (
            f"To: {CURLY}\r\n".encode() in got.content
        )  # RFC 6532: the header in UTF-8, not mangled


class Raising:
    """A transport with a bug: it raises something else than a DeliveryError, before or after
    the data."""

    name = "outbox"

    def __init__(self, after_data: bool):
        self.after_data = after_data

    def describe(self) -> str:
        return "a transport that raises"

    def already_delivered(self, message_id: str) -> bool:
        return False

    def send(self, out, on_data=None):
        if self.after_data:
            on_data()
            raise RuntimeError("the line went down mid-message")
        raise UnicodeEncodeError("ascii", "’", 0, 1, "ordinal not in range(128)")


@pytest.mark.parametrize("after_data, state", [(False, "failed"), (True, "in_doubt")])
def test_attack_any_exception_a_transport_raises_is_caught_and_classified(world, after_data, state):
    message = queue(world)
    result = outbox.deliver(world.store, message, Raising(after_data), AUTHOR)  # never raises
    assert result.state == state
    row = world.message(message)
    assert row["state"] == state and row["last_error"]
    assert ("before it was sent" in row["last_error"]) != after_data
    assert world.status("ana") == "letting_go"


def test_attack_a_send_stopped_before_its_data_left_is_queued_again_never_in_doubt(world, server):
    """A crash while connecting, logging in or naming recipients: it cannot have arrived."""
    handler, port = server
    message = queue(world)
    dead = 2**22 + 12345  # above the default pid_max: no live process has it
    world.store.conn.execute(
        "UPDATE messages SET state = 'sending', transport = 'smtp', sending_pid = ?, "
        "sending_at = ? WHERE id = ?",
        (dead, datetime.now(UTC).isoformat(), message),
    )
    [result] = outbox.recover(world.store, smtp(port), AUTHOR)
    assert result.state == "queued" and "before this message was sent" in result.detail
    assert outbox.retry_due(world.store, smtp(port), AUTHOR)[0].state == "delivered"
    assert handler.by_message_id() == {world.message(message)["message_id"]: 1}
    # Once its data had started to leave, the same crash is in doubt: it may have arrived.
    other = queue(world, "eli")
    world.store.conn.execute(
        "UPDATE messages SET state = 'sending', transport = 'smtp', sending_pid = ?, "
        "sending_at = ?, "
        "data_started_at = ? WHERE id = ?",
        (dead, now_iso(), now_iso(), other),
    )
    [result] = outbox.recover(world.store, smtp(port), AUTHOR)
    assert result.state == "in_doubt"


def test_a_smtp_delivery_records_the_servers_answer(world, server):
    handler, port = server
    handler.script.data = "250 2.0.0 Ok: queued as 4Xk9"
    message = queue(world)
    assert outbox.deliver(world.store, message, smtp(port), AUTHOR).state == "delivered"
    row = world.message(message)
    assert row["answer"] == "250 2.0.0 Ok: queued as 4Xk9" and row["data_started_at"]
