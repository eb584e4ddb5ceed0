"""Jobs: what the recruiter is hiring for."""

from __future__ import annotations

import json

from review.db import Store, now_iso


class JobNotFound(LookupError):
    pass


def resolve_job(store: Store, ref: str | int) -> dict:
    """A job by id or by exact title. Raises JobNotFound with the choices when there is none."""
    text = str(ref).strip()
    row = None
    if text.isdigit():
        row = store.one("SELECT * FROM jobs WHERE id = ?", (int(text),))
    if row is None:
        rows = store.query("SELECT * FROM jobs WHERE title = ? ORDER BY id", (text,))
        if len(rows) > 1:
            ids = ", ".join(str(r["id"]) for r in rows)
            raise JobNotFound(f"{len(rows)} jobs are titled {text!r} (ids {ids}): give the id")
        row = rows[0] if rows else None
    if row is None:
        titles = [f"{r['id']}: {r['title']}" for r in store.query("SELECT id, title FROM jobs ORDER BY id")]
        hint = ("; jobs are " + ", ".join(titles)) if titles else "; there are no jobs yet (shortlist job add)"
        raise JobNotFound(f"no job with id or title {text!r}{hint}")
    row["spec"] = json.loads(row["spec"] or "{}")
    return row


def create_job(store: Store, title: str, description: str = "", spec: dict | None = None) -> int:
    stamp = now_iso()
    with store.transaction() as conn:
        cur = conn.execute(
            "INSERT INTO jobs (title, description, spec, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            (title, description, json.dumps(spec or {}, ensure_ascii=False), stamp, stamp),
        )
        return cur.lastrowid


class JobSpecError(ValueError):
    """A job description that cannot be used, naming the field and the problem."""


_CRITERION_KINDS = ("skill", "phrase")


def spec_from_toml(data: dict, source: str = "job") -> dict:
    """Check and normalise a job read from TOML (or built in the editor).

    Returns ``{"min_years", "location", "remote", "languages", "criteria": [...]}``
    where each criterion is ``{"name", "kind", "must", "weight", "synonyms"}``.
    """

    def fail(field: str, problem: str) -> JobSpecError:
        return JobSpecError(f"{source}: {field}: {problem}")

    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise fail("title", "a job needs a title (a non-empty string)")
    min_years = data.get("min_years")
    if min_years is not None and (not isinstance(min_years, int | float) or isinstance(min_years, bool)
                                  or not 0 <= min_years <= 60):  # fmt: skip
        raise fail("min_years", f"must be a number of years between 0 and 60, not {min_years!r}")
    location = data.get("location")
    if location is not None and not isinstance(location, str):
        raise fail("location", "must be text")
    remote = data.get("remote", False)
    if not isinstance(remote, bool):
        raise fail("remote", "must be true or false")
    languages = data.get("languages", [])
    if not isinstance(languages, list) or not all(isinstance(x, str) and x.strip() for x in languages):
        raise fail("languages", "must be a list of language names")
    criteria_in = data.get("criteria", [])
    if not isinstance(criteria_in, list):
        raise fail("criteria", "must be a list of [[criteria]] tables")
    criteria = []
    seen: set[str] = set()
    for number, raw in enumerate(criteria_in, start=1):
        where = f"criteria #{number}"
        if not isinstance(raw, dict):
            raise fail(where, "must be a table with at least a name")
        name = raw.get("name")
        if not isinstance(name, str) or not name.strip():
            raise fail(f"{where}.name", "each criterion needs a name")
        name = " ".join(name.split())
        if name.casefold() in seen:
            raise fail(f"{where}.name", f"{name!r} is listed twice")
        seen.add(name.casefold())
        weight = raw.get("weight", 1)
        if not isinstance(weight, int | float) or isinstance(weight, bool) or not 0 <= weight <= 10:
            raise fail(f"{where}.weight", f"must be a number from 0 to 10, not {weight!r}")
        must = raw.get("must", False)
        if not isinstance(must, bool):
            raise fail(f"{where}.must", "must be true or false")
        synonyms = raw.get("synonyms", [])
        if not isinstance(synonyms, list) or not all(isinstance(x, str) and x.strip() for x in synonyms):
            raise fail(f"{where}.synonyms", "must be a list of words or phrases")
        kind = raw.get("kind", "skill")
        if kind not in _CRITERION_KINDS:
            raise fail(f"{where}.kind", f"must be one of {', '.join(_CRITERION_KINDS)}, not {kind!r}")
        criteria.append({
            "name": name, "kind": kind, "must": must, "weight": float(weight),
            "synonyms": [" ".join(s.split()) for s in synonyms],
        })  # fmt: skip
    return {
        "min_years": float(min_years) if min_years is not None else None,
        "location": location.strip() if isinstance(location, str) and location.strip() else None,
        "remote": remote,
        "languages": [x.strip() for x in languages],
        "criteria": criteria,
    }
