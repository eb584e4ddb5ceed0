"""``python -m app.cli``: the same as the ``shortlist`` command."""

from app.cli import main

raise SystemExit(main())
