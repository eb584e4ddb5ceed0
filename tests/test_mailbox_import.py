"""`shortlist import imap://USER@HOST[:PORT]/FOLDER [--since DATE]` through its entry point,
against a real IMAP server (pymap) on loopback behind implicit TLS, as a mailbox on port
993 is: the password from the keyring, messages imported once, nothing changed on the
server, the cover letter kept and shown, and every failure one sentence naming the mailbox."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests import badfiles as B
from tests import formatfiles as FF
from tests.imap_server import PASSWORD, USER, imap_server, implicit_tls_proxy
from tests.test_cli_attacks import REPO, SHORTLIST, one_sentence, settings_file

FOLDER = "Bewerbungen"
LETTER = "Dear team,\nI would love to join <Acme> & build data pipelines.\nKind regards,\nPriya"


def _when(y, m, d) -> float:
    return datetime(y, m, d, 12, tzinfo=UTC).timestamp()


def messages() -> list[tuple[float, bytes]]:
    return [
        (
            _when(2025, 1, 10),
            FF.eml(
                sender="Amelia Whitfield <amelia@example.org>",
                subject="Old application",
                message_id="<old@example.org>",
                attachments=[("Amelia CV.pdf", B.text_pdf(B.resume_text(0)), "application/pdf")],
            ),
        ),
        (
            _when(2026, 3, 2),
            FF.eml(
                sender="Priya Raman <priya.raman@example.com>",
                subject="Application – Data Engineer",
                body=LETTER,
                message_id="<priya@example.com>",
                # Her resume gives no address: the sender's stands in, marked as such.
                attachments=[
                    (
                        "priya.pdf",
                        B.text_pdf(
                            B.resume_text(2, "Priya Raman").replace("priya.raman2@example.com", "")
                        ),
                        "application/pdf",
                    )
                ],
            ),
        ),
    ]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with imap_server(tmp_path_factory.mktemp("imap")) as srv:
        for when, message in messages():
            srv.append(FOLDER, message, when)
        with implicit_tls_proxy(srv) as tls_port:
            srv.tls_port = tls_port
            yield srv


def run(folder: Path, server, *args: str, trusted: bool = True) -> subprocess.CompletedProcess:
    """The entry point; ``trusted=False``: the system's trust only (a self-signed server fails)."""
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(folder),
        "PYTHONPATH": str(REPO),
        "SHORTLIST_CONFIG": str(folder / "settings.json"),
        "PYTHON_KEYRING_BACKEND": "tests.keyring_backend.FileKeyring",
        "SHORTLIST_TEST_KEYRING": str(folder / "keyring.json"),
        # The test server's certificate is the one the client trusts (as a company CA would be).
        "SSL_CERT_FILE": str(server.cert) if trusted else "/nonexistent",
        "QT_QPA_PLATFORM": "offscreen",
    }
    db = str(folder / "s.db")
    return subprocess.run(
        [str(SHORTLIST), "--db", db, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )


def keyring(folder: Path, server, password: str) -> None:
    data = {f"shortlist-imap/{USER}@{server.host}": password}
    (folder / "keyring.json").write_text(json.dumps(data))


def url(server, folder: str = FOLDER, port: int | None = None) -> str:
    return f"imap://{USER}@{server.host}:{port or server.tls_port}/{folder}"


@pytest.fixture
def home(tmp_path, server):
    settings_file(tmp_path)
    keyring(tmp_path, server, PASSWORD)
    job = tmp_path / "job.toml"
    job.write_text('title = "Data Engineer"\n\n[[criteria]]\nname = "Python"\nweight = 3\n')
    done = run(tmp_path, server, "job", "add", str(job))
    assert done.returncode == 0, done.stderr
    return tmp_path


def test_imports_new_messages_once_keeps_the_cover_letter_and_changes_nothing(home, server):
    before = server.state(FOLDER)
    done = run(home, server, "import", url(server), "--since", "2026-01-01", "--job", "1")
    assert done.returncode == 0, done.stderr
    assert f"{url(server)}: 1 message(s) since 2026-01-01, 0 imported before" in done.stdout
    assert "nothing was changed on the server" in done.stdout
    assert "People from this import: 1" in done.stdout
    db = sqlite3.connect(home / "s.db")
    (name, emails) = db.execute("SELECT name, emails FROM people").fetchone()
    assert name == "Priya Raman" and json.loads(emails) == ["priya.raman@example.com"]
    letter = db.execute(
        "SELECT sender, sender_name, subject, body, application_id FROM cover_letters"
    ).fetchone()
    assert letter[:3] == ("priya.raman@example.com", "Priya Raman", "Application – Data Engineer")
    assert letter[3].strip() == LETTER and letter[4] == 1  # with her application
    assert server.state(FOLDER) == before, "flags or messages changed on the server"

    # Again, without --since: the old message is new, hers is skipped by its Message-ID.
    again = run(home, server, "import", url(server), "--job", "1")
    assert again.returncode == 0, again.stderr
    assert "2 message(s), 1 imported before (skipped), 1 read" in again.stdout
    assert db.execute("SELECT count(*) FROM people").fetchone()[0] == 2
    assert db.execute("SELECT count(*) FROM cover_letters").fetchone()[0] == 2
    third = run(home, server, "import", url(server), "--job", "1")
    assert "2 message(s), 2 imported before (skipped), 0 read" in third.stdout
    assert db.execute("SELECT count(*) FROM people").fetchone()[0] == 2

    shown = run(home, server, "person", "show", "Priya Raman")
    assert shown.returncode == 0, shown.stderr
    assert "priya.raman@example.com   [from the message]" in shown.stdout
    assert "Cover letter (with the application for Data Engineer)" in shown.stdout
    assert "From     Priya Raman <priya.raman@example.com>" in shown.stdout
    assert "  | I would love to join <Acme> & build data pipelines." in shown.stdout
    as_json = json.loads(run(home, server, "person", "show", "Priya Raman", "--json").stdout)
    assert as_json["fields"]["emails"]["from_message"] is True
    assert as_json["fields"]["name"]["from_message"] is False
    assert as_json["cover_letters"][0]["body"].strip() == LETTER

    # Their data, their say: the export carries the letter; erasing them removes it.
    out = home / "export"
    person_id = str(as_json["person"])
    done = run(home, server, "person", "export", person_id, "--out", str(out))
    assert done.returncode == 0, done.stderr
    exported = json.loads((out / f"person-{person_id}" / "person.json").read_text())
    assert exported["cover_letters"][0]["subject"] == "Application – Data Engineer"
    erased = run(home, server, "person", "erase", person_id, "--yes")
    assert erased.returncode == 0, erased.stderr
    assert db.execute("SELECT count(*) FROM cover_letters").fetchone()[0] == 1
    assert not db.execute("SELECT 1 FROM cover_letters WHERE body LIKE '%pipelines%'").fetchall()


@pytest.mark.parametrize(
    "case, expected",
    [
        ("wrong password", "the server refused the login of recruiter"),
        ("no password", "no password for recruiter@127.0.0.1"),
        ("missing folder", "there is no folder 'Nope'"),
        ("unreachable", "cannot connect to 127.0.0.1:1"),
        ("bad url", "names no user"),
        ("untrusted", "is not trusted"),
    ],
)
def test_errors_name_the_mailbox_and_the_cause(home, server, case, expected):
    address = url(server)
    if case == "wrong password":
        keyring(home, server, "not-it")
    elif case == "no password":
        (home / "keyring.json").unlink()
    elif case == "missing folder":
        address = url(server, "Nope")
    elif case == "unreachable":
        address = url(server, port=1)
    elif case == "bad url":
        address = f"imap://{server.host}:{server.tls_port}/{FOLDER}"
    done = run(home, server, "import", address, trusted=case != "untrusted")
    assert done.returncode == 1
    sentence = one_sentence(done)
    assert expected in sentence
    if case != "bad url":
        assert sentence.startswith(f"shortlist: imap://{USER}@127.0.0.1:")
        assert ("/Nope" if case == "missing folder" else f"/{FOLDER}") in sentence
    assert not (home / "s.db").exists() or _people(home) == 0


def _people(home: Path) -> int:
    return sqlite3.connect(home / "s.db").execute("SELECT count(*) FROM people").fetchone()[0]


def test_since_needs_a_mailbox_and_a_date(home, server):
    done = run(home, server, "import", str(home), "--since", "2026-01-01")
    assert done.returncode == 1 and "--since is for a mailbox" in one_sentence(done)
    done = run(home, server, "import", url(server), "--since", "yesterday")
    assert done.returncode == 2 and "'yesterday' is not a date (YYYY-MM-DD)" in done.stderr
