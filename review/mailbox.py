"""Import from a mailbox over IMAP: :func:`import_mailbox` is the one function the faces
call (``shortlist import imap://…`` and File → Import from mailbox…).

``collect_mailbox("imap://USER@HOST[:PORT]/FOLDER", since=…, known=…)``
returns the documents of every new message as import candidates, each with
its message (sender, date, subject, body: the cover letter); the importer
stores them as it stores files, and the messages' Message-IDs are remembered
(``mailbox_messages``) so the next import skips them. The password
comes from the OS keyring (service ``shortlist-imap``, user ``USER@HOST``),
like SMTP's; without a keyring the caller's ``ask`` is used once. Messages
whose Message-ID ``known`` recognises are skipped without being downloaded.
Nothing on the server is deleted, moved or marked read.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from parsing import formats
from parsing.collect import Limits, SourceFile, _nothing
from parsing.errors import Outcome
from parsing.imap import FetchSummary, MailboxAddress, MailboxError, fetch_messages
from parsing.mailcollect import add_mail
from review.db import Store, now_iso
from review.importer import Importer, ImportOptions, ImportReport, Write
from review.outbox import keyring_password, store_password

KEYRING_SERVICE = "shortlist-imap"


def keyring_user(address: MailboxAddress) -> str:
    return f"{address.user}@{address.host}"


def remember_password(address: MailboxAddress, password: str) -> str:
    """Keep the mailbox password in the system keyring (raises ``NoSecureKeyring``)."""
    return store_password(keyring_user(address), password, service=KEYRING_SERVICE)


def mailbox_password(
    address: MailboxAddress, ask: Callable[[str], str | None] | None = None
) -> str | None:
    """The mailbox password from the OS keyring; without one (or no keyring), ``ask`` once."""
    return keyring_password(keyring_user(address), ask, service=KEYRING_SERVICE)


@dataclass
class MailboxBatch:
    """The candidates of a mailbox's new messages; the messages wait in a private spool
    folder until :meth:`close` (use as a context manager)."""

    address: MailboxAddress
    spool: Path
    candidates: list[SourceFile] = field(default_factory=list)
    summary: FetchSummary = field(default_factory=FetchSummary)
    message_ids: list[str] = field(
        default_factory=list
    )  # of the messages read, to remember as imported

    def close(self) -> None:
        shutil.rmtree(self.spool, ignore_errors=True)

    def __enter__(self) -> MailboxBatch:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def collect_mailbox(
    url: str,
    *,
    since: date | None = None,
    known: Callable[[str], bool] = lambda message_id: False,
    ask: Callable[[str], str | None] | None = None,
    limits: Limits | None = None,
    ssl_context=None,
    timeout: float = 60.0,
) -> MailboxBatch:
    """The documents of the folder's new messages, ready for the import pipeline.

    Raises :class:`parsing.imap.MailboxError` (a message for the recruiter)
    when there is no password, the server cannot be reached or refuses.
    """
    address = MailboxAddress.parse(url)
    password = mailbox_password(address, ask)
    if password is None:
        raise MailboxError(
            f"no password for {keyring_user(address)}: store it in the system keyring "
            f"(service {KEYRING_SERVICE!r}) or enter it when asked"
        )
    # Messages go to disk as they arrive: a mailbox of any size costs one message of memory.
    batch = MailboxBatch(address, Path(tempfile.mkdtemp(prefix="shortlist-imap-")))
    limits = limits or Limits()
    try:
        for message in fetch_messages(
            address,
            password,
            since=since,
            known=known,
            ssl_context=ssl_context,
            timeout=timeout,
            summary=batch.summary,
        ):
            label = message.label(address)
            if message.message_id:
                batch.message_ids.append(message.message_id)
            if message.data is None:
                batch.candidates.append(
                    SourceFile(
                        label,
                        f"{message.uid}.eml",
                        message.size,
                        _nothing,
                        (Outcome.TOO_LARGE, message.problem or "not downloaded"),
                    )
                )
                continue
            path = batch.spool / f"{message.uid}.eml"
            path.write_bytes(message.data)
            kind = formats.MSG if message.data.startswith(formats.OLE_MAGIC) else formats.EML
            add_mail(
                label,
                kind,
                lambda p=path: p.open("rb"),
                len(message.data),
                batch.candidates,
                limits,
                depth=1,
            )
    except BaseException:
        batch.close()
        raise
    return batch


@dataclass
class MailboxImport:
    """What an import from a mailbox did: the messages (found, skipped, read) and the files."""

    address: MailboxAddress
    summary: FetchSummary
    report: ImportReport
    remembered: int = 0  # Message-IDs kept, so the next import skips them


def imported_message_ids(store: Store) -> set[str]:
    """Messages already imported: read from a mailbox before, or whose cover letter is kept."""
    rows = store.conn.execute(
        "SELECT message_id FROM mailbox_messages UNION "
        "SELECT message_id FROM cover_letters WHERE message_id IS NOT NULL"
    )
    return {r[0] for r in rows}


def import_mailbox(
    url: str,
    write: Write,
    options: ImportOptions,
    *,
    since: date | None = None,
    ask: Callable[[str], str | None] | None = None,
    progress=None,
    cancelled: Callable[[], bool] = lambda: False,
    ssl_context=None,
    timeout: float = 60.0,
) -> MailboxImport:
    """Read the folder's new messages and import their documents as one batch.

    ``write`` runs a function with the store (the window's writer, or ``lambda fn:
    fn(store)``). Raises :class:`MailboxError` (its message names the mailbox and the
    cause). A cancelled import remembers no Message-ID: what it stored is known by its
    bytes, so the next import does not store it twice.
    """
    address = MailboxAddress.parse(url)
    known = write(imported_message_ids)
    try:
        batch = collect_mailbox(
            url,
            since=since,
            known=known.__contains__,
            ask=ask,
            limits=Limits(max_bytes=options.max_bytes),
            ssl_context=ssl_context,
            timeout=timeout,
        )
    except MailboxError as exc:
        raise MailboxError(f"{address}: {exc}") from None
    with batch:
        importer = Importer(None, options, write=write)
        report = importer.run([str(address)], progress, cancelled, candidates=batch.candidates)
    done = MailboxImport(address, batch.summary, report)
    if report.status == "finished" and batch.message_ids:
        stamp = now_iso()
        rows = [(mid, str(address), stamp) for mid in batch.message_ids]

        def remember(store: Store) -> int:
            with store.transaction() as conn:
                return conn.executemany(
                    "INSERT OR IGNORE INTO mailbox_messages (message_id, mailbox, imported_at) "
                    "VALUES (?, ?, ?)",
                    rows,
                ).rowcount

        done.remembered = write(remember)
    return done
