"""The window's "new job from an ad" keeps what a Spanish ad says (the dialog the window opens)."""

from __future__ import annotations

from tests.jobads_table import DEV


def test_new_job_dialog_proposes_location_hybrid_years_and_must_haves(qtbot, taxonomy):
    from app.relationship_dialogs import NewJobDialog

    dialog = NewJobDialog()
    qtbot.addWidget(dialog)
    dialog.ad.setPlainText(next(a for a in DEV if a["id"] == "es-fullstack-hibrido")["text"])
    title, description, spec = dialog.spec(taxonomy)
    assert title == "Desarrollador/a Full Stack" and description.startswith("Desarrollador/a")
    assert spec["location"] == "Madrid" and spec["remote"] is False and spec["min_years"] == 3
    assert spec["languages"] == ["English"]
    must = {c["name"] for c in spec["criteria"] if c["must"]}
    assert must == {"React", "TypeScript", "Node.js", "PostgreSQL"}
    assert {"GraphQL", "Docker"} <= {c["name"] for c in spec["criteria"] if not c["must"]}
    # The title the recruiter types wins over the ad's.
    dialog.title.setText("Full-stack (bookings)")
    assert dialog.spec(taxonomy)[0] == "Full-stack (bookings)"
