"""What the main window does, split by what it is about (napari's and Picard's habit).

``imports`` (drops, progress, the report, the demo), ``delivery`` (sending in the
background, recovery at start, the SMTP password), ``gate_queue`` (letting go one
person at a time, withdrawals, restoring) and ``job_actions`` (new job, close,
export, the manager's answers, the talent pool, follow-ups). Each holds the state
of its work as plain attributes and writes through the window's one writer.
"""
