"""Settings, each declared once with its type, default and a human title.

Stored as JSON in the user's config folder (``$SHORTLIST_CONFIG`` overrides
the file), shared by the app and ``shortlist config get/set``. Secrets are not
settings: the SMTP password lives in the OS keyring, never here.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path


class SettingError(ValueError):
    """A setting's value is not one it can take; the message names the key, what is expected and
    what was given (and, for a value read from the file, how to fix it)."""


_ADDRESS = re.compile(r"[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: object
    title: str
    help: str = ""
    choices: tuple = ()
    minimum: float | None = None
    maximum: float | None = None
    address: bool = False  # an email address (or empty)

    def expected(self) -> str:
        """What the setting takes, in words."""
        if self.choices:
            return "one of " + ", ".join(map(str, self.choices))
        if self.type is bool:
            return "true or false"
        if self.type in (int, float):
            kind = "a whole number" if self.type is int else "a number"
            if self.minimum is not None and self.maximum is not None:
                return f"{kind} from {self.minimum:g} to {self.maximum:g}"
            if self.minimum is not None:
                return f"{kind} of at least {self.minimum:g}"
            return kind
        if self.address:
            return "an email address (name@example.com), or nothing"
        return "text on one line"

    def _wrong(self, given) -> SettingError:
        return SettingError(f"{self.key}: expected {self.expected()}, not {given!r}")

    def parse(self, text):
        """A value from text typed by a person (or a value from the file or a form), checked:
        SettingError says what is expected."""
        if self.type is bool:
            if isinstance(text, bool):
                return text
            lowered = str(text).strip().lower()
            if lowered in ("1", "true", "yes", "on"):
                return True
            if lowered in ("0", "false", "no", "off"):
                return False
            raise self._wrong(text)
        if self.type in (int, float):
            if isinstance(text, bool):
                raise self._wrong(text)
            try:
                value = self.type(str(text).strip()) if isinstance(text, str) else self.type(text)
            except (TypeError, ValueError, OverflowError):
                raise self._wrong(text) from None
            if self.type is int and not isinstance(text, str) and value != text:
                raise self._wrong(text)  # 2.5 is not a whole number
            if value != value or value in (float("inf"), float("-inf")):
                raise self._wrong(text)
            if (self.minimum is not None and value < self.minimum) or (
                self.maximum is not None and value > self.maximum
            ):
                raise self._wrong(text)
        else:
            if not isinstance(text, str):
                raise self._wrong(text)
            value = text.strip() if self.address else text
            if _CONTROL.search(value):
                raise self._wrong(text)  # a line break in a header or a host is never meant
            if self.address and value and not _ADDRESS.fullmatch(value):
                raise self._wrong(text)
        if self.choices and value not in self.choices:
            raise self._wrong(text)
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
        address=True,
    ),
    Setting(
        "sender.name", str, "", "Sender name", "The From name of messages (usually your name)."
    ),
    Setting(
        "sender.email", str, "", "Sender address", "The From address of messages.", address=True
    ),
    Setting(
        "transport",
        str,
        "outbox",
        "Send messages by",
        "smtp, or outbox: .eml files a mail client sends.",
        ("smtp", "outbox"),
    ),
    Setting("smtp.host", str, "", "SMTP server"),
    Setting("smtp.port", int, 587, "SMTP port", minimum=1, maximum=65535),
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
    ),
    Setting("database", str, "", "Database file", "Empty: shortlist.db in your data folder."),
    Setting(
        "import.workers",
        int,
        0,
        "Reader processes",
        "0: one per processor core.",
        minimum=0,
        maximum=64,
    ),
    Setting(
        "import.time_limit", float, 30.0, "Time limit per file (seconds)", minimum=1, maximum=3600
    ),
    Setting(
        "import.memory_mb", int, 1024, "Memory cap per reader (MB)", minimum=128, maximum=65536
    ),
    Setting("import.max_mb", int, 20, "Largest file (MB)", minimum=1, maximum=1024),
    Setting(
        "review.stale_days",
        int,
        7,
        "Days before a waiting person stands out",
        "People unreviewed for longer are highlighted.",
        minimum=0,
        maximum=3650,
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
            setting.parse(self._values[key])
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
        return setting.parse(self._values[key])

    def set(self, key: str, value) -> None:
        """Check and store one value (text as typed, or a value of the setting's type)."""
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
