"""Settings, each declared once with its type, default and a human title.

Stored as JSON in the user's config folder (``$SHORTLIST_CONFIG`` overrides
the file), shared by the app and ``shortlist config get/set``. Secrets are not
settings: the SMTP password lives in the OS keyring, never here.

Every value is checked when it is set (in both faces) and when it is read from
the file: a file that is not a JSON object, or holds a value its setting cannot
take (``"smtp.port": "abc"``), gives one :class:`SettingError` sentence that
names the key and the command that fixes it — never a traceback.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


class SettingError(ValueError):
    """A value a setting cannot take, or a settings file that cannot be used: the message names
    the key, what is wrong and (for the file) how to fix it."""


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # a line break in a header or a host is never meant
_ADDRESS = re.compile(r"^[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[^@\s<>(),;:\"]{2,}$")
_NO_REPLY = re.compile(r"no[-_.]?reply|do[-_.]?not[-_.]?reply|donotreply", re.IGNORECASE)


def check_address(value: str) -> str | None:
    """Why an email address cannot be used for messages to people, or None when it can."""
    if not value:
        return None  # not set yet: the gate asks for it before the first message
    if not _ADDRESS.match(value):
        return f"{value!r} is not an email address (like robin@example.com)"
    if _NO_REPLY.search(value.split("@")[0]):
        return f"{value} is a no-reply address: candidates must be able to answer a person"
    return None


def check_folder(value: str) -> str | None:
    """Why a folder cannot be written to, or None (an empty value means the default)."""
    if not value:
        return None
    folder = Path(value).expanduser()
    probe = folder
    while not probe.exists() and probe.parent != probe:
        probe = (
            probe.parent
        )  # the folder is made when first needed: its nearest parent must allow it
    if not probe.is_dir():
        return f"{value} is not a folder ({probe} is a file)"
    if not os.access(probe, os.W_OK | os.X_OK):
        return f"{value} cannot be written to (no permission on {probe})"
    return None


def check_file_folder(value: str) -> str | None:
    return check_folder(str(Path(value).expanduser().parent)) if value else None


def check_port(value: int) -> str | None:
    return (
        None if 1 <= value <= 65535 else f"{value} is not a port (1 to 65535; usually 587 or 465)"
    )


def check_host(value: str) -> str | None:
    if value and not re.fullmatch(r"[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]", value):
        return f"{value!r} is not a server name (like smtp.example.com)"
    return None


def check_timezone(value: str) -> str | None:
    if not value:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return f"{value!r} is not a time zone name (like Europe/Berlin or America/New_York)"
    return None


def _at_least(low: float) -> Callable[[float], str | None]:
    return lambda value: None if value >= low else f"must be at least {low:g}"


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: object
    title: str
    help: str = ""
    choices: tuple = ()
    check: Callable | None = None  # the value -> why it is refused, or None

    def parse(self, text, *, now: bool = True):
        """A value from text typed by a person, or a value read from the file or a form:
        checked, or SettingError saying what is expected. ``now=False`` (a value read back from
        the file) checks only what it is — its type and choices —, not what was asked of it on
        entry (an address that is not no-reply, a folder that can be written): the gate and the
        transports say those again when they matter."""
        if self.type is bool:
            if isinstance(text, bool):
                return text
            lowered = str(text).strip().lower()
            if lowered in ("1", "true", "yes", "on"):
                return True
            if lowered in ("0", "false", "no", "off"):
                return False
            raise SettingError(f"{self.key}: expected true or false, not {text!r}")
        if self.type in (int, float):
            value = self._number(text)
        elif not isinstance(text, str):
            raise SettingError(f"{self.key}: expected text, not {text!r}")
        else:
            value = text.strip()
            if _CONTROL.search(value):
                raise SettingError(f"{self.key}: expected text on one line, not {text!r}")
        if self.choices and value not in self.choices:
            raise SettingError(
                f"{self.key}: expected one of {', '.join(map(str, self.choices))}, not {text!r}"
            )
        if self.check and now:
            problem = self.check(value)
            if problem:
                raise SettingError(f"{self.title}: {problem}")
        return value

    def _number(self, text):
        kind = "a whole number" if self.type is int else "a number"
        if isinstance(text, bool):
            raise SettingError(f"{self.key}: expected {kind}, not {text!r}")
        try:
            value = self.type(text.strip()) if isinstance(text, str) else self.type(text)
        except (TypeError, ValueError, OverflowError):
            raise SettingError(f"{self.key}: expected {kind}, not {text!r}") from None
        if self.type is int and not isinstance(text, str) and value != text:
            raise SettingError(f"{self.key}: expected {kind}, not {text!r}")  # 2.5
        if value != value or value in (float("inf"), float("-inf")):
            raise SettingError(f"{self.key}: expected {kind}, not {text!r}")
        return value


SETTINGS: tuple[Setting, ...] = (
    Setting("reviewer.name", str, "", "Your name", "Signs your messages and your notes."),
    Setting("reviewer.signature", str, "", "Signature", "Added under your messages."),
    Setting(
        "reply_to",
        str,
        "",
        "Reply-to address",
        "Where candidates' answers reach you (a person, never no-reply).",
        check=check_address,
    ),
    Setting(
        "sender.name", str, "", "Sender name", "The From name of messages (usually your name)."
    ),
    Setting(
        "sender.email",
        str,
        "",
        "Sender address",
        "The From address of messages.",
        check=check_address,
    ),
    Setting(
        "transport",
        str,
        "outbox",
        "Send messages by",
        "smtp, or outbox: .eml files a mail client sends.",
        ("smtp", "outbox"),
    ),
    Setting("smtp.host", str, "", "SMTP server", check=check_host),
    Setting("smtp.port", int, 587, "SMTP port", check=check_port),
    Setting(
        "smtp.security",
        str,
        "starttls",
        "SMTP security",
        "starttls, ssl, or none for a local relay.",
        ("starttls", "ssl", "none"),
    ),
    Setting(
        "smtp.user", str, "", "SMTP user name", "The password is kept in your system's keyring."
    ),
    Setting(
        "outbox.dir",
        str,
        "",
        "Outbox folder",
        "Where .eml files are written (default: beside the database).",
        check=check_folder,
    ),
    Setting(
        "database",
        str,
        "",
        "Database file",
        "Empty: shortlist.db in your data folder.",
        check=check_file_folder,
    ),
    Setting(
        "import.workers",
        int,
        0,
        "Reader processes",
        "0: one per processor core.",
        check=_at_least(0),
    ),
    Setting("import.time_limit", float, 30.0, "Time limit per file (seconds)", check=_at_least(1)),
    Setting("import.memory_mb", int, 1024, "Memory cap per reader (MB)", check=_at_least(128)),
    Setting("import.max_mb", int, 20, "Largest file (MB)", check=_at_least(0)),
    Setting(
        "review.stale_days",
        int,
        7,
        "Days before a waiting person stands out",
        "People unreviewed for longer are highlighted.",
        check=_at_least(1),
    ),
    Setting(
        "interview.timezone",
        str,
        "",
        "Time zone of interviews",
        "A name like Europe/Berlin; empty: this computer's. Invitations carry it.",
        check=check_timezone,
    ),
)
BY_KEY = {s.key: s for s in SETTINGS}


def config_path() -> Path:
    env = os.environ.get("SHORTLIST_CONFIG")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("shortlist", appauthor=False)) / "settings.json"


class Settings:
    """Current values, checked when set and when read from the file; unknown keys in the file
    are kept but ignored."""

    def __init__(self, path: Path | None = None):
        self.path = path or config_path()
        self._values: dict = {}
        if self.path.exists():
            try:
                values = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise SettingError(f"the settings file {self.path} cannot be read: {exc}") from None
            if not isinstance(values, dict):
                held = {
                    list: "a list",
                    str: "a string",
                    int: "a number",
                    float: "a number",
                    bool: "true or false",
                }.get(type(values), "null")
                raise SettingError(
                    f"the settings file {self.path} holds {held} where settings (a JSON object) "
                    "belong: fix it, or delete it to start from the defaults"
                )
            self._values = values

    def problem(self, key: str) -> str | None:
        """Why the file's value of ``key`` cannot be used, or None when it can (or is not set)."""
        setting = _setting(key)
        if key not in self._values:
            return None
        try:
            setting.parse(self._values[key], now=False)
        except SettingError as exc:
            example = setting.default if setting.default not in ("", None) else "…"
            return (
                f"the settings file {self.path} has {exc}; fix it with: "
                f"shortlist config set {key} {example}"
            )
        return None

    def problems(self) -> list[str]:
        return [p for p in (self.problem(s.key) for s in SETTINGS) if p]

    def get(self, key: str):
        """The value of ``key``; SettingError when the file holds one it cannot take."""
        setting = _setting(key)
        if key not in self._values:
            return setting.default
        problem = self.problem(key)
        if problem:
            raise SettingError(problem)
        return setting.parse(self._values[key], now=False)

    def set(self, key: str, value) -> None:
        """Check and store one value (text as typed, or a value of the setting's type);
        SettingError with the reason when refused."""
        self.update({key: value})

    def update(self, values: dict) -> None:
        """Check every value first, then store them together: one bad value changes nothing."""
        checked = {key: _setting(key).parse(value) for key, value in values.items()}
        self._values.update(checked)
        self.save()

    def save(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".settings-")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(self._values, fh, indent=2, ensure_ascii=False)
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise SettingError(
                f"could not save the settings to {self.path}: {exc.strerror or exc}"
            ) from None

    def reviewer(self) -> str:
        """Who is acting: the reviewer's name, else the login name. Every audit row carries it."""
        return (
            self.get("reviewer.name")
            or os.environ.get("USER")
            or os.environ.get("USERNAME")
            or "reviewer"
        )

    def as_dict(self) -> dict:
        return {s.key: self.get(s.key) for s in SETTINGS}


def _setting(key: str) -> Setting:
    try:
        return BY_KEY[key]
    except KeyError:
        raise KeyError(f"no setting {key!r}; settings are: {', '.join(BY_KEY)}") from None
