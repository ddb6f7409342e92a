#!/usr/bin/env python3
"""Score compare against hand-checked series gold: recall and wrong rows (issue 11).

Usage: python scripts/score_series.py tests/golden/hand_*.csv [--show] [--json]
(the same as ``python -m govextract.evaluate.series``)."""
import sys

from govextract.evaluate.series import main

if __name__ == "__main__":
    sys.exit(main())
