"""What a person's reply says about how they want to hear from us.

Two kinds of answer, kept apart on purpose:

- an **opt-out** ("stop", "unsubscribe", "please don't contact me", and the same in
  German, French, Spanish and Portuguese, or the short answer NEVER, or the
  subject of our ``List-Unsubscribe`` link) is their wish and is honoured at once;
- anything else about contact ("monthly is fine", "only roles in data
  engineering", "call me instead", "no more emails but keep me in mind") becomes a
  **proposal**: a change to their contact preferences that waits for the
  recruiter's one-step confirmation.

Only their own words count: quoted text (our message below their answer, lines
starting with ``>``, "On … wrote:") and signatures are cut off first, so the
"Reply MONTHLY, QUARTERLY, MATCHING or NEVER" of our own message never reads as
their answer. Pure functions, no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote

from parsing.text import fold

# Short answers our messages offer (messages.PREFERENCES_INVITATION), and what each means.
SHORT_ANSWERS = {
    "MONTHLY": {"frequency": "monthly", "consent": True},
    "QUARTERLY": {"frequency": "quarterly", "consent": True},
    "MATCHING": {"frequency": "matching_roles", "consent": True},
    "NEVER": None,  # an opt-out
}
SHORT_ANSWER_LINE = "Reply MONTHLY, QUARTERLY, MATCHING (only roles that match you) or NEVER"
# The subject of the List-Unsubscribe mailto link: a reply with it is an opt-out.
UNSUBSCRIBE_SUBJECT = "Unsubscribe"
UNSUBSCRIBE_BODY = "Please do not contact me again."
MAX_ANSWER_CHARS = 4000


def unsubscribe_header(reply_to: str) -> str | None:
    """``List-Unsubscribe`` (RFC 2369): a mailto link to the reply address with a subject and
    body Shortlist recognises. None without a usable address."""
    address = (reply_to or "").strip()
    if "@" not in address or any(ch in address for ch in "<>\r\n ,"):
        return None
    subject, body = quote(UNSUBSCRIBE_SUBJECT), quote(UNSUBSCRIBE_BODY)
    return f"<mailto:{quote(address, safe='@.+-_')}?subject={subject}&body={body}>"


# --- their own words ---------------------------------------------------------------------

# Where the quoted message starts: "On Mon, 3 Nov 2026, Robin wrote:", "-----Original Message-----",
# Outlook's "From: … Sent: …" block, and the same lead-ins in de, fr, es, pt.
_QUOTE_START = re.compile(
    r"^\s*(?:"
    r"on\b.{0,200}\bwrote:?|am\b.{0,200}\bschrieb\b.{0,80}:?|le\b.{0,200}\ba écrit\s*:?"
    r"|el\b.{0,200}\bescribió:?|em\b.{0,200}\bescreveu:?"
    r"|-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|mensaje original"
    r"|mensagem original)\s*-{2,}"
    r"|_{10,}"
    r"|(?:from|von|de|da)\s*:\s.+"  # Outlook's header block of the message answered
    r")\s*$",
    re.IGNORECASE,
)
_SIGNATURE = re.compile(
    r"^(?:-- ?|—\s*|sent from my \w+.*|enviado desde mi .*|envoyé de mon .*)$", re.IGNORECASE
)


def own_words(body: str) -> str:
    """The part of a reply its sender wrote: up to the quoted message or the signature."""
    kept = []
    for line in (body or "").replace("\r\n", "\n").split("\n"):
        if _QUOTE_START.match(line) or _SIGNATURE.match(line.strip()):
            break
        if line.lstrip().startswith(">"):
            continue  # interleaved quoting: their words around ours
        kept.append(line)
    return "\n".join(kept).strip()


# --- opt-outs ------------------------------------------------------------------------------

# Folded (lower case, accents off): "não" → "nao". Each is a wish not to be contacted at all.
_OPT_OUT_PHRASES = (
    # English
    r"unsubscribe",
    r"opt(?:ing)? out",
    r"(?:please )?(?:do not|don'?t|dont|never) (?:contact|email|e-mail|call|message|write to) me",
    r"stop (?:contacting|emailing|e-mailing|messaging|calling|writing to|sending) (?:me|us)",
    r"stop sending",
    r"remove me from",
    r"take me off",
    r"no (?:further|more) contact",
    r"leave me alone",
    # German
    r"abmelden",
    r"austragen",
    r"(?:bitte )?(?:kontaktieren|schreiben|mailen) sie mir? nicht mehr",
    r"(?:bitte )?kontaktieren sie mich nicht",
    r"nicht mehr kontaktieren",
    r"keinen? (?:weiteren )?kontakt",
    r"keine (?:weiteren )?(?:e-?mails|nachrichten) mehr",
    # French
    r"desabonner",
    r"desinscri(?:re|vez|s)",
    r"ne (?:me )?(?:contactez|contacter|ecrivez|ecrire) (?:plus|pas)",
    r"ne plus me (?:contacter|ecrire)",
    r"plus de (?:messages|courriels|e-?mails)",
    # Spanish
    r"dar(?:me)? de baja",
    r"(?:no me|no vuelvan a) (?:contacten|contactes|contacte|escriban|escribas|llamen)",
    r"no (?:quiero|deseo) (?:recibir|que me contacten)",
    r"dejen de (?:contactarme|escribirme|enviarme)",
    # Portuguese
    r"descadastr",
    r"cancelar (?:a )?inscricao",
    r"(?:nao me|nao voltem a) (?:contatem|contactem|contate|contacte|escrevam|liguem)",
    r"nao (?:quero|desejo) (?:receber|ser contactad|ser contatad)",
    r"parem de (?:me )?(?:contatar|contactar|escrever|enviar)",
)
_OPT_OUT = re.compile(r"\b(?:" + "|".join(_OPT_OUT_PHRASES) + r")", re.IGNORECASE)
# A one-word answer (or nearly): "STOP", "Stopp.", "NEVER", "Arrêtez", "Basta", "Pare".
_SHORT_STOP = re.compile(
    r"^(?:please\s+|bitte\s+|por favor\s+|s'il vous plait\s+)?"
    r"(?:stop+|never|nie(?:mals)?|jamais|nunca|arretez|basta|pare|parem|halt)"
    r"(?:\s+(?:please|bitte|por favor|thanks?|thank you|merci|gracias|obrigad[oa]|danke))?[\s.!]*$",
    re.IGNORECASE,
)


def _folded_lines(text: str) -> list[str]:
    return [" ".join(fold(line).split()) for line in text.splitlines() if line.strip()]


def is_opt_out(words: str, subject: str = "") -> str | None:
    """The phrase that says they do not want to be contacted, or None."""
    folded_subject = " ".join(fold(subject or "").split())
    if re.match(r"^(?:(?:re|aw|sv|fw|wg|tr|rv|res)\s*:\s*)*unsubscribe\b", folded_subject):
        return UNSUBSCRIBE_SUBJECT
    lines = _folded_lines(words)
    if lines and _SHORT_STOP.match(lines[0]):
        return lines[0].strip(" .!")
    found = _OPT_OUT.search(" ".join(lines).replace("’", "'"))
    if found and not _KEEP_ME.search(" ".join(lines)):
        return found.group(0)
    return None


# --- proposals -------------------------------------------------------------------------------

_KEEP_ME = re.compile(
    r"keep me in mind|keep me (?:posted|updated|in (?:the loop|your (?:list|pool|database)))"
    r"|in (?:the )?(?:talent )?pool|behalten sie mich|gardez[- ]moi|tenganme en cuenta"
    r"|me tengan en cuenta|mantenham-me|me mantenham",
    re.IGNORECASE,
)
_FREQUENCIES = (
    (
        re.compile(
            r"\b(?:monthly|once a month|every month|monatlich|mensuel(?:lement)?|mensual"
            r"(?:mente)?|mensal(?:mente)?|cada mes|todo mes|une fois par mois)\b",
            re.I,
        ),
        "monthly",
    ),
    (
        re.compile(
            r"\b(?:quarterly|every (?:three|3) months|once a quarter|vierteljahrlich"
            r"|quartalsweise|trimestriel(?:lement)?|trimestral(?:mente)?|cada (?:tres|3) meses"
            r"|a cada (?:tres|3) meses|tous les (?:trois|3) mois)\b",
            re.I,
        ),
        "quarterly",
    ),
    (
        re.compile(
            r"\b(?:matching|only (?:when|if) (?:something|a role|there is a role)|when "
            r"(?:something|a role) (?:fits|matches|comes up)|passende stellen|nur passende"
            r"|postes? correspondant|solo (?:roles|puestos) que encajen"
            r"|apenas vagas (?:que|compat))\b",
            re.I,
        ),
        "matching_roles",
    ),
)
_PHONE = re.compile(
    r"\b(?:call me|phone me|ring me|give me a call|by phone|rather (?:a )?(?:call|phone)"
    r"|prefer (?:a )?(?:call|phone)|rufen sie mich an|telefonisch|appelez-moi|par telephone"
    r"|llamame|llamenme|por telefono|me liguem|ligue-me|por telefone)\b",
    re.IGNORECASE,
)
_EMAIL = re.compile(
    r"\b(?:email is (?:fine|best|better|ok)|by e-?mail|prefer e-?mail|per e-?mail|par (?:e-?mail|"
    r"courriel)|por (?:correo|e-?mail))\b",
    re.IGNORECASE,
)
_NO_EMAILS = re.compile(
    r"\b(?:no more (?:e-?mails|messages|newsletters)|fewer (?:e-?mails|messages)"
    r"|keine (?:e-?mails|nachrichten) mehr|plus de (?:courriels|e-?mails)"
    r"|no (?:mas|más) (?:correos|e-?mails)|sem mais (?:e-?mails|mensagens))\b",
    re.IGNORECASE,
)
_YES = re.compile(
    r"^(?:yes|yes please|sure|happy to|i would like that|i'd like that|ja|gerne|oui|volontiers"
    r"|si|sí|claro|sim)\b",
    re.IGNORECASE,
)
# "only roles in data engineering", "interested in data engineering roles",
# "roles in machine learning please": the topic they want to hear about.
_TOPIC = re.compile(
    r"\b(?:only (?:roles|jobs|positions|openings) (?:in|for|around|about|related to)"
    r"|(?:roles|jobs|positions|openings) (?:in|for|around|about|related to)"
    r"|only (?:in|for)|interested in|nur (?:stellen|rollen) (?:im bereich|in|fur)"
    r"|uniquement (?:des postes|les postes)? ?(?:en|dans)|solo (?:puestos|roles) (?:en|de)"
    r"|apenas (?:vagas|cargos) (?:em|de|na|no))\s+(?P<topic>[^.,;:!?\n]{2,60})",
    re.IGNORECASE,
)
_TOPIC_TAIL = re.compile(
    r"\s+(?:roles?|jobs?|positions?|openings?|please|thanks?|thank you|only|bitte|merci"
    r"|por favor|obrigad[oa])$|\s+(?:and|but|or|und|et|y|e)\s.*$",
    re.IGNORECASE,
)


@dataclass
class Answer:
    """What a reply says: an opt-out (the phrase), a proposal (fields of contact preferences),
    both empty when it says nothing about contact. ``reasons`` quote what was understood."""

    opt_out: str | None = None
    proposal: dict = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)


def _topic(text: str) -> str | None:
    found = _TOPIC.search(text)
    if not found:
        return None
    topic = found.group("topic").strip()
    for _ in range(3):
        topic = _TOPIC_TAIL.sub("", topic).strip()
    return topic or None


def read_answer(body: str, subject: str = "") -> Answer:
    """What the person's own words in a reply ask for (see the module's docs)."""
    # A wish about contact is said early; a long letter is read for its first lines only.
    words = own_words(body)[:MAX_ANSWER_CHARS]
    stop = is_opt_out(words, subject)
    if stop:
        return Answer(opt_out=stop, reasons=[f"“{stop}”"])
    first = _folded_lines(words)[:1]
    short = first[0].strip(" .!").upper() if first else ""
    if SHORT_ANSWERS.get(short):
        return Answer(proposal=dict(SHORT_ANSWERS[short]), reasons=[f"“{short}”"])
    proposal: dict = {}
    reasons: list[str] = []
    text = " ".join(fold(words).split()).replace("’", "'")
    for pattern, frequency in _FREQUENCIES:
        found = pattern.search(text)
        if found:
            proposal["frequency"], proposal["consent"] = frequency, True
            reasons.append(f"“{found.group(0)}”")
            break
    topic = _topic(" ".join(words.split()))
    if topic:
        proposal["topics"] = [topic]
        proposal.setdefault("frequency", "matching_roles")
        proposal["consent"] = True
        reasons.append(f"“{topic}”")
    if (found := _PHONE.search(text)) is not None:
        proposal["channel"] = "phone"
        reasons.append(f"“{found.group(0)}”")
    elif (found := _EMAIL.search(text)) is not None:
        proposal["channel"] = "email"
        reasons.append(f"“{found.group(0)}”")
    no_emails = _NO_EMAILS.search(text)
    keep = _KEEP_ME.search(text)
    if no_emails and keep:
        # Stay in the pool, hear only when a role really fits: no regular messages.
        proposal.setdefault("frequency", "matching_roles")
        proposal["consent"] = True
        reasons += [f"“{no_emails.group(0)}”", f"“{keep.group(0)}”"]
    elif keep:
        proposal["consent"] = True
        reasons.append(f"“{keep.group(0)}”")
    if not proposal and first and _YES.match(first[0]):
        proposal["consent"] = True
        reasons.append(f"“{first[0][:40]}”")
    return Answer(proposal=proposal, reasons=reasons)


def describe(proposal: dict | None) -> str:
    """A proposal in a recruiter's words: "hear monthly; be contacted by phone"."""
    if not proposal:
        return ""
    frequencies = {
        "monthly": "hear monthly",
        "quarterly": "hear quarterly",
        "matching_roles": "hear only about roles that match them",
        "never": "never hear from us",
    }
    channels = {
        "phone": "be contacted by phone",
        "email": "be contacted by email",
        "none": "not be contacted",
    }
    bits = []
    if "frequency" in proposal:
        bits.append(frequencies.get(proposal["frequency"], proposal["frequency"]))
    if "channel" in proposal:
        bits.append(channels.get(proposal["channel"], proposal["channel"]))
    if proposal.get("topics"):
        bits.append("hear about " + ", ".join(proposal["topics"]))
    if proposal.get("consent") and not bits:
        bits.append("stay in touch")
    return "; ".join(bits)
