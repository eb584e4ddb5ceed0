"""Starting the app on a machine that cannot show it says exactly why, and how to fix it."""

from __future__ import annotations

import app.gui as gui


def test_no_display_is_explained(monkeypatch):
    monkeypatch.setattr(gui.sys, "platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    message = gui.preflight()
    assert "DISPLAY" in message and "shortlist --help" in message


def test_missing_xcb_libraries_name_the_packages(monkeypatch):
    monkeypatch.setattr(gui.sys, "platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.setattr(
        gui, "_unresolved_libraries", lambda: {"libxcb-icccm.so.4", "libsomething.so.9"}
    )
    monkeypatch.setattr(
        gui.ctypes.util, "find_library", lambda name: None if name == "xcb-cursor" else name
    )
    message = gui.preflight()
    assert "sudo apt install libsomething.so.9 libxcb-cursor0 libxcb-icccm4" in message
    assert "make run" in message


def test_offscreen_needs_nothing(monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert gui.preflight() is None


def test_the_window_imports_no_domain_module_the_core_list_misses():
    """run_gui imports the domain core before Qt (load_core): each module PySide6 sees
    imported after it has its source read once more. A module the window needs that
    CORE_MODULES does not bring would quietly slow every start."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from app.gui import load_core\n"
        "load_core()\n"
        "before = set(sys.modules)\n"
        "from PySide6.QtWidgets import QApplication\n"
        "qa = QApplication([])\n"
        "import app.main_window\n"
        "late = sorted(m for m in set(sys.modules) - before if m.split('.')[0] in "
        "('review', 'parsing', 'numpy', 'rapidfuzz', 'phonenumbers'))\n"
        "print(','.join(late))\n"
    )
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == ""
