"""The Settings window: values checked when set (one bad value saves nothing), a file the
settings cannot use named instead of crashing, and the SMTP password kept in the keyring."""

from __future__ import annotations

import json

import keyring

from app.dialogs import SettingsDialog


def test_attack_a_bad_value_in_the_settings_window_saves_nothing(qtbot, settings):
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.fields["reviewer.name"].setText("Someone Else")
    dialog.fields["smtp.port"].setValue(2525)
    dialog.fields["sender.email"].setText("robin at home")
    dialog.save()
    assert dialog.result() == 0  # not accepted
    assert "is not an email address" in dialog.error.text()
    reread = type(settings)(settings.path)
    assert reread.get("reviewer.name") == "Robin Reviewer" and reread.get("smtp.port") == 587
    dialog.fields["sender.email"].setText("robin@example.com")
    dialog.save()
    reread = type(settings)(settings.path)
    assert reread.get("smtp.port") == 2525 and reread.get("reviewer.name") == "Someone Else"


def test_a_settings_file_with_a_value_it_cannot_take_opens_and_says_which(qtbot, settings):
    data = json.loads(settings.path.read_text())
    data["smtp.port"] = "abc"
    settings.path.write_text(json.dumps(data))
    broken = type(settings)(settings.path)
    dialog = SettingsDialog(broken)
    qtbot.addWidget(dialog)
    assert "smtp.port: expected a whole number, not 'abc'" in dialog.error.text()
    assert dialog.fields["smtp.port"].value() == 587
    dialog.save()  # the default shown is saved: the file is usable again
    assert type(settings)(settings.path).get("smtp.port") == 587


def test_the_smtp_password_field_keeps_it_in_the_keyring(qtbot, settings, file_keyring):
    settings.set("smtp.user", "robin")
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert "test file keyring" in dialog.keyring_note.text()
    dialog.password.setText("s3cret-window")
    dialog.save()
    assert json.loads(file_keyring.read_text()) == {"shortlist-smtp/robin": "s3cret-window"}
    assert "s3cret" not in settings.path.read_text() and dialog.session_password is None


def test_without_a_secure_keyring_the_password_is_kept_for_the_session(
    qtbot, settings, make_window, monkeypatch
):
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        settings.set("smtp.user", "robin")
        window = make_window()
        opened = []

        def run(self):
            opened.append(self)
            assert "no secure keyring" in self.keyring_note.text()
            self.password.setText("only-this-session")
            self.save()
            return self.result()

        monkeypatch.setattr(SettingsDialog, "exec", run)
        window.open_settings()
        assert opened and opened[0].session_password == "only-this-session"
        settings.set("transport", "smtp")
        assert window.delivery._smtp_password() == "only-this-session"
        assert "only-this-session" not in settings.path.read_text()
    finally:
        keyring.set_keyring(previous)
