"""The term index on disk: which people hold a word, where, in which section.

The parse workers cut each resume into atoms (:mod:`parsing.terms`); the
import stores each person's atoms in ``term_pending`` in the same transaction
as the person (one row, appended: cheap while files stream in). At the end of
an import :func:`sync` moves them into ``term_postings``: one row per word and
*block* of 4,096 person ids, holding every position of that word in those
people, sorted by person. A phrase over 10,000 people is then three rows per
word, decoded as arrays; a new person only rewrites the rows of the newest block.
A block's people are cut into rows :data:`SLICE` at a time and the slices' pieces
joined into one per row, so the memory of a sync stays flat however many people
an import brings, and the rows are those one merge of everyone would write.

Readers (:class:`TermIndex`) never write: people still in ``term_pending``
(an import still running, or killed before its end) are read from there, so a
ranking is complete at any moment. ``term_vocab`` lists every word with the
number of people who use it, for spelling variants.

Erasing a person (:func:`forget`) re-reads their text, finds their words and
removes their positions from those rows, so nothing of them stays in the index.
"""

from __future__ import annotations

import heapq
import itertools
import json
import sqlite3
import struct
import time
from collections.abc import Callable, Iterable, Iterator

import numpy as np

from parsing.terms import INDEX_VERSION, Postings, ResumeTerms, index_resume

BLOCK = 4096  # person ids per postings row
MAX_CHUNKS = 16  # appended pieces a row may hold before they are merged into one
# People cut into rows at once when a block is merged (sync, rebuild): bounds the memory of a
# merge, whatever the size of the import. Measured on 1,000 and 5,000 generated files: see
# bench/import_bench.py (4.) and the README.
SLICE = 256
_HEAD = struct.Struct("<BBBxII")  # version, position width, count width, people, positions

SCHEMA = """
CREATE TABLE term_pending (
    person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    data BLOB NOT NULL              -- parsing.atoms.pack(): one person's atoms
);
CREATE TABLE term_postings (
    term TEXT NOT NULL,             -- an atom in lower case (parsing.atoms)
    block INTEGER NOT NULL,         -- person_id // 4096
    chunks INTEGER NOT NULL,        -- appended pieces in data (merged into one past MAX_CHUNKS)
    data BLOB NOT NULL,             -- people, their counts, positions, info bytes (encode())
    PRIMARY KEY (term, block)
) WITHOUT ROWID;
CREATE TABLE term_vocab (
    term TEXT PRIMARY KEY,
    people INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE term_blocks (
    block INTEGER PRIMARY KEY,
    version INTEGER NOT NULL,       -- parsing.terms.INDEX_VERSION it was built with
    last_person INTEGER NOT NULL    -- people after this one are appended without reading the rows
);
CREATE TABLE term_people (          -- people whose words are in term_postings
    person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE
);
"""


# --- the postings of one word in one block -------------------------------------------


def encode(
    block: int, person: np.ndarray, counts: np.ndarray, pos: np.ndarray, info: np.ndarray
) -> bytes:
    """People (sorted, distinct), how many positions each has, then the positions and info bytes."""
    offsets = (person - block * BLOCK).astype(np.uint16)
    count_width = 2 if counts.max(initial=0) <= 0xFFFF else 4
    pos_width = 2 if pos.max(initial=0) <= 0xFFFF else 4
    return b"".join(
        (
            _HEAD.pack(INDEX_VERSION, pos_width, count_width, len(person), len(pos)),
            offsets.tobytes(),
            counts.astype(np.uint16 if count_width == 2 else np.uint32).tobytes(),
            pos.astype(np.uint16 if pos_width == 2 else np.uint32).tobytes(),
            info.astype(np.uint8).tobytes(),
        )
    )


def decode(block: int, data: bytes) -> Postings:
    """All the pieces of a row (each import appends one), as one sorted array set."""
    parts = []
    at = 0
    while at < len(data):
        _version, pos_width, count_width, n_people, n_pos = _HEAD.unpack_from(data, at)
        at += _HEAD.size
        offsets = np.frombuffer(data, np.uint16, n_people, at)
        at += 2 * n_people
        counts = np.frombuffer(data, np.uint16 if count_width == 2 else np.uint32, n_people, at)
        at += count_width * n_people
        pos = np.frombuffer(data, np.uint16 if pos_width == 2 else np.uint32, n_pos, at)
        at += pos_width * n_pos
        info = np.frombuffer(data, np.uint8, n_pos, at)
        at += n_pos
        person = np.repeat(offsets.astype(np.int64) + block * BLOCK, counts.astype(np.int64))
        parts.append(Postings(person, pos.astype(np.int64), info))
    return parts[0] if len(parts) == 1 else Postings.concat(parts)


def _runs(person: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct people of a sorted array and how many positions each has."""
    if not len(person):
        return person, person
    cuts = np.flatnonzero(np.diff(person)) + 1
    starts = np.concatenate(([0], cuts))
    return person[starts], np.diff(np.concatenate((starts, [len(person)])))


# --- writing ------------------------------------------------------------------------


def stage(conn: sqlite3.Connection, person_id: int, terms: bytes | ResumeTerms | None) -> None:
    """Keep one person's atoms until :func:`sync` (inside the import's transaction for them)."""
    if terms is None:
        return
    data = terms.pack() if isinstance(terms, ResumeTerms) else terms
    conn.execute(
        "INSERT OR REPLACE INTO term_pending (person_id, data) VALUES (?, ?)", (person_id, data)
    )


def sync(store, slice_size: int | None = None) -> int:
    """Move people from ``term_pending`` into the postings, one block per transaction, then index
    from their stored text anyone who never got there (stored by another path). Returns how many.

    A block's people are read and cut into rows ``slice_size`` (default :data:`SLICE`) at a
    time, so the memory of a sync does not grow with the size of the import."""
    moved = 0
    while True:
        first = store.conn.execute("SELECT min(person_id) FROM term_pending").fetchone()[0]
        if first is None:
            break
        block = first // BLOCK
        with store.transaction() as conn:
            moved += _add_people(conn, block, _pending_people(conn, block, slice_size), slice_size)
            conn.execute(
                "DELETE FROM term_pending WHERE person_id >= ? AND person_id < ?",
                (block * BLOCK, (block + 1) * BLOCK),
            )
    return moved + _index_from_text(store, _unindexed(store.conn), slice_size=slice_size)


def _pending_people(
    conn: sqlite3.Connection, block: int, slice_size: int | None
) -> Iterator[tuple[int, ResumeTerms]]:
    """The block's people waiting in ``term_pending``, by id, read a slice at a time."""
    after, end = block * BLOCK - 1, (block + 1) * BLOCK
    while True:
        rows = conn.execute(
            "SELECT person_id, data FROM term_pending WHERE person_id > ? AND person_id < ? "
            "ORDER BY person_id LIMIT ?",
            (after, end, max(1, slice_size or SLICE)),
        ).fetchall()
        if not rows:
            return
        for pid, data in rows:
            try:
                terms = ResumeTerms.unpack(data)
            except ValueError:  # another version's payload: index the stored text again
                terms = _terms_from_text(conn, pid)
            _yield_the_gil()
            yield pid, terms
        after = rows[-1][0]
        del rows


def _yield_the_gil() -> None:
    """Let another thread run now. Measured: a loop of index_resume calls (C-level map and
    array work between brief GIL releases) kept a waiting thread out for 300-450 ms at a
    time, the window's event loop among them when this runs in its background; a yield per
    person (~1 ms of work each) costs nothing measurable and keeps the window answering."""
    time.sleep(0)


def _unindexed(conn: sqlite3.Connection) -> list[int]:
    """People neither in the postings nor waiting for them (cheap when there are none)."""
    people = conn.execute("SELECT count(*) FROM people").fetchone()[0]
    known = conn.execute(
        "SELECT (SELECT count(*) FROM term_people) + (SELECT count(*) FROM term_pending)"
    ).fetchone()[0]
    if people <= known:
        return []
    return [
        pid
        for (pid,) in conn.execute(
            "SELECT id FROM people WHERE id NOT IN (SELECT person_id FROM term_people) "
            "AND id NOT IN (SELECT person_id FROM term_pending) ORDER BY id"
        )
    ]


def _terms_from_text(conn: sqlite3.Connection, person_id: int) -> ResumeTerms:
    row = conn.execute(
        "SELECT d.text, d.fields FROM people p JOIN documents d ON d.id = p.document_id "
        "WHERE p.id = ?",
        (person_id,),
    ).fetchone()
    text, fields = row if row else ("", "{}")
    return index_resume(text or "", json.loads(fields or "{}").get("section_spans") or [])


def _add_people(
    conn: sqlite3.Connection,
    block: int,
    people: Iterable[tuple[int, ResumeTerms]],
    slice_size: int | None = None,
) -> int:
    """Add these people (in id order, all of one block) to the rows of their block, a slice of
    ``slice_size`` people at a time. Returns how many.

    People newer than everyone in the block (an import) are appended as one new piece of each
    row, in SQL, without reading the rows; a row past MAX_CHUNKS pieces is merged into one. With
    more than one slice, each slice's pieces wait in a temporary table and are joined word by
    word into that one piece (:func:`join_pieces`): the rows come out byte for byte as one merge
    of everyone would write them. People older than the block's newest (stored by another path,
    indexed late) are merged into the rows one by one.
    """
    size = max(1, slice_size or SLICE)
    known = conn.execute("SELECT last_person FROM term_blocks WHERE block = ?", (block,)).fetchone()
    last = known[0] if known else None
    append: bool | None = None
    held: list[tuple[str, bytes, int]] | None = None  # the first slice's rows, while alone
    slices = added = 0

    def flush(batch: list[tuple[int, ResumeTerms]]) -> None:
        nonlocal append, held, slices, last
        conn.executemany(
            "INSERT OR IGNORE INTO term_people (person_id) VALUES (?)", [(pid,) for pid, _ in batch]
        )
        newest = max(pid for pid, _ in batch)
        if append is None:
            append = last is None or min(pid for pid, _ in batch) > last
        last = newest if last is None else max(last, newest)
        indexed = [(pid, t) for pid, t in batch if len(t)]
        if not indexed:
            return
        rows = _rows(block, indexed)
        if not append:
            _merge_rows(conn, block, rows)
            return
        slices += 1
        if slices == 1:
            held = rows
            return
        if held is not None:
            _stage(conn, 0, held)
            held = None
        _stage(conn, slices - 1, rows)

    for batch in _slices(people, size):
        flush(batch)
        added += len(batch)
    if not added:
        return 0
    conn.execute(
        "INSERT OR REPLACE INTO term_blocks (block, version, last_person) VALUES (?, ?, ?)",
        (block, INDEX_VERSION, last),
    )
    if held is not None:
        _append_rows(conn, block, held)
    elif slices > 1:
        _append_rows(conn, block, _staged(conn))
    return added


def _slices(items: Iterable, size: int) -> Iterator[list]:
    """Lists of ``size`` items (the last one shorter); itertools.batched from Python 3.12."""
    items = iter(items)
    while chunk := list(itertools.islice(items, size)):
        yield chunk


def _stage(conn: sqlite3.Connection, seq: int, rows: list[tuple[str, bytes, int]]) -> None:
    """Keep one slice's pieces until the block's last slice is cut (a temporary table: on disk
    past a few MB, gone with the connection)."""
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS term_staged (term TEXT NOT NULL, seq INTEGER NOT NULL, "
        "people INTEGER NOT NULL, data BLOB NOT NULL)"
    )
    conn.executemany(
        "INSERT INTO temp.term_staged (term, seq, people, data) VALUES (?, ?, ?, ?)",
        [(term, seq, people, data) for term, data, people in rows],
    )


def _staged(conn: sqlite3.Connection) -> Iterator[tuple[str, bytes, int]]:
    """The staged pieces joined word by word, in word order, then the stage emptied."""
    cursor = conn.execute("SELECT term, people, data FROM temp.term_staged ORDER BY term, seq")
    for term, group in itertools.groupby(cursor, key=lambda row: row[0]):
        pieces = list(group)
        yield term, join_pieces([data for _, _, data in pieces]), sum(n for _, n, _ in pieces)
    conn.execute("DELETE FROM temp.term_staged")


def _append_rows(
    conn: sqlite3.Connection, block: int, rows: Iterable[tuple[str, bytes, int]]
) -> None:
    """Append each word's piece to its row, a few thousand words at a time."""
    rows = iter(rows)
    while chunk := list(itertools.islice(rows, 2000)):
        conn.executemany(
            "INSERT INTO term_postings (term, block, chunks, data) VALUES (?, ?, 1, ?) "
            "ON CONFLICT (term, block) DO UPDATE SET "
            "data = CAST(data || excluded.data AS BLOB), chunks = chunks + 1",
            [(term, block, data) for term, data, _ in chunk],
        )
        _merge_pieces(conn, block, [term for term, _, _ in chunk])
        _count_people(conn, [(term, count) for term, _, count in chunk])


def join_pieces(pieces: list[bytes]) -> bytes:
    """Pieces of one row, for people in order (slices of one block), as the one piece
    :func:`encode` would write for all of them: each section concatenated, widened to the
    widest piece's width where widths differ, without decoding the positions."""
    if len(pieces) == 1:
        return pieces[0]
    heads = [_HEAD.unpack_from(data) for data in pieces]
    pos_width = max(h[1] for h in heads)
    count_width = max(h[2] for h in heads)
    offsets, counts, positions, infos = [], [], [], []
    for data, (_version, pw, cw, people, n) in zip(pieces, heads, strict=True):
        at = _HEAD.size + 2 * people
        offsets.append(data[_HEAD.size : at])
        counts.append(_widen(data[at : at + cw * people], cw, count_width))
        at += cw * people
        positions.append(_widen(data[at : at + pw * n], pw, pos_width))
        at += pw * n
        infos.append(data[at : at + n])
        if at + n != len(data):
            raise ValueError("join_pieces takes single pieces, not rows of several")
    people = sum(h[3] for h in heads)
    total = sum(h[4] for h in heads)
    head = _HEAD.pack(INDEX_VERSION, pos_width, count_width, people, total)
    return b"".join((head, *offsets, *counts, *positions, *infos))


def _widen(section: bytes, width: int, to: int) -> bytes:
    return section if width == to else np.frombuffer(section, np.uint16).astype(np.uint32).tobytes()


def _rows(block: int, people: list[tuple[int, ResumeTerms]]) -> list[tuple[str, bytes, int]]:
    """(word, its encoded piece for these people, how many of them use it), per word."""
    # Global word numbers for this batch, then every position as parallel arrays sorted by
    # word, person, position.
    number = dict.fromkeys(itertools.chain.from_iterable(t.terms for _, t in people))
    for k, term in enumerate(number):
        number[term] = k
    words = [
        np.fromiter(map(number.__getitem__, t.terms), np.int64, len(t.terms))[t.ids]
        for _, t in people
    ]
    word = np.concatenate(words)
    person = np.concatenate([np.full(len(t.ids), pid, np.int64) for pid, t in people])
    pos = np.concatenate([np.arange(len(t.ids), dtype=np.int64) for _, t in people])
    info = np.concatenate([t.info for _, t in people])
    ids = [pid for pid, _ in people]
    if all(x < y for x, y in itertools.pairwise(ids)):
        order = np.argsort(word, kind="stable")  # already by person and position within a word
    else:
        order = np.lexsort((pos, person, word))
    word, person, pos, info = word[order], person[order], pos[order], info[order]
    # Runs of one person within one word, then the runs of each word: slices, no per-row work.
    n = len(word)
    run_starts = np.flatnonzero(np.r_[True, (word[1:] != word[:-1]) | (person[1:] != person[:-1])])
    run_person = person[run_starts]
    run_counts = np.diff(np.r_[run_starts, n])
    first_run = np.flatnonzero(np.r_[True, word[run_starts][1:] != word[run_starts][:-1]])
    last_run = np.r_[first_run[1:], len(run_starts)]
    first_pos = run_starts[first_run]
    # What encode() writes for each word, cut from arrays converted once for the whole slice.
    wide_counts = np.maximum.reduceat(run_counts, first_run) > 0xFFFF
    wide_pos = np.maximum.reduceat(pos, first_pos) > 0xFFFF
    offsets = (run_person - block * BLOCK).astype(np.uint16).tobytes()
    counts2 = run_counts.astype(np.uint16).tobytes()
    counts4 = run_counts.astype(np.uint32).tobytes() if wide_counts.any() else b""
    pos2 = pos.astype(np.uint16).tobytes()
    pos4 = pos.astype(np.uint32).tobytes() if wide_pos.any() else b""
    infos = info.astype(np.uint8).tobytes()
    terms = list(number)
    head = _HEAD.pack
    rows = []
    for w, r0, r1, a, b, cw, pw in zip(
        word[first_pos].tolist(),
        first_run.tolist(),
        last_run.tolist(),
        first_pos.tolist(),
        np.r_[first_pos[1:], n].tolist(),
        wide_counts.tolist(),
        wide_pos.tolist(),
        strict=True,
    ):
        data = b"".join(
            (
                head(INDEX_VERSION, 4 if pw else 2, 4 if cw else 2, r1 - r0, b - a),
                offsets[2 * r0 : 2 * r1],
                counts4[4 * r0 : 4 * r1] if cw else counts2[2 * r0 : 2 * r1],
                pos4[4 * a : 4 * b] if pw else pos2[2 * a : 2 * b],
                infos[a:b],
            )
        )
        rows.append((terms[w], data, r1 - r0))
    return rows


def _merge_rows(conn: sqlite3.Connection, block: int, rows: list[tuple[str, bytes, int]]) -> None:
    """Rows merged one by one: positions of people already there are replaced, not doubled."""
    counts = []
    for term, data, _ in rows:
        added = decode(block, data)
        old = conn.execute(
            "SELECT data FROM term_postings WHERE term = ? AND block = ?", (term, block)
        ).fetchone()
        new_people = np.unique(added.person)
        if old is not None:
            before = decode(block, old[0])
            keep = ~np.isin(before.person, new_people)
            new_people = new_people[~np.isin(new_people, before.person)]
            kept = Postings(before.person[keep], before.pos[keep], before.info[keep])
            added = Postings.concat([kept, added])
        data = encode(block, *_runs(added.person), added.pos, added.info)
        conn.execute(
            "INSERT OR REPLACE INTO term_postings (term, block, chunks, data) VALUES (?, ?, 1, ?)",
            (term, block, data),
        )
        counts.append((term, len(new_people)))
    _count_people(conn, counts)


def _count_people(conn: sqlite3.Connection, counts: list[tuple[str, int]]) -> None:
    conn.executemany(
        "INSERT INTO term_vocab (term, people) VALUES (?, ?) "
        "ON CONFLICT (term) DO UPDATE SET people = people + excluded.people",
        counts,
    )


def _merge_pieces(conn: sqlite3.Connection, block: int, terms: list[str]) -> None:
    """Rows of these words grown past MAX_CHUNKS pieces become one piece again."""
    for start in range(0, len(terms), 500):
        chunk = terms[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for term, data in conn.execute(
            f"SELECT term, data FROM term_postings "
            f"WHERE block = ? AND chunks > ? AND term IN ({marks})",
            [block, MAX_CHUNKS, *chunk],
        ).fetchall():
            merged = decode(block, data)
            conn.execute(
                "UPDATE term_postings SET data = ?, chunks = 1 WHERE term = ? AND block = ?",
                (encode(block, *_runs(merged.person), merged.pos, merged.info), term, block),
            )


def rebuild(store, progress: Callable[[float], None] | None = None) -> int:
    """Index every stored person again from their text (a new index version, or a database
    from before the index). ``progress(fraction)`` hears how far it is, every 500 people."""
    with store.transaction() as conn:
        for table in ("term_postings", "term_vocab", "term_blocks", "term_pending", "term_people"):
            conn.execute(f"DELETE FROM {table}")
    ids = [pid for (pid,) in store.conn.execute("SELECT id FROM people ORDER BY id")]
    return _index_from_text(store, ids, progress)


def _index_from_text(
    store,
    ids: list[int],
    progress: Callable[[float], None] | None = None,
    slice_size: int | None = None,
) -> int:
    """Index these people (in id order) from their stored text, one block per transaction."""
    read = itertools.count(1)

    def counted(people: Iterable[tuple[int, ResumeTerms]]) -> Iterator[tuple[int, ResumeTerms]]:
        for person in people:
            yield person
            _yield_the_gil()
            done = next(read)
            if progress is not None and done % 500 == 0:
                progress(done / len(ids))

    for block, chunk in itertools.groupby(ids, key=lambda pid: pid // BLOCK):
        with store.transaction() as conn:
            _add_people(conn, block, counted(_index_texts(conn, list(chunk))), slice_size)
    return len(ids)


def _index_texts(conn: sqlite3.Connection, ids: list[int]) -> Iterator[tuple[int, ResumeTerms]]:
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for pid, text, fields in conn.execute(
            f"SELECT p.id, d.text, d.fields FROM people p JOIN documents d ON d.id = p.document_id "
            f"WHERE p.id IN ({marks}) ORDER BY p.id",
            chunk,
        ).fetchall():
            yield (
                pid,
                index_resume(text or "", json.loads(fields or "{}").get("section_spans") or []),
            )


def forget(conn: sqlite3.Connection, person_id: int) -> int:
    """Remove one person from the index (before their text is deleted). Returns the rows changed."""
    conn.execute("DELETE FROM term_pending WHERE person_id = ?", (person_id,))
    conn.execute("DELETE FROM term_people WHERE person_id = ?", (person_id,))
    terms = _terms_from_text(conn, person_id)
    block = person_id // BLOCK
    changed = 0
    for term in terms.terms:
        row = conn.execute(
            "SELECT data FROM term_postings WHERE term = ? AND block = ?", (term, block)
        ).fetchone()
        if row is None:
            continue
        before = decode(block, row[0])
        keep = before.person != person_id
        if keep.all():
            continue
        changed += 1
        if keep.any():
            p, counts = _runs(before.person[keep])
            conn.execute(
                "UPDATE term_postings SET data = ?, chunks = 1 WHERE term = ? AND block = ?",
                (encode(block, p, counts, before.pos[keep], before.info[keep]), term, block),
            )
        else:
            conn.execute("DELETE FROM term_postings WHERE term = ? AND block = ?", (term, block))
        conn.execute("UPDATE term_vocab SET people = people - 1 WHERE term = ?", (term,))
        conn.execute("DELETE FROM term_vocab WHERE term = ? AND people <= 0", (term,))
    return changed


# --- reading ------------------------------------------------------------------------


class TermIndex:
    """Read side of the index, for one connection (a ranking's): words to positions, and the
    words a spelling variant may be."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._cache: dict[str, Postings] = {}
        self._pending: dict[str, list[tuple[int, bytes]]] | None = None
        self._pending_words: set[str] = set()
        self._vocabulary: dict[str, list[str]] = {}

    def _load_pending(self) -> dict[str, list[tuple[int, bytes]]]:
        """People not in the postings yet (in ``term_pending``, or rarely never indexed): their
        rows cut as :func:`sync` will write them, a slice at a time, and kept encoded (an
        import still running may have thousands waiting)."""
        if self._pending is None:
            self._pending = {}
            for block, people in itertools.groupby(
                self._waiting(), key=lambda person: person[0] // BLOCK
            ):
                for part in _slices(people, SLICE):
                    indexed = [(pid, t) for pid, t in part if len(t)]
                    for term, data, _ in _rows(block, indexed) if indexed else ():
                        self._pending.setdefault(term, []).append((block, data))
            self._pending_words = set(self._pending)
        return self._pending

    def _waiting(self) -> Iterator[tuple[int, ResumeTerms]]:
        """Everyone waiting, by id: payloads read as they come, texts of the never indexed."""
        staged = self.conn.execute("SELECT person_id, data FROM term_pending ORDER BY person_id")
        never = ((pid, None) for pid in _unindexed(self.conn))
        for pid, data in heapq.merge(staged, never, key=lambda row: row[0]):
            try:
                terms = ResumeTerms.unpack(data) if data is not None else None
            except ValueError:  # another version's payload
                terms = None
            yield pid, terms if terms is not None else _terms_from_text(self.conn, pid)

    def _pending_postings(self, term: str) -> list[Postings]:
        return [decode(block, data) for block, data in self._load_pending().get(term, ())]

    def postings(self, term: str) -> Postings:
        found = self._cache.get(term)
        if found is None:
            parts = [
                decode(block, data)
                for block, data in self.conn.execute(
                    "SELECT block, data FROM term_postings WHERE term = ? ORDER BY block", (term,)
                )
            ]
            parts += self._pending_postings(term)
            found = self._cache[term] = Postings.concat(parts) if len(parts) != 1 else parts[0]
        return found

    def vocabulary(self, first_letter: str) -> list[str]:
        """Every indexed word starting with these letters."""
        known = self._vocabulary.get(first_letter)
        if known is None:
            known = self._vocabulary[first_letter] = self._words(first_letter)
        return known

    def _words(self, first_letter: str) -> list[str]:
        upper = first_letter[:-1] + chr(ord(first_letter[-1]) + 1)
        words = [
            t
            for (t,) in self.conn.execute(
                "SELECT term FROM term_vocab WHERE term >= ? AND term < ?", (first_letter, upper)
            )
        ]
        self._load_pending()
        extra = [w for w in self._pending_words if w.startswith(first_letter)]
        return list(dict.fromkeys(words + extra)) if extra else words

    def prefetch(self, terms: Iterable[str]) -> None:
        """Read several words in one query (a new job's phrases)."""
        todo = sorted({t for t in terms if t not in self._cache})
        if not todo:
            return
        found: dict[str, list[Postings]] = {t: [] for t in todo}
        for start in range(0, len(todo), 500):
            chunk = todo[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for term, block, data in self.conn.execute(
                f"SELECT term, block, data FROM term_postings WHERE term IN ({marks}) "
                "ORDER BY term, block",
                chunk,
            ):
                found[term].append(decode(block, data))
        for term, parts in found.items():
            parts += self._pending_postings(term)
            self._cache[term] = Postings.concat(parts) if len(parts) != 1 else parts[0]
