"""Imported once by the worker server: parsers and the taxonomy, ready for every worker it forks."""

from parsing import pdf, resume  # noqa: F401  (imported for their side effect: loaded modules)
from parsing.taxonomy import load_taxonomy

load_taxonomy()
