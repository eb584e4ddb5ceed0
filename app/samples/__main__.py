"""``python -m app.samples OUT_DIR [-n 200]``: write a batch and print the throughput."""

from app.samples.batch import main

raise SystemExit(main())
