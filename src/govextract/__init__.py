"""govextract: numbers, outlines and metadata out of Chinese government reports.

The flow, one module per stage::

    ingest → normalise → structure → extract → tables

>>> import govextract
>>> govextract.parse_number("七十八万五佰零六")
Decimal('780506')
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "parse",
    "parse_text",
    "parse_number",
    "compare",
    "load_rules",
    "Report",
    "GovextractError",
    "InputError",
    "RulesError",
]

_LAZY = {
    "parse": ("govextract.pipeline", "parse"),
    "parse_text": ("govextract.pipeline", "parse_text"),
    "Report": ("govextract.tables", "Report"),
    "parse_number": ("govextract.extract.numbers", "parse_number"),
    "compare": ("govextract.compare", "compare"),
    "load_rules": ("govextract.rules", "load_rules"),
    "GovextractError": ("govextract.errors", "GovextractError"),
    "InputError": ("govextract.errors", "InputError"),
    "RulesError": ("govextract.errors", "RulesError"),
}


def __getattr__(name: str) -> Any:
    # Heavy dependencies (spaCy, pandas, pdfplumber) load only when first used.
    if name in _LAZY:
        import importlib

        mod, attr = _LAZY[name]
        return getattr(importlib.import_module(mod), attr)
    raise AttributeError(f"module 'govextract' has no attribute {name!r}")


if TYPE_CHECKING:  # pragma: no cover
    from .compare import compare
    from .errors import GovextractError, InputError, RulesError
    from .extract.numbers import parse_number
    from .pipeline import parse, parse_text
    from .rules import load_rules
    from .tables import Report
