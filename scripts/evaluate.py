#!/usr/bin/env python3
"""Score the extractor on every gold document of this checkout (:mod:`govextract.evaluate.gold`).

Usage: evaluate.py [--show N] [--json] [--write-pred DIR] [--direct] [--cells | --no-cells]
"""
from pathlib import Path

from govextract.evaluate.gold import main

if __name__ == "__main__":
    main(root=Path(__file__).resolve().parents[1])
