"""Full-text search over people (search as you type), and the texts of a few people.

Phrases and synonyms of criteria are matched in the term index (review.term_index),
not here.
"""

from __future__ import annotations

import json
import re

from review.db import Store


def sync_search_index(store: Store) -> int:
    """Index every person not yet in the search index. Returns how many were added.

    Imports call this once at their end; it also repairs the index after an
    import that was killed before it got there.
    """
    # Cheap check first: every person indexed, no work (the NOT IN below scans the index).
    indexed = store.conn.execute("SELECT count(*), max(rowid) FROM people_fts").fetchone()
    people = store.conn.execute("SELECT count(*), max(id) FROM people").fetchone()
    if tuple(indexed) == tuple(people):
        return 0
    with store.transaction() as conn:
        cur = conn.execute(
            "INSERT INTO people_fts (rowid, name, title, skills, text) "
            "SELECT p.id, coalesce(p.name, ''), coalesce(p.title, ''), "
            "       (SELECT group_concat(value, ' ') FROM json_each(p.skills)), "
            "       coalesce(d.text, '') "
            "FROM people p JOIN documents d ON d.id = p.document_id "
            "WHERE p.id NOT IN (SELECT rowid FROM people_fts)"
        )
        return cur.rowcount


_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def fts_query(text: str, prefix: bool = True) -> str | None:
    """An FTS5 query for what someone typed: every word must appear; the last may be a prefix."""
    words = _WORD.findall(text)
    if not words:
        return None
    parts = [f'"{w}"' for w in words]
    if prefix:
        parts[-1] += "*"
    return " AND ".join(parts)


def search_people(store: Store, text: str, limit: int | None = None) -> list[int]:
    """People whose name, title, skills or resume text hold every typed word, best first."""
    query = fts_query(text)
    if query is None:
        return []
    # No ORDER BY rank: BM25 over thousands of hits costs tens of ms per keystroke, and
    # the table keeps its own order (the ranking) anyway.
    sql = "SELECT rowid FROM people_fts WHERE people_fts MATCH ?"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [row[0] for row in store.conn.execute(sql, (query,))]


def texts_of(store: Store, person_ids: list[int]) -> dict[int, tuple[str, list[dict]]]:
    """Resume text and section spans of each person."""
    out: dict[int, tuple[str, list[dict]]] = {}
    for start in range(0, len(person_ids), 500):
        chunk = person_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for pid, text, fields in store.conn.execute(
            f"SELECT p.id, d.text, d.fields FROM people p JOIN documents d ON d.id = p.document_id "
            f"WHERE p.id IN ({marks})",
            chunk,
        ):
            spans = json.loads(fields or "{}").get("section_spans") or []
            out[pid] = (text or "", spans)
    return out
