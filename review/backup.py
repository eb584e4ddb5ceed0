"""Backups with SQLite's online backup API: consistent even while the app is open."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from review.db import Store, StoreError


def backup(store: Store, target: str | Path) -> Path:
    target = Path(target)
    if target.exists():
        raise StoreError(f"{target} already exists: choose another name")
    target.parent.mkdir(parents=True, exist_ok=True)
    dest = sqlite3.connect(str(target))
    try:
        store.conn.backup(dest)
    finally:
        dest.close()
    return target
