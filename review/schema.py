"""Schema migrations, in order. A step is SQL or a function taking the Store.

Never edit a released step: add a new one. The table ``applications`` (one
row per person per job, with ``status``) is a contract with outside tools.
"""

from __future__ import annotations

V1 = """
-- One row per distinct file content (sha256): the same bytes twice are one document.
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    kind TEXT,                      -- pdf, docx, odt, rtf, text; NULL if not recognised
    original_name TEXT NOT NULL,
    stored_path TEXT,               -- inside the file store, relative
    outcome TEXT NOT NULL,          -- ok or a problem outcome (see parsing.errors.Outcome)
    error TEXT,
    text TEXT,
    pages INTEGER,
    text_chars INTEGER NOT NULL DEFAULT 0,
    fields TEXT NOT NULL DEFAULT '{}',   -- JSON: parsed fields and section spans
    parse_ms REAL,
    imported_at TEXT NOT NULL
);

CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL UNIQUE REFERENCES documents(id),
    name TEXT,
    emails TEXT NOT NULL DEFAULT '[]',
    phones TEXT NOT NULL DEFAULT '[]',
    links TEXT NOT NULL DEFAULT '[]',
    location TEXT,
    title TEXT,
    years_experience REAL,
    skills TEXT NOT NULL DEFAULT '[]',
    education TEXT NOT NULL DEFAULT '[]',
    name_key TEXT,                  -- folded last name, to find possible duplicates fast
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX people_name_key ON people(name_key);

-- Emails and phones, one per row, to spot the same person arriving twice.
CREATE TABLE contact_points (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('email', 'phone')),
    value TEXT NOT NULL,
    PRIMARY KEY (person_id, kind, value)
);
CREATE INDEX contact_points_value ON contact_points(kind, value);

-- Never merged silently: a human confirms or keeps apart.
CREATE TABLE duplicate_suggestions (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    other_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'suggested'
        CHECK (status IN ('suggested', 'same_person', 'different_people')),
    created_at TEXT NOT NULL,
    decided_at TEXT,
    decided_by TEXT,
    UNIQUE (person_id, other_id),
    CHECK (person_id <> other_id)
);

-- Where each skill of the taxonomy was found, built by the parse workers, so
-- matching a new job over thousands of people never re-reads their text.
CREATE TABLE skill_hits (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    skill TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    similarity INTEGER NOT NULL,
    flag TEXT,                      -- NULL: counts; 'negated' ("no experience with X");
                                    -- 'ordinary_word' ("go the extra mile"): shown, never scored
    section TEXT,
    year INTEGER                    -- last year of the dated entry it sits in, for recency
);
CREATE INDEX skill_hits_skill ON skill_hits(skill);
CREATE INDEX skill_hits_person ON skill_hits(person_id);

CREATE TABLE import_runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL DEFAULT 'running'
        CHECK (status IN ('running', 'finished', 'cancelled', 'interrupted')),
    sources TEXT NOT NULL DEFAULT '[]',
    job_id INTEGER REFERENCES jobs(id),
    total INTEGER NOT NULL DEFAULT 0
);

-- Every file of every import has an outcome.
CREATE TABLE import_files (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES import_runs(id),
    source TEXT NOT NULL,
    name TEXT NOT NULL,
    size INTEGER,
    sha256 TEXT,
    outcome TEXT NOT NULL,
    error TEXT,
    document_id INTEGER REFERENCES documents(id),
    person_id INTEGER REFERENCES people(id),
    duplicate_of_document INTEGER NOT NULL DEFAULT 0,  -- 1: the same bytes were already stored
    seconds REAL,
    created_at TEXT NOT NULL,
    UNIQUE (run_id, source)
);
CREATE INDEX import_files_sha ON import_files(sha256);

CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    spec TEXT NOT NULL DEFAULT '{}',      -- JSON: criteria, min_years, location, remote...
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- People and jobs meet here: one row per person per job.
CREATE TABLE applications (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id),
    job_id INTEGER NOT NULL REFERENCES jobs(id),
    status TEXT NOT NULL DEFAULT 'new',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (person_id, job_id)
);
CREATE INDEX applications_job_status ON applications(job_id, status);

-- Who did what, when: every status change, note and message.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    person_id INTEGER,
    job_id INTEGER,
    application_id INTEGER,
    detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_person ON audit_log(person_id);
"""

# Search as you type, and the phrases of custom criteria. Filled at the end of
# each import (cheaper than triggers during it) and repaired by
# review.search.sync_search_index if an import was interrupted.
V2 = """
CREATE VIRTUAL TABLE people_fts USING fts5(
    name, title, skills, text, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE people_fts_vocab USING fts5vocab(people_fts, 'row');
"""

# The review desk: blind review per job, and notes about people as people.
V3 = """
ALTER TABLE jobs ADD COLUMN blind INTEGER NOT NULL DEFAULT 0;

CREATE TABLE relationship_notes (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    author TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX relationship_notes_person ON relationship_notes(person_id);
"""

# The humane gate: person-first notes, disposition messages and their
# delivery, contact preferences — and triggers so that no path, raw SQL
# included, lets someone go without a note and a delivered message.
V4 = """
ALTER TABLE applications ADD COLUMN previous_status TEXT;

CREATE TABLE contact_preferences (
    person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    channel TEXT NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'phone', 'none')),
    frequency TEXT NOT NULL DEFAULT 'matching_roles'
        CHECK (frequency IN ('never', 'matching_roles', 'monthly', 'quarterly')),
    topics TEXT NOT NULL DEFAULT '[]',
    consent INTEGER NOT NULL DEFAULT 0,     -- agreed to stay in touch (the talent pool)
    consent_date TEXT,
    consent_source TEXT,
    updated_at TEXT NOT NULL
);

CREATE TABLE disposition_notes (
    id INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    job_id INTEGER NOT NULL REFERENCES jobs(id),
    kind TEXT NOT NULL DEFAULT 'let_go' CHECK (kind IN ('let_go', 'withdrawn')),
    brings TEXT NOT NULL,
    why_not TEXT NOT NULL,
    author TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX disposition_notes_application ON disposition_notes(application_id);
CREATE INDEX disposition_notes_author ON disposition_notes(author);

CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    message_id TEXT NOT NULL UNIQUE,        -- RFC 5322 Message-ID: the same on every retry
    person_id INTEGER NOT NULL REFERENCES people(id),
    kind TEXT NOT NULL DEFAULT 'let_go',
    channel TEXT NOT NULL CHECK (channel IN ('email', 'phone', 'none')),
    recipients TEXT NOT NULL DEFAULT '[]',
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    sender_name TEXT NOT NULL,
    sender_email TEXT NOT NULL,
    reply_to TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued'
        CHECK (state IN ('queued', 'sending', 'delivered', 'failed', 'in_doubt', 'call_pending', 'kept')),
    transport TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    refused TEXT NOT NULL DEFAULT '[]',     -- recipients the server refused (the others got it)
    next_attempt_at TEXT,
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    delivered_at TEXT
);
CREATE INDEX messages_state ON messages(state);

CREATE TABLE message_applications (
    message_id INTEGER NOT NULL REFERENCES messages(id),
    application_id INTEGER NOT NULL REFERENCES applications(id),
    PRIMARY KEY (message_id, application_id)
);

-- A message is born queued; it becomes delivered only with a time and a transport.
CREATE TRIGGER messages_born_queued BEFORE INSERT ON messages
WHEN NEW.state NOT IN ('queued', 'call_pending', 'kept')
BEGIN
    SELECT RAISE(ABORT, 'a message starts queued: it becomes delivered only when a transport delivers it');
END;

CREATE TRIGGER messages_kept_only_when_asked BEFORE INSERT ON messages
WHEN NEW.state = 'kept' AND NOT EXISTS (
    SELECT 1 FROM contact_preferences p WHERE p.person_id = NEW.person_id AND p.channel = 'none'
)
BEGIN
    SELECT RAISE(ABORT, 'a message is kept unsent only for a person who asked not to be contacted');
END;

CREATE TRIGGER messages_delivered_honestly BEFORE UPDATE OF state ON messages
WHEN NEW.state = 'delivered' AND (NEW.delivered_at IS NULL OR NEW.transport IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'a delivered message needs the time and the transport that delivered it');
END;

CREATE TRIGGER applications_not_born_gone BEFORE INSERT ON applications
WHEN NEW.status IN ('letting_go', 'let_go')
BEGIN
    SELECT RAISE(ABORT, 'nobody is let go without a person-first note and a message: use the gate');
END;

CREATE TRIGGER applications_letting_go_needs_note BEFORE UPDATE OF status ON applications
WHEN NEW.status = 'letting_go' AND OLD.status <> 'letting_go' AND (
    NOT EXISTS (SELECT 1 FROM disposition_notes n WHERE n.application_id = NEW.id AND n.kind = 'let_go')
    OR NOT EXISTS (SELECT 1 FROM message_applications ma WHERE ma.application_id = NEW.id)
)
BEGIN
    SELECT RAISE(ABORT, 'letting someone go needs their person-first note and a queued message');
END;

CREATE TRIGGER applications_let_go_needs_note_and_delivery BEFORE UPDATE OF status ON applications
WHEN NEW.status = 'let_go' AND OLD.status <> 'let_go' AND (
    NOT EXISTS (
        SELECT 1 FROM disposition_notes n
        WHERE n.application_id = NEW.id AND n.kind = 'let_go'
          -- at least 12 words about what they bring and 6 about why not (words: spaces + 1)
          AND length(trim(n.brings)) - length(replace(trim(n.brings), ' ', '')) >= 11
          AND length(trim(n.why_not)) - length(replace(trim(n.why_not), ' ', '')) >= 5
    )
    OR NOT EXISTS (
        SELECT 1 FROM message_applications ma JOIN messages m ON m.id = ma.message_id
        WHERE ma.application_id = NEW.id AND m.state IN ('delivered', 'kept') AND m.delivered_at IS NOT NULL
    )
)
BEGIN
    SELECT RAISE(ABORT, 'let_go needs a valid person-first note and a delivered message for this application');
END;
"""

# Hiring managers and the long relationship: what the reviewer says a person
# brings (for exports), a manager's answers (suggestions, never decisions),
# and follow-ups.
V5 = """
ALTER TABLE applications ADD COLUMN brings TEXT;
ALTER TABLE applications ADD COLUMN manager_decision TEXT
    CHECK (manager_decision IS NULL OR manager_decision IN ('yes', 'maybe', 'no'));
ALTER TABLE applications ADD COLUMN manager_comment TEXT;
ALTER TABLE applications ADD COLUMN manager_decided_at TEXT;

CREATE TABLE followups (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    job_id INTEGER REFERENCES jobs(id),
    kind TEXT NOT NULL CHECK (kind IN ('check_in', 'keep_in_touch')),
    title TEXT NOT NULL,
    due_at TEXT NOT NULL,
    snoozed_until TEXT,
    done_at TEXT,
    done_by TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX followups_due ON followups(done_at, due_at);
"""

# Synonyms a recruiter adds to a taxonomy skill for every job ("Postgres DBA"
# for PostgreSQL): found in the text of people already stored as phrases.
V6 = """
CREATE TABLE skill_synonyms (
    skill TEXT NOT NULL,
    alias TEXT NOT NULL,
    added_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (skill, alias)
);
"""

# The gate, tightened after fault tests:
# - a note and a message count only for the current decision: restoring a
#   person supersedes them, so an old delivery cannot let them go again;
# - a message becomes 'kept' (unsent, by their wish) only when inserted so by
#   the gate, never by a later update;
# - a send in progress records its process, so recovery after a crash does
#   not mistake another process's send for an interrupted one.
V7 = """
ALTER TABLE disposition_notes ADD COLUMN superseded INTEGER NOT NULL DEFAULT 0;
ALTER TABLE message_applications ADD COLUMN superseded INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN sending_pid INTEGER;
ALTER TABLE messages ADD COLUMN sending_at TEXT;

CREATE TRIGGER messages_never_updated_to_kept BEFORE UPDATE OF state ON messages
WHEN NEW.state = 'kept' AND OLD.state <> 'kept'
BEGIN
    SELECT RAISE(ABORT, 'a message is kept unsent only when the gate records it so, for a person who asked');
END;

CREATE TRIGGER disposition_notes_stay_superseded BEFORE UPDATE OF superseded ON disposition_notes
WHEN OLD.superseded = 1 AND NEW.superseded = 0
BEGIN
    SELECT RAISE(ABORT, 'a note from an earlier decision cannot be reused');
END;

CREATE TRIGGER message_links_stay_superseded BEFORE UPDATE OF superseded ON message_applications
WHEN OLD.superseded = 1 AND NEW.superseded = 0
BEGIN
    SELECT RAISE(ABORT, 'a message from an earlier decision cannot be reused');
END;

DROP TRIGGER applications_letting_go_needs_note;
CREATE TRIGGER applications_letting_go_needs_note BEFORE UPDATE OF status ON applications
WHEN NEW.status = 'letting_go' AND OLD.status <> 'letting_go' AND (
    NOT EXISTS (SELECT 1 FROM disposition_notes n
                WHERE n.application_id = NEW.id AND n.kind = 'let_go' AND n.superseded = 0)
    OR NOT EXISTS (SELECT 1 FROM message_applications ma WHERE ma.application_id = NEW.id AND ma.superseded = 0)
)
BEGIN
    SELECT RAISE(ABORT, 'letting someone go needs their person-first note and a queued message');
END;

DROP TRIGGER applications_let_go_needs_note_and_delivery;
CREATE TRIGGER applications_let_go_needs_note_and_delivery BEFORE UPDATE OF status ON applications
WHEN NEW.status = 'let_go' AND OLD.status <> 'let_go' AND (
    NOT EXISTS (
        SELECT 1 FROM disposition_notes n
        WHERE n.application_id = NEW.id AND n.kind = 'let_go' AND n.superseded = 0
          -- at least 12 words about what they bring and 6 about why not (words: spaces + 1)
          AND length(trim(n.brings)) - length(replace(trim(n.brings), ' ', '')) >= 11
          AND length(trim(n.why_not)) - length(replace(trim(n.why_not), ' ', '')) >= 5
    )
    OR NOT EXISTS (
        SELECT 1 FROM message_applications ma JOIN messages m ON m.id = ma.message_id
        WHERE ma.application_id = NEW.id AND ma.superseded = 0
          AND m.state IN ('delivered', 'kept') AND m.delivered_at IS NOT NULL
    )
)
BEGIN
    SELECT RAISE(ABORT, 'let_go needs a valid person-first note and a delivered message for this application');
END;
"""


def _v8_skill_aggs(store) -> None:
    """One row per person and skill, summed up at import: a job's skills load without a GROUP BY.

    Filled here from the stored hits, with the same arithmetic as
    parsing.matching.aggregate (its section factors), for databases made before.
    """
    from parsing.matching import BREADTH_BONUS, OTHER_SECTION, SECTION_FACTOR

    factor = (
        "CASE coalesce(section, '') "
        + " ".join(f"WHEN '{name}' THEN {value}" for name, value in SECTION_FACTOR.items())
        + f" ELSE {OTHER_SECTION} END"
    )
    conn = store.conn
    conn.execute(
        "CREATE TABLE skill_aggs ("
        " skill TEXT NOT NULL, person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,"
        " best REAL NOT NULL, sections TEXT NOT NULL, quality REAL NOT NULL, last_year INTEGER,"
        " counted INTEGER NOT NULL, ordinary INTEGER NOT NULL, negated INTEGER NOT NULL,"
        " PRIMARY KEY (skill, person_id)) WITHOUT ROWID"
    )
    conn.execute("CREATE INDEX skill_aggs_person ON skill_aggs(person_id)")
    conn.execute(
        f"INSERT INTO skill_aggs SELECT skill, person_id, "
        f"  coalesce(max(CASE WHEN flag IS NULL THEN similarity * ({factor}) END) / 100.0, 0), "
        f"  coalesce(group_concat(DISTINCT CASE WHEN flag IS NULL THEN coalesce(section, '') END), ''), 0, "
        f"  max(CASE WHEN flag IS NULL THEN year END), count(CASE WHEN flag IS NULL THEN 1 END), "
        f"  count(CASE WHEN flag = 'ordinary_word' THEN 1 END), count(CASE WHEN flag = 'negated' THEN 1 END) "
        f"FROM skill_hits GROUP BY skill, person_id"
    )
    # quality() of parsing.matching, in SQL: the best mention plus a little for breadth.
    conn.execute(
        f"UPDATE skill_aggs SET quality = CASE WHEN best <= 0 OR counted = 0 THEN 0 ELSE min(1.0, best + "
        f"{BREADTH_BONUS} * min(max(length(sections) - length(replace(sections, ',', '')), 0), 2)) END"
    )


# The gate, made to mean what it says (issue 13). Each rule holds for any single
# INSERT or UPDATE, whoever makes it; see "What Shortlist promises" in the README
# for what triggers cannot stop.
#
# - One definition of a word (parsing.text.words): a note is stored with the word
#   counts the gate computed, and the triggers check those columns, so a note the
#   gate accepts is never refused later at delivery ("Python/PostgreSQL" is two
#   words to both). A count cannot claim more words than the text can hold.
# - A note is kept as written, for the application, person and job it names.
# - A message follows its states: queued → sending → delivered | failed |
#   in_doubt (| queued again for a retry), and is delivered only from sending,
#   with the time, the transport and the transport's answer; a delivered message
#   never changes. ``data_started_at`` says when the message data began to
#   leave, so recovery calls in doubt only a message that may have arrived.
# - A message is linked only to applications of the person it is addressed to,
#   and a let-go needs that person's own delivered let-go message.
# - An application keeps its person and its job; its status is one of the
#   contract's (a CHECK); withdrawn, like let_go, needs its note and message.
# - import_runs record the process that runs them, so only runs whose process is
#   gone are called interrupted; exports_written lists the files Shortlist wrote
#   with people's data, so an erasure can name them.
STATUSES_V10 = (
    "new",
    "shortlisted",
    "interviewing",
    "offered",
    "hired",
    "letting_go",
    "let_go",
    "withdrawn",
)
_ON_THE_LIST_V10 = ("new", "shortlisted", "interviewing", "offered", "hired")

V10_TRIGGERS = """
CREATE TRIGGER disposition_notes_counted BEFORE INSERT ON disposition_notes
WHEN NEW.brings_words IS NULL OR NEW.why_not_words IS NULL
  OR NEW.brings_words < 0 OR NEW.why_not_words < 0
  -- n words need at least 2n - 1 characters: a count cannot claim more
  OR NEW.brings_words > (length(NEW.brings) + 1) / 2
  OR NEW.why_not_words > (length(NEW.why_not) + 1) / 2
BEGIN
    SELECT RAISE(ABORT, 'a person-first note is stored with the word counts the gate computed (review.gate)');
END;

CREATE TRIGGER disposition_notes_for_their_application BEFORE INSERT ON disposition_notes
WHEN NOT EXISTS (
    SELECT 1 FROM applications a
    WHERE a.id = NEW.application_id AND a.person_id = NEW.person_id AND a.job_id = NEW.job_id
)
BEGIN
    SELECT RAISE(ABORT, 'a person-first note belongs to the application of the person and job it names');
END;

CREATE TRIGGER disposition_notes_kept_as_written BEFORE UPDATE ON disposition_notes
WHEN NEW.brings IS NOT OLD.brings OR NEW.why_not IS NOT OLD.why_not
  OR NEW.brings_words IS NOT OLD.brings_words OR NEW.why_not_words IS NOT OLD.why_not_words
  OR NEW.application_id IS NOT OLD.application_id OR NEW.person_id IS NOT OLD.person_id
  OR NEW.job_id IS NOT OLD.job_id OR NEW.kind IS NOT OLD.kind OR NEW.author IS NOT OLD.author
  OR NEW.created_at IS NOT OLD.created_at
BEGIN
    SELECT RAISE(ABORT, 'a person-first note is kept as written: a new decision needs a new note');
END;

CREATE TRIGGER message_applications_same_person BEFORE INSERT ON message_applications
WHEN (SELECT person_id FROM messages WHERE id = NEW.message_id)
     IS NOT (SELECT person_id FROM applications WHERE id = NEW.application_id)
BEGIN
    SELECT RAISE(ABORT, 'a message goes only with applications of the person it is addressed to');
END;

CREATE TRIGGER message_applications_stay_linked BEFORE UPDATE ON message_applications
WHEN NEW.message_id IS NOT OLD.message_id OR NEW.application_id IS NOT OLD.application_id
BEGIN
    SELECT RAISE(ABORT, 'a message stays linked to the applications it was written for');
END;

CREATE TRIGGER messages_follow_their_states BEFORE UPDATE OF state ON messages
WHEN NEW.state IS NOT OLD.state AND NOT (
       (OLD.state IN ('queued', 'failed', 'in_doubt', 'call_pending') AND NEW.state = 'sending')
    OR (OLD.state = 'sending' AND NEW.state IN ('delivered', 'failed', 'in_doubt', 'queued'))
)
BEGIN
    SELECT RAISE(ABORT, 'a message moves queued → sending → delivered, failed or in doubt (or queued again to retry)');
END;

DROP TRIGGER messages_delivered_honestly;
CREATE TRIGGER messages_delivered_honestly BEFORE UPDATE OF state ON messages
WHEN NEW.state = 'delivered' AND OLD.state IS NOT 'delivered' AND (
    OLD.state IS NOT 'sending' OR NEW.delivered_at IS NULL OR NEW.transport IS NULL
    OR coalesce(trim(NEW.answer), '') = ''
)
BEGIN
    SELECT RAISE(ABORT, 'a message is delivered only from sending, with the time, the transport and its answer');
END;

CREATE TRIGGER messages_delivered_stay_delivered BEFORE UPDATE ON messages
WHEN OLD.state IN ('delivered', 'kept')
BEGIN
    SELECT RAISE(ABORT, 'a delivered message is a record: it does not change');
END;

CREATE TRIGGER messages_sent_as_written BEFORE UPDATE ON messages
WHEN NEW.person_id IS NOT OLD.person_id OR NEW.recipients IS NOT OLD.recipients
  OR NEW.channel IS NOT OLD.channel OR NEW.kind IS NOT OLD.kind OR NEW.message_id IS NOT OLD.message_id
  OR NEW.subject IS NOT OLD.subject OR NEW.body IS NOT OLD.body
  OR NEW.sender_email IS NOT OLD.sender_email OR NEW.reply_to IS NOT OLD.reply_to
BEGIN
    SELECT RAISE(ABORT, 'a message goes to the person and addresses it was written and checked for, as written');
END;
"""

# The rules on applications, recreated after the table is rebuilt with its CHECK.
# "Their own message": the person's, of the kind the decision needs, and sent only
# to their own addresses or phone numbers.
_THEIR_MESSAGE = """
    SELECT 1 FROM message_applications ma JOIN messages m ON m.id = ma.message_id
    WHERE ma.application_id = NEW.id AND ma.superseded = 0 AND m.kind = '{kind}'
      AND m.person_id = NEW.person_id {extra}
      AND (m.channel <> 'email' OR json_array_length(m.recipients) > 0)
      AND NOT EXISTS (
          SELECT 1 FROM json_each(m.recipients) r WHERE lower(r.value) NOT IN (
              SELECT lower(e.value) FROM people p, json_each(p.emails) e WHERE p.id = NEW.person_id
              UNION SELECT lower(f.value) FROM people p, json_each(p.phones) f WHERE p.id = NEW.person_id))
"""
_NOTE = """
    SELECT 1 FROM disposition_notes n
    WHERE n.application_id = NEW.id AND n.kind = '{kind}' AND n.superseded = 0
      AND n.person_id = NEW.person_id AND n.brings_words >= {brings} AND n.why_not_words >= {why_not}
"""
V10_APPLICATION_TRIGGERS = f"""
DROP TRIGGER IF EXISTS applications_not_born_gone;
CREATE TRIGGER applications_not_born_gone BEFORE INSERT ON applications
WHEN NEW.status IN ('letting_go', 'let_go', 'withdrawn')
BEGIN
    SELECT RAISE(ABORT, 'nobody is let go or withdrawn without a note and a message: use the gate');
END;

CREATE TRIGGER applications_keep_their_person_and_job BEFORE UPDATE OF person_id, job_id ON applications
WHEN NEW.person_id IS NOT OLD.person_id OR NEW.job_id IS NOT OLD.job_id
BEGIN
    SELECT RAISE(ABORT, 'an application stays with its person and its job: add a new application instead');
END;

DROP TRIGGER IF EXISTS applications_letting_go_needs_note;
CREATE TRIGGER applications_letting_go_needs_note BEFORE UPDATE OF status ON applications
WHEN NEW.status = 'letting_go' AND OLD.status <> 'letting_go' AND (
    NOT EXISTS ({_NOTE.format(kind="let_go", brings=12, why_not=6)})
    OR NOT EXISTS ({_THEIR_MESSAGE.format(kind="let_go", extra="")})
)
BEGIN
    SELECT RAISE(ABORT, 'letting someone go needs their person-first note and a queued message to them');
END;

DROP TRIGGER IF EXISTS applications_let_go_needs_note_and_delivery;
CREATE TRIGGER applications_let_go_needs_note_and_delivery BEFORE UPDATE OF status ON applications
WHEN NEW.status = 'let_go' AND OLD.status <> 'let_go' AND (
    OLD.status <> 'letting_go'
    -- at least 12 words about what they bring and 6 about why not, counted by the gate
    OR NOT EXISTS ({_NOTE.format(kind="let_go", brings=12, why_not=6)})
    OR NOT EXISTS ({
    _THEIR_MESSAGE.format(
        kind="let_go", extra="AND m.state IN ('delivered', 'kept') AND m.delivered_at IS NOT NULL"
    )
})
)
BEGIN
    SELECT RAISE(ABORT, 'let_go needs a valid person-first note and a delivered message to this person for this application');
END;

CREATE TRIGGER applications_withdrawn_needs_note BEFORE UPDATE OF status ON applications
WHEN NEW.status = 'withdrawn' AND OLD.status <> 'withdrawn' AND (
    NOT EXISTS ({_NOTE.format(kind="withdrawn", brings=0, why_not=3)})
    OR NOT EXISTS ({_THEIR_MESSAGE.format(kind="withdrawn", extra="")})
)
BEGIN
    SELECT RAISE(ABORT, 'withdrawn needs a short note (3 words or more) and an acknowledgment to them');
END;
"""


def _v10_trust(store) -> None:
    from parsing.text import words

    conn = store.conn
    execute_script(
        conn,
        """
        ALTER TABLE disposition_notes ADD COLUMN brings_words INTEGER;
        ALTER TABLE disposition_notes ADD COLUMN why_not_words INTEGER;
        ALTER TABLE messages ADD COLUMN answer TEXT;
        ALTER TABLE messages ADD COLUMN data_started_at TEXT;
        ALTER TABLE import_runs ADD COLUMN pid INTEGER;
        ALTER TABLE import_runs ADD COLUMN pid_started TEXT;
        CREATE TABLE exports_written (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('shortlist', 'person', 'backup')),
            path TEXT NOT NULL,
            job_id INTEGER,
            people TEXT NOT NULL DEFAULT '[]',   -- JSON: ids of the people whose data it holds
            blind INTEGER NOT NULL DEFAULT 0,
            actor TEXT,
            written_at TEXT NOT NULL
        );
    """,
    )
    # Notes written before: counted now, with the same definition the gate uses.
    rows = conn.execute("SELECT id, brings, why_not FROM disposition_notes").fetchall()
    conn.executemany(
        "UPDATE disposition_notes SET brings_words = ?, why_not_words = ? WHERE id = ?",
        [(len(words(b)), len(words(w)), i) for i, b, w in rows],
    )
    # Deliveries from before kept no answer: say so, rather than leave it empty.
    conn.execute(
        "UPDATE messages SET answer = 'delivered before Shortlist recorded the transport''s answer' "
        "WHERE state = 'delivered' AND answer IS NULL"
    )
    # A send that was under way when this version arrived may have reached the server.
    conn.execute("UPDATE messages SET data_started_at = sending_at WHERE state = 'sending'")
    _rebuild_applications_with_check(conn)
    execute_script(conn, V10_TRIGGERS)
    execute_script(conn, V10_APPLICATION_TRIGGERS)


# Rebuilding a table referenced by others needs foreign keys off (SQLite's
# "12 steps"); Store.migrate turns them off around this step and checks them after.
_v10_trust.foreign_keys_off = True  # type: ignore[attr-defined]


def _rebuild_applications_with_check(conn) -> None:
    """SQLite adds no CHECK to an existing table: build the table again with it.

    The new table is the old one's own SQL plus the CHECKs, so columns another
    migration added survive; its indexes and its other triggers are recreated.
    Statuses outside the contract (written by another tool) are repaired first: a
    known status in the wrong case is spelled right, anything else — 'rejected',
    or a gate status nobody earned — goes back on the list as 'new', and the audit
    log keeps what it was.
    """
    contract = ", ".join(f"'{s}'" for s in STATUSES_V10)
    stamp = conn.execute("SELECT strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')").fetchone()[0]
    for app_id, person_id, job_id, status in conn.execute(
        f"SELECT id, person_id, job_id, status FROM applications WHERE status NOT IN ({contract})"
    ).fetchall():
        lowered = str(status).strip().lower()
        repaired = lowered if lowered in _ON_THE_LIST_V10 else "new"
        conn.execute("UPDATE applications SET status = ? WHERE id = ?", (repaired, app_id))
        conn.execute(
            "INSERT INTO audit_log (at, actor, action, person_id, job_id, application_id, detail) "
            "VALUES (?, 'upgrade', 'status_repaired', ?, ?, ?, json_object('before', ?, 'after', ?))",
            (stamp, person_id, job_id, app_id, status, repaired),
        )
    conn.execute(
        f"UPDATE applications SET previous_status = NULL WHERE previous_status NOT IN ({contract})"
    )
    table_sql = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'applications'"
    ).fetchone()[0]
    others = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'applications' "
        "AND type IN ('index', 'trigger') AND sql IS NOT NULL"
    ).fetchall()
    _, _, rest = table_sql.partition("(")
    body = rest[: rest.rstrip().rfind(")")]
    checked = (
        "CREATE TABLE applications_v10 (" + body.rstrip() + ",\n"
        f"    CHECK (status IN ({contract})),\n"
        f"    CHECK (previous_status IS NULL OR previous_status IN ({contract}))\n)"
    )
    conn.execute(checked)
    conn.execute("INSERT INTO applications_v10 SELECT * FROM applications")
    conn.execute("DROP TABLE applications")
    conn.execute("ALTER TABLE applications_v10 RENAME TO applications")
    for _name, sql in others:
        conn.execute(sql)


def execute_script(conn, script: str) -> None:
    """Run a migration script statement by statement (triggers keep their inner semicolons)."""
    import sqlite3

    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                conn.execute(buffer.strip())
            buffer = ""
    if buffer.strip():
        conn.execute(buffer.strip())


def _v9_term_index(store) -> None:
    """The term index (review.term_index): phrases and synonyms matched without re-reading texts.

    People stored before it are indexed here from their stored text and section
    spans, with the same function the parse workers use (~1 ms a person).
    """
    from review.term_index import SCHEMA, rebuild

    for statement in SCHEMA.split(";"):  # tables only: no trigger bodies with inner semicolons
        if statement.strip():
            store.conn.execute(statement)
    # What a ranking reads of every person, without reading their whole row (3x faster at 10k).
    store.conn.execute("CREATE INDEX people_rank_facts ON people(id, years_experience, location)")
    rebuild(store, progress=store.step_progress)


V11 = """
-- How sure the parser was of each field (JSON: field -> 0..1) and, where it was not, why
-- (JSON: field -> "wrapped over two lines", "read by OCR"): the person pane's "check this".
ALTER TABLE people ADD COLUMN confidence TEXT NOT NULL DEFAULT '{}';
ALTER TABLE people ADD COLUMN doubts TEXT NOT NULL DEFAULT '{}';

-- A recruiter's word on a field, which wins over any later reading of their resume. The
-- people row holds the corrected value (what everything reads); this keeps who said so,
-- when, and what the parser had read.
CREATE TABLE corrections (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    field TEXT NOT NULL
        CHECK (field IN ('name', 'title', 'location', 'emails', 'phones', 'links')),
    value TEXT NOT NULL,            -- JSON: a list for emails, phones, links; else text or null
    parsed TEXT NOT NULL,           -- JSON: what the parser had read
    actor TEXT NOT NULL,
    corrected_at TEXT NOT NULL,
    carried_from INTEGER,           -- the person (an earlier file of theirs) it was carried from
    PRIMARY KEY (person_id, field)
);
"""


# Closing the loop with people: their replies come back and are tied to them, the
# interviews we invite them to, the roles we told them about, and what each
# message is about. A let-go message names its applications (message_applications);
# an invitation or a role offer names its job here, and never moves a status.
V12 = """
ALTER TABLE messages ADD COLUMN job_id INTEGER REFERENCES jobs(id);

-- Files a message carries (an interview's .ics), sent exactly as stored.
CREATE TABLE message_attachments (
    id INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,             -- e.g. text/calendar; method=REQUEST
    data BLOB NOT NULL
);
CREATE INDEX message_attachments_message ON message_attachments(message_id);

-- What people wrote back, read from saved mail, mbox, Maildir or IMAP: each
-- Message-ID once. Tied by In-Reply-To/References to our message, else by the
-- sender's address, else left for the recruiter to assign (person_id NULL).
CREATE TABLE replies (
    id INTEGER PRIMARY KEY,
    message_id TEXT NOT NULL UNIQUE,        -- the reply's own (a digest of it when it has none)
    person_id INTEGER REFERENCES people(id) ON DELETE CASCADE,
    answers INTEGER REFERENCES messages(id) ON DELETE CASCADE,   -- our message it answers
    job_id INTEGER REFERENCES jobs(id),
    application_id INTEGER REFERENCES applications(id) ON DELETE CASCADE,
    matched_by TEXT CHECK (matched_by IS NULL OR matched_by IN ('in_reply_to', 'references', 'sender', 'assigned')),
    sender TEXT,
    sender_name TEXT,
    subject TEXT,
    body TEXT NOT NULL DEFAULT '',          -- their own words (quoted text left out)
    sent_at TEXT,
    source TEXT NOT NULL,                   -- the file or mailbox it was read from
    read_at TEXT NOT NULL,
    read_by TEXT NOT NULL,
    opt_out INTEGER NOT NULL DEFAULT 0,     -- they asked not to be contacted
    proposal TEXT,                          -- JSON: a preference change for the recruiter to confirm
    proposal_state TEXT CHECK (proposal_state IS NULL OR proposal_state IN ('proposed', 'confirmed', 'dismissed')),
    applied TEXT NOT NULL DEFAULT '[]',     -- JSON: what was applied at once (do_not_contact)
    flag TEXT,                              -- for the recruiter: a forged In-Reply-To, say
    decided_by TEXT,
    decided_at TEXT,
    CHECK (proposal IS NULL OR proposal_state IS NOT NULL)
);
CREATE INDEX replies_person ON replies(person_id);
CREATE INDEX replies_job ON replies(job_id);

-- Only the person's own wish is applied without a recruiter: an opt-out.
CREATE TRIGGER replies_apply_only_opt_outs BEFORE INSERT ON replies
WHEN NEW.applied <> '[]' AND NOT NEW.opt_out
BEGIN
    SELECT RAISE(ABORT, 'a reply changes nothing by itself but an opt-out: a proposal waits for the recruiter');
END;

-- Interviews we invited people to: one calendar event (UID) through its
-- reschedules (SEQUENCE + 1) and its cancel.
CREATE TABLE interviews (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    job_id INTEGER NOT NULL REFERENCES jobs(id),
    starts_at TEXT NOT NULL,                -- wall-clock time in ``timezone`` (ISO 8601, no offset)
    minutes INTEGER NOT NULL CHECK (minutes > 0),
    timezone TEXT NOT NULL,                 -- IANA name, e.g. Europe/Berlin
    place TEXT NOT NULL,                    -- a room and address, or a video link
    sequence INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled', 'cancelled')),
    message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,  -- the latest invitation, update or cancel
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX interviews_application ON interviews(application_id);

-- Roles we told people in the talent pool about (or chose not to, this time).
CREATE TABLE role_offers (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    job_id INTEGER NOT NULL REFERENCES jobs(id),
    state TEXT NOT NULL CHECK (state IN ('sent', 'skipped')),
    message_id INTEGER REFERENCES messages(id) ON DELETE CASCADE,
    score REAL,
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    UNIQUE (person_id, job_id)
);
"""


# Their wish wins over our queue: when someone asks not to be contacted (a reply saying
# "stop", or the recruiter recording it), a message to them that still waits to go out —
# queued, failed and waiting for a retry, or a call not yet made — is kept on record, unsent,
# as the gate keeps one written after they asked (review.outbox.keep_unsent). Only for a
# person whose channel is 'none', only from those states (never one in flight, delivered or
# in doubt), and with the time it was kept: a let-go it carries then completes as the gate's
# does, and still needs its person-first note.
V13 = """
DROP TRIGGER messages_never_updated_to_kept;
CREATE TRIGGER messages_never_updated_to_kept BEFORE UPDATE OF state ON messages
WHEN NEW.state = 'kept' AND OLD.state <> 'kept' AND (
    OLD.state NOT IN ('queued', 'failed', 'call_pending')
    OR NEW.delivered_at IS NULL OR NEW.transport IS NULL
    OR NOT EXISTS (
        SELECT 1 FROM contact_preferences p WHERE p.person_id = NEW.person_id AND p.channel = 'none'
    )
)
BEGIN
    SELECT RAISE(ABORT, 'a message is kept unsent only for a person who asked not to be contacted, before it is sent');
END;

DROP TRIGGER messages_follow_their_states;
CREATE TRIGGER messages_follow_their_states BEFORE UPDATE OF state ON messages
WHEN NEW.state IS NOT OLD.state AND NOT (
       (OLD.state IN ('queued', 'failed', 'in_doubt', 'call_pending') AND NEW.state = 'sending')
    OR (OLD.state = 'sending' AND NEW.state IN ('delivered', 'failed', 'in_doubt', 'queued'))
    OR (OLD.state IN ('queued', 'failed', 'call_pending') AND NEW.state = 'kept')
)
BEGIN
    SELECT RAISE(ABORT, 'a message moves queued → sending → delivered, failed or in doubt (or queued again to retry)');
END;
"""
# Triggers on messages made after those two, made again after them, unchanged: SQLite runs
# the newest first, so a refusal keeps naming the same rule as before.
_V13_AFTER = (
    "messages_delivered_honestly",
    "messages_delivered_stay_delivered",
    "messages_sent_as_written",
)


def _v13_keep_when_asked(store) -> None:
    conn = store.conn
    later = [
        conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (name,)
        ).fetchone()[0]
        for name in _V13_AFTER
    ]
    execute_script(conn, V13)
    for name, sql in zip(_V13_AFTER, later, strict=True):
        conn.execute(f"DROP TRIGGER {name}")
        conn.execute(sql)


# What came with a resume in an e-mail (a saved message, an mbox, a mailbox over IMAP):
# the message's sender, date, subject and body, kept with the person and, when the import
# was for a job, with that application: their cover letter. And the Message-IDs a mailbox
# import has read, so the next one skips them without downloading them again.
V14 = """
CREATE TABLE cover_letters (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    document_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
    application_id INTEGER REFERENCES applications(id) ON DELETE CASCADE,
    message_id TEXT,                        -- the message's own Message-ID, when it has one
    sender TEXT,                            -- an address
    sender_name TEXT,
    sent_at TEXT,                           -- the message's Date (ISO 8601)
    subject TEXT,
    body TEXT NOT NULL DEFAULT '',          -- plain text
    source TEXT NOT NULL,                   -- the file or mailbox it was read from
    created_at TEXT NOT NULL
);
CREATE INDEX cover_letters_person ON cover_letters(person_id);
CREATE UNIQUE INDEX cover_letters_once ON cover_letters(person_id, coalesce(message_id, source));

CREATE TABLE mailbox_messages (
    message_id TEXT PRIMARY KEY,
    mailbox TEXT NOT NULL,                  -- imap://USER@HOST:PORT/FOLDER
    imported_at TEXT NOT NULL
);
"""


# Of a name printed surname first ("Nowak Anna", "MARTIN Claire"), the given names the parser
# read, so that a message greets "Anna", not "Nowak". NULL: the name starts with them.
V15 = """
ALTER TABLE people ADD COLUMN given_name TEXT;
"""


MIGRATIONS: list[tuple[int, object]] = [
    (1, V1),
    (2, V2),
    (3, V3),
    (4, V4),
    (5, V5),
    (6, V6),
    (7, V7),
    (8, _v8_skill_aggs),
    (9, _v9_term_index),
    (10, _v10_trust),
    (11, V11),
    (12, V12),
    (13, _v13_keep_when_asked),
    (14, V14),
    (15, V15),
]
