"""Evaluation against hand-annotated gold.

- :mod:`.score`: the shared scorer (``shared/eval/score.py``, kept verbatim): aligns
  predicted and gold quantities in document order and gives detection and full
  (value + unit) precision, recall and F1.
- :mod:`.gold`: every gold document of a source checkout, scored (``scripts/evaluate.py``).
"""
from __future__ import annotations

from . import score
from .gold import evaluate, micro

__all__ = ["evaluate", "micro", "score"]
