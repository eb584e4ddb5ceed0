"""Disposition messages as text: templates, drafting, and the linter that reads a draft.

A template is plain text, first line ``Subject: …`` (``resources/templates/README.md``).
Placeholders are written in braces, ``{first_name}``, and filled with
:class:`string.Template` rules: a placeholder Shortlist does not know is left as
written, and the linter names it and blocks sending until the reviewer replaces it
(an unknown name never stops drafting with an error).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from parsing.text import fold, words
from review.answers import SHORT_ANSWER_LINE, SHORT_ANSWERS
from review.settings import Settings, config_path
from review.wording import cold_phrases, third_person_sentences

TEMPLATES = Path(__file__).resolve().parent.parent / "resources" / "templates"
TONES = ("warm", "brief", "formal")
MIN_MESSAGE_WORDS = 60
MAX_MESSAGE_WORDS = 350

PREFERENCES_INVITATION = (
    "Would you like to hear from us about future roles? "
    + SHORT_ANSWER_LINE
    + " — or tell us in your own words whether, how (email or phone) and how often. "
    "We will do exactly what you say."
)
# What a template may ask for; anything else in braces is left for the reviewer to fill.
PLACEHOLDERS = (
    "first_name",
    "job_title",
    "strength",
    "feedback",
    "other_roles",
    "preferences",
    "reviewer_name",
    "signature",
)


def normalise(text: str) -> str:
    return " ".join(fold(text or "").split())


class UnknownTemplate(LookupError):
    """No template of that name; the message lists the tones there are."""


class _Braces(string.Template):
    """``{name}`` placeholders (the templates' documented form); ``{{`` is a literal brace."""

    delimiter = "{"
    pattern = r"""
    \{(?:
      (?P<escaped>\{) |
      (?P<named>(?!x)x) |
      (?P<braced>[_a-z][_a-z0-9]*)\} |
      (?P<invalid>)
    )
    """


@dataclass
class Draft:
    subject: str
    body: str
    tone: str


def sign_off(settings: Settings) -> str:
    """ "Best wishes," over the reviewer's name and signature: the end of a message we draft."""
    name = settings.get("reviewer.name") or settings.get("sender.name")
    return "\n".join(x for x in ("Best wishes,", name, settings.get("reviewer.signature")) if x)


def template_text(tone: str) -> str:
    """A template: the user's copy beside their settings wins over the built-in one."""
    user = config_path().parent / "templates" / f"{tone}.txt"
    path = user if user.exists() else TEMPLATES / f"{tone}.txt"
    if not path.exists():
        raise UnknownTemplate(f"no message template called {tone!r} (choose {', '.join(TONES)})")
    return path.read_text(encoding="utf-8")


def _titles(job_titles: list[str]) -> str:
    if len(job_titles) <= 2:
        return " and ".join(job_titles)
    return ", ".join(job_titles[:-1]) + " and " + job_titles[-1]


def draft_message(
    tone: str,
    *,
    first: str,
    job_titles: list[str],
    strength: str,
    reviewer: str,
    signature: str = "",
    feedback: str = "",
    other_roles: list[str] = (),  # type: ignore[assignment]
) -> Draft:
    """The template of ``tone`` filled in; unknown placeholders stay for the linter to name."""
    raw = template_text(tone)
    subject_line, _, body = raw.partition("\n")
    subject = subject_line.removeprefix("Subject:").strip()
    feedback_text = ""
    if feedback.strip():
        feedback_text = (
            f"\n\nSome honest feedback, since you may find it useful: {feedback.strip()}"
        )
    roles_text = ""
    if other_roles:
        roles_text = (
            "\n\nYou may also like these open roles, which fit what you do well: "
            + "; ".join(other_roles)
            + ". Reply if you would like us to consider you."
        )
    values = {
        "first_name": first or "there",
        "job_title": _titles(job_titles),
        "strength": strength.strip(),
        "feedback": feedback_text,
        "other_roles": roles_text,
        "preferences": PREFERENCES_INVITATION,
        "reviewer_name": reviewer or "",
        "signature": signature or "",
    }
    filled_subject = _Braces(subject).safe_substitute(values)
    filled_body = _Braces(body).safe_substitute(values).strip() + "\n"
    return Draft(filled_subject, filled_body, tone)


# --- the linter -----------------------------------------------------------------------


@dataclass
class Lint:
    level: str  # block or warn
    code: str
    message: str
    suggestion: str | None = None


_NO_REPLY = re.compile(r"no[-_.]?reply|do[-_.]?not[-_.]?reply|donotreply|noreply", re.IGNORECASE)
_PLACEHOLDER = re.compile(
    r"\{[^{}\n]{0,40}\}|\[(?:name|first name|job|title|company|x+)\]|<(?:name|first name|job)>"
    r"|\bXXX+\b|\bTODO\b|\{\{|\}\}",
    re.IGNORECASE,
)
_TEMPLATE_NAME = re.compile(r"\{([_a-z][_a-z0-9]*)\}")
_GREETING = re.compile(
    r"^\s*(?:dear|hi|hello|hey|good (?:morning|afternoon|evening)|hallo|liebe[rs]?"
    r"|sehr geehrte[rs]?|bonjour|chère|cher|hola|estimad[oa]|querid[oa]|olá|ola|prezad[oa])"
    r"\b[^\n]*",
    re.IGNORECASE,
)


def _placeholder_lint(found: str, where: str) -> Lint:
    name = _TEMPLATE_NAME.fullmatch(found)
    if name and name.group(1) not in PLACEHOLDERS:
        known = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
        return Lint(
            "block",
            "unknown_placeholder",
            f"“{found}” in the {where} is not a placeholder Shortlist fills ({known}): "
            "write the words yourself, or fix the template.",
        )
    return Lint("block", "placeholder", f"Fill in “{found}” in the {where}.")


def _address_lints(sender_email: str, reply_to: str) -> list[Lint]:
    out = []
    for label, address in (("sender", sender_email), ("reply-to", reply_to)):
        if not address or "@" not in address:
            out.append(
                Lint(
                    "block",
                    f"no_{label}",
                    f"Set a real {label} address in Settings: replies must reach a person.",
                )
            )
        elif _NO_REPLY.search(address):
            out.append(
                Lint(
                    "block",
                    "no_reply",
                    f"The {label} address {address} is a no-reply address: "
                    "use one that reaches a person.",
                )
            )
    return out


def _copies_internal_note(folded_body: str, why_not: list[str]) -> bool:
    for internal in why_not:
        internal = internal.strip()
        if len(words(internal)) >= 4 and (
            fold(internal) in folded_body or fuzz.partial_ratio(fold(internal), folded_body) >= 92
        ):
            return True
    return False


def lint_message(
    subject: str,
    body: str,
    *,
    first: str,
    why_not: list[str],
    sender_email: str,
    reply_to: str,
    full_name: str = "",
) -> list[Lint]:
    """Problems in a message: blocks stop sending, warnings are advice.

    Warnings include sentences that speak *about* them instead of to them (their name, he or
    she: :func:`review.wording.third_person_sentences`, each with its second-person version) and
    stock phrases of form letters in five languages (:func:`review.wording.cold_phrases`, each
    with a kinder alternative)."""
    out: list[Lint] = []
    first_line = next((line for line in body.splitlines() if line.strip()), "")
    greeting = _GREETING.match(first_line)
    if not greeting or (first and fold(first) not in fold(first_line)):
        example = f"“Hi {first or 'Ana'},”"
        out.append(
            Lint("block", "greeting", f"Greet them by name on the first line (e.g. {example}).")
        )
    out += _address_lints(sender_email, reply_to)
    for text, where in ((subject, "subject"), (body, "message")):
        found = _PLACEHOLDER.search(text)
        if found:
            out.append(_placeholder_lint(found.group(), where))
    folded = fold(body)
    if _copies_internal_note(folded, why_not):
        out.append(
            Lint(
                "warn",
                "internal_note",
                "Your internal “why not” note is copied into the message: "
                "say it for them, in words meant for them.",
            )
        )
    for finding in third_person_sentences(body, first, full_name):
        out.append(Lint("warn", finding.code, finding.message))
    for cold in cold_phrases(body):
        out.append(Lint("warn", cold.code, cold.message, cold.suggestion or None))
    if sum(answer in body for answer in SHORT_ANSWERS) < 2:
        out.append(
            Lint(
                "warn",
                "short_answers",
                "Offer them short answers about staying in touch: their reply then comes back to "
                "Shortlist as their wish.",
                PREFERENCES_INVITATION,
            )
        )
    count = len(words(body))
    if count < MIN_MESSAGE_WORDS:
        out.append(
            Lint(
                "warn",
                "too_short",
                f"Only {count} words: a little more will feel like a person wrote it.",
            )
        )
    elif count > MAX_MESSAGE_WORDS:
        out.append(Lint("warn", "too_long", f"{count} words: shorter will be kinder to read."))
    return out


def blocking(lints: list[Lint]) -> list[Lint]:
    return [item for item in lints if item.level == "block"]
