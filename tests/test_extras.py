"""Optional parts: a feature whose package is missing says which extra installs it (issue 14).

The real check that the core installs and runs without the extras is the core-only
install step of `.ci/run`; here each feature meets a missing package in-process.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from govextract.extras import MissingExtra

ROOT = Path(__file__).resolve().parents[1]


def _read_scan():
    from govextract.ingest import ReadOptions, read

    read(ROOT / "tests/fixtures/ingest/jiading_scanned_p2-3.pdf", ReadOptions(ocr="always"))


def _serve():
    from govextract.serve import serve_command

    serve_command("store.db", 8001, "meta.json")


def _dask(tmp_path):
    from govextract.batch import Work, run_dask
    from govextract.ingest import ReadOptions

    run_dask([], Work(tmp_path, (), "", ReadOptions()))


def _chart(tmp_path):
    import pandas as pd

    from govextract.compare import ChartError, chart

    try:
        chart(pd.DataFrame({"indicator": ["x"], "period": [2024], "value": [1.0]}), tmp_path / "c.png")
    except ChartError as e:
        raise MissingExtra(e.reason, fix=e.fix) from e


CASES = [
    # id, module made missing, the feature, the extra named in the fix, file named
    ("ocr-scan", "rapidocr", lambda tmp: _read_scan(), "ocr", "jiading_scanned_p2-3.pdf"),
    ("ocr-runtime", "onnxruntime", lambda tmp: _read_scan(), "ocr", "jiading_scanned_p2-3.pdf"),
    ("serve", "datasette", lambda tmp: _serve(), "serve", "store.db"),
    ("dask", "distributed", _dask, "dask", None),
    ("charts", "resvg_py", _chart, "charts", None),
]


@pytest.mark.parametrize("module, run, extra, names", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_missing_extra_names_the_extra(monkeypatch, tmp_path, module, run, extra, names):
    for m in list(sys.modules):
        if m == module or m.startswith(module + "."):
            monkeypatch.delitem(sys.modules, m)
    monkeypatch.setitem(sys.modules, module, None)      # `import module` now fails as if not installed
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name.split(".")[0] == module else real_find_spec(name, *a))
    with pytest.raises(Exception) as err:
        run(tmp_path)
    msg = str(err.value)
    assert f"govextract[{extra}]" in msg, msg
    if names:
        assert names in msg, msg


def test_missing_extra_is_an_input_error_of_the_file():
    """A batch lists a scanned file that needs OCR in its error table and goes on."""
    from govextract.errors import InputError

    assert issubclass(MissingExtra, InputError)
