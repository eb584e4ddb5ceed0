"""Settings, each declared once with its type, default and a human title.

Stored as JSON in the user's config folder (``$SHORTLIST_CONFIG`` overrides
the file), shared by the app and ``shortlist config get/set``. Secrets are not
settings: the SMTP password lives in the OS keyring, never here.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: object
    title: str
    help: str = ""
    choices: tuple = ()

    def parse(self, text: str):
        """A value from text typed by a person, or ValueError saying what is expected."""
        if self.type is bool:
            lowered = str(text).strip().lower()
            if lowered in ("1", "true", "yes", "on"):
                return True
            if lowered in ("0", "false", "no", "off"):
                return False
            raise ValueError(f"{self.key}: expected true or false, not {text!r}")
        if self.type is int:
            try:
                value = int(str(text).strip())
            except ValueError:
                raise ValueError(f"{self.key}: expected a whole number, not {text!r}") from None
        elif self.type is float:
            try:
                value = float(str(text).strip())
            except ValueError:
                raise ValueError(f"{self.key}: expected a number, not {text!r}") from None
        else:
            value = str(text)
        if self.choices and value not in self.choices:
            raise ValueError(
                f"{self.key}: expected one of {', '.join(map(str, self.choices))}, not {text!r}"
            )
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
    ),
    Setting(
        "sender.name", str, "", "Sender name", "The From name of messages (usually your name)."
    ),
    Setting("sender.email", str, "", "Sender address", "The From address of messages."),
    Setting(
        "transport",
        str,
        "outbox",
        "Send messages by",
        "smtp, or outbox: .eml files a mail client sends.",
        ("smtp", "outbox"),
    ),
    Setting("smtp.host", str, "", "SMTP server"),
    Setting("smtp.port", int, 587, "SMTP port"),
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
    Setting("import.workers", int, 0, "Reader processes", "0: one per processor core."),
    Setting("import.time_limit", float, 30.0, "Time limit per file (seconds)"),
    Setting("import.memory_mb", int, 1024, "Memory cap per reader (MB)"),
    Setting("import.max_mb", int, 20, "Largest file (MB)"),
    Setting(
        "review.stale_days",
        int,
        7,
        "Days before a waiting person stands out",
        "People unreviewed for longer are highlighted.",
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
    """Current values; unknown keys in the file are kept but ignored."""

    def __init__(self, path: Path | None = None):
        self.path = path or config_path()
        self._values: dict = {}
        if self.path.exists():
            try:
                self._values = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise ValueError(f"the settings file {self.path} cannot be read: {exc}") from None

    def get(self, key: str):
        setting = _setting(key)
        value = self._values.get(key, setting.default)
        return value

    def set(self, key: str, value) -> None:
        setting = _setting(key)
        if isinstance(value, str) and setting.type is not str:
            value = setting.parse(value)
        elif isinstance(value, str):
            value = setting.parse(value)
        self._values[key] = value
        self.save()

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".settings-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(self._values, fh, indent=2, ensure_ascii=False)
        os.replace(tmp, self.path)

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
