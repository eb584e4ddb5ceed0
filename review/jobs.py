"""Jobs: what the recruiter is hiring for."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from review import audit
from review.db import Store, now_iso
from review.status import JobStatus


@dataclass
class Job:
    """A job as the rest of Shortlist sees it: its spec decoded (see :func:`spec_from_toml`)."""

    id: int
    title: str
    spec: dict = field(default_factory=dict)
    description: str = ""
    status: str = JobStatus.OPEN
    blind: bool = False
    created_at: str = ""
    people: int | None = None  # applications, when listed with :func:`list_jobs`


def _job(row: dict) -> Job:
    return Job(
        id=row["id"],
        title=row["title"],
        spec=json.loads(row.get("spec") or "{}"),
        description=row.get("description") or "",
        status=row["status"],
        blind=bool(row.get("blind")),
        created_at=row.get("created_at") or "",
        people=row.get("people"),
    )


class JobNotFound(LookupError):
    pass


def resolve_job(store: Store, ref: str | int) -> Job:
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
        titles = [
            f"{r['id']}: {r['title']}"
            for r in store.query("SELECT id, title FROM jobs ORDER BY id")
        ]
        hint = (
            ("; jobs are " + ", ".join(titles))
            if titles
            else "; there are no jobs yet (shortlist job add)"
        )
        raise JobNotFound(f"no job with id or title {text!r}{hint}")
    return _job(row)


def create_job(
    store: Store,
    title: str,
    description: str = "",
    spec: dict | None = None,
    actor: str = "shortlist",
) -> int:
    """A new open job, audited (``job_created``). Returns its id."""
    stamp = now_iso()
    with store.transaction() as conn:
        cur = conn.execute(
            "INSERT INTO jobs (title, description, spec, created_at, updated_at) VALUES (?, ?, ?, "
            "?, ?)",
            (title, description, json.dumps(spec or {}, ensure_ascii=False), stamp, stamp),
        )
        job_id = cur.lastrowid or 0
        audit.record(conn, actor, "job_created", job_id=job_id, at=stamp, title=title)
        return job_id


def job_titled(store: Store, title: str) -> int | None:
    """The first job with exactly this title, if any."""
    return store.scalar("SELECT id FROM jobs WHERE title = ? ORDER BY id LIMIT 1", (title,))


def set_blind(store: Store, job_id: int, on: bool, actor: str) -> None:
    """Blind review for a job: names, contact details and locations hidden until shortlisted."""
    with store.transaction() as conn:
        conn.execute("UPDATE jobs SET blind = ? WHERE id = ?", (int(on), job_id))
        audit.record(conn, actor, "blind_review", job_id=job_id, on=bool(on))


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
    if min_years is not None and (
        not isinstance(min_years, int | float)
        or isinstance(min_years, bool)
        or not 0 <= min_years <= 60
    ):
        raise fail("min_years", f"must be a number of years between 0 and 60, not {min_years!r}")
    location = data.get("location")
    if location is not None and not isinstance(location, str):
        raise fail("location", "must be text")
    remote = data.get("remote", False)
    if not isinstance(remote, bool):
        raise fail("remote", "must be true or false")
    languages = data.get("languages", [])
    if not isinstance(languages, list) or not all(
        isinstance(x, str) and x.strip() for x in languages
    ):
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
        if not isinstance(synonyms, list) or not all(
            isinstance(x, str) and x.strip() for x in synonyms
        ):
            raise fail(f"{where}.synonyms", "must be a list of words or phrases")
        kind = raw.get("kind", "skill")
        if kind not in _CRITERION_KINDS:
            raise fail(
                f"{where}.kind", f"must be one of {', '.join(_CRITERION_KINDS)}, not {kind!r}"
            )
        criteria.append(
            {
                "name": name,
                "kind": kind,
                "must": must,
                "weight": float(weight),
                "synonyms": [" ".join(s.split()) for s in synonyms],
            }
        )
    return {
        "min_years": float(min_years) if min_years is not None else None,
        "location": location.strip() if isinstance(location, str) and location.strip() else None,
        "remote": remote,
        "languages": [x.strip() for x in languages],
        "criteria": criteria,
    }


def load_job_toml(path) -> tuple[str, str, dict]:
    """(title, description, spec) from a job TOML file, or JobSpecError naming the problem."""
    import tomllib
    from pathlib import Path

    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise JobSpecError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise JobSpecError(f"{path} is a folder: give the job's .toml file") from None
    except OSError as exc:
        raise JobSpecError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise JobSpecError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise JobSpecError(f"{path}: not valid TOML ({exc})") from None
    spec = spec_from_toml(data, str(path))
    return data["title"].strip(), str(data.get("description", "")).strip(), spec


def _toml_string(value: str) -> str:
    if "\n" in value:
        return '"""\n' + value.replace("\\", "\\\\").replace('"""', '\\"\\"\\"') + '\n"""'
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return _toml_string(str(value))


def spec_to_toml(spec: dict) -> str:
    """The TOML form of a job (as read by ``shortlist job add``)."""
    lines = []
    for key in ("title", "description", "min_years", "location", "remote", "languages"):
        value = spec.get(key)
        if value is None or value == [] or value == "":
            continue
        lines.append(f"{key} = {_toml_value(value)}")
    for criterion in spec.get("criteria", []):
        lines.append("")
        lines.append("[[criteria]]")
        lines.append(f"name = {_toml_value(criterion['name'])}")
        if criterion.get("kind", "skill") != "skill":
            lines.append(f"kind = {_toml_value(criterion['kind'])}")
        if criterion.get("must"):
            lines.append("must = true")
        lines.append(f"weight = {_toml_value(criterion.get('weight', 1))}")
        if criterion.get("synonyms"):
            lines.append(f"synonyms = {_toml_value(criterion['synonyms'])}")
    return "\n".join(lines) + "\n"


def list_jobs(store: Store) -> list[Job]:
    """Every job, by id, with how many people applied."""
    rows = store.query(
        "SELECT j.*, (SELECT count(*) FROM applications a WHERE a.job_id = j.id) AS people "
        "FROM jobs j ORDER BY j.id"
    )
    return [_job(row) for row in rows]


def update_spec(store: Store, job_id: int, spec: dict, actor: str = "reviewer") -> None:
    stamp = now_iso()
    with store.transaction() as conn:
        conn.execute(
            "UPDATE jobs SET spec = ?, updated_at = ? WHERE id = ?",
            (json.dumps(spec, ensure_ascii=False), stamp, job_id),
        )
        criteria = [c["name"] for c in spec.get("criteria", [])]
        audit.record(conn, actor, "job_edited", job_id=job_id, at=stamp, criteria=criteria)
