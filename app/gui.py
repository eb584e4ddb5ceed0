"""Start the desktop app: check the platform, open the database, show the window."""

from __future__ import annotations

import ctypes.util
import os
import sys
from pathlib import Path

# Debian/Ubuntu packages for the libraries Qt's X11 platform plugin (xcb) needs
# beyond a bare desktop, by the file name the loader looks for.
XCB_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",  # loaded at run time by Qt >= 6.5, not linked
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}


def _unresolved_libraries() -> set[str]:
    """Libraries the xcb plugin links to that the system loader cannot find (via ldd)."""
    import shutil
    import subprocess

    try:
        import PySide6
    except ImportError:
        return set()
    if shutil.which("ldd") is None:
        return set()
    base = Path(PySide6.__file__).parent / "Qt"
    missing: set[str] = set()
    for binary in (
        base / "plugins" / "platforms" / "libqxcb.so",
        base / "lib" / "libQt6XcbQpa.so.6",
    ):
        if not binary.exists():
            continue
        out = subprocess.run(
            ["ldd", str(binary)], capture_output=True, text=True, check=False
        ).stdout
        missing.update(
            line.split("=>")[0].strip() for line in out.splitlines() if "not found" in line
        )
    return missing


def missing_system_packages() -> list[str]:
    """Packages to install before Qt can open a window on X11 (empty when all is there)."""
    missing = _unresolved_libraries()
    if ctypes.util.find_library("xcb-cursor") is None:
        missing.add("libxcb-cursor.so.0")
    return sorted({XCB_PACKAGES.get(name, name) for name in missing})


def preflight() -> str | None:
    """A message saying exactly what is missing to open a window, or None."""
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM", "").startswith(
        ("offscreen", "minimal", "vnc")
    ):
        return None
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        return (
            "Shortlist needs a desktop session to open its window (no DISPLAY or WAYLAND_DISPLAY "
            "is set).\n"
            "From a terminal without a screen you can still use the command line: shortlist --help"
        )
    if os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("DISPLAY"):
        return None  # Qt's Wayland plugin needs none of the X11 libraries
    missing = missing_system_packages()
    if missing:
        return (
            "Qt needs system libraries that are not installed. On Debian or Ubuntu:\n\n"
            f"    sudo apt install {' '.join(missing)}\n\nthen run `make run` again."
        )
    return None


# The domain modules the window opens with (and, through them, numpy, rapidfuzz and
# phonenumbers). tests/test_gui_start.py checks that the window imports no other.
CORE_MODULES = (
    "parsing.errors",
    "parsing.inbox",
    "review.answers",
    "review.file_requests",
    "review.gate",
    "review.invitations",
    "review.offers",
    "review.outbox",
    "review.people",
    "review.privacy",
    "review.ranking",
    "review.replies",
    "review.search",
    "review.workflow",
)


def load_core() -> None:
    """Import the domain core before Qt's bindings. Once PySide6 is loaded it hooks every
    import and reads each new module's source looking for its ``__feature__`` switch
    (inspect.getsource): ~300 modules, 60 ms of a start. Imported first, they are not read."""
    import importlib

    for name in CORE_MODULES:
        importlib.import_module(name)


def run_gui(db: str | None = None, argv: list[str] | None = None) -> int:
    problem = preflight()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    load_core()
    from app.head_start import fork_first_ranking
    from review.db import default_db_path
    from review.settings import Settings

    settings, path, problem = None, None, None
    try:
        settings = Settings()
        chosen = settings.get("database")
        path = Path(db) if db else (Path(chosen) if chosen else default_db_path())
    except ValueError as exc:  # review.settings.SettingError: the file, the key, the fix
        problem = exc
    # The first job ranked on another core while Qt loads and the window is built.
    head = None if problem else fork_first_ranking(path)
    try:
        return _open_window(argv, settings, path, problem, head)
    finally:
        if head is not None:
            head.close()  # taken by the window's first ranking, or never wanted


def _open_window(argv, settings, path, problem, head) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from app.errors import ErrorHandler, setup_logging, warn
    from app.main_window import MainWindow
    from app.open_database import open_database
    from review.db import StoreError

    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Shortlist")
    app.setOrganizationName("Shortlist")
    if problem is not None:
        warn(None, "Shortlist", str(problem)).exec()
        return 1
    log_path = setup_logging(path.parent)
    errors = ErrorHandler(log_path, database=path)
    errors.install()
    try:
        # Any update of the schema runs in the background, its progress shown (open_database).
        store = open_database(path)
    except StoreError as exc:
        box = warn(None, "Shortlist", str(exc))  # plain text: it names the file
        box.exec()
        return 1
    if store is None:
        return 0
    window = MainWindow(store, settings, errors, head_start=head)
    window.show()
    window.delivery.recover()  # half-sent messages found, due retries sent
    code = app.exec()
    errors.uninstall()
    store.close()
    return code
