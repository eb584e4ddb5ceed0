"""Start the desktop app: check the platform, open the database, show the window."""

from __future__ import annotations

import ctypes.util
import os
import sys
from pathlib import Path

# Debian/Ubuntu packages that Qt's X11 platform plugin (xcb) needs beyond a bare desktop.
XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-image": "libxcb-image0",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-randr": "libxcb-randr0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-shape": "libxcb-shape0",
    "xcb-xkb": "libxcb-xkb1",
    "EGL": "libegl1",
    "GL": "libgl1",
    "fontconfig": "libfontconfig1",
}


def missing_system_packages() -> list[str]:
    """Packages to install before Qt can open a window on X11 (empty when all is there)."""
    return [package for library, package in XCB_LIBRARIES.items() if ctypes.util.find_library(library) is None]


def preflight() -> str | None:
    """A message saying exactly what is missing to open a window, or None."""
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal", "vnc")):
        return None
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        return ("Shortlist needs a desktop session to open its window (no DISPLAY or WAYLAND_DISPLAY is set).\n"
                "From a terminal without a screen you can still use the command line: shortlist --help")
    if os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("DISPLAY"):
        return None  # Qt's Wayland plugin needs none of the X11 libraries
    missing = missing_system_packages()
    if missing:
        return ("Qt needs system libraries that are not installed. On Debian or Ubuntu:\n\n"
                f"    sudo apt install {' '.join(missing)}\n\nthen run `make run` again.")
    return None


def run_gui(db: str | None = None, argv: list[str] | None = None) -> int:
    problem = preflight()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app.errors import ErrorHandler, setup_logging
    from app.main_window import MainWindow
    from review.db import Store, StoreError, default_db_path
    from review.settings import Settings

    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Shortlist")
    app.setOrganizationName("Shortlist")
    settings = Settings()
    path = Path(db) if db else (Path(settings.get("database")) if settings.get("database") else default_db_path())
    log_path = setup_logging(path.parent)
    errors = ErrorHandler(log_path)
    errors.install()
    try:
        store = Store(path, migrate=False)
        pending = store.pending_migrations()
        if pending and store.schema_version > 0:
            answer = QMessageBox.question(
                None, "Update the database",
                f"This version of Shortlist needs to update {path.name} (schema {store.schema_version} → "
                f"{pending[-1]}). Make a backup copy first?",
                QMessageBox.Yes | QMessageBox.No | QMessageBox.Cancel,
            )  # fmt: skip
            if answer == QMessageBox.Cancel:
                return 0
            if answer == QMessageBox.Yes:
                from review.backup import backup

                backup(store, path.with_name(f"{path.stem}-before-v{pending[-1]}.db"))
        store.migrate()
    except StoreError as exc:
        QMessageBox.critical(None, "Shortlist", str(exc))
        return 1
    window = MainWindow(store, settings, errors)
    window.show()
    window.recover_outbox()
    code = app.exec()
    errors.uninstall()
    store.close()
    return code
