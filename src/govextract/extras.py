"""Optional parts of govextract and the extra that installs each.

The core (``pip install govextract``) reads text, HTML, text-layer PDF and DOCX into
tables. OCR, the Datasette browser, Dask clusters and PNG charts come with extras:
``[ocr]``, ``[serve]``, ``[dask]``, ``[charts]``, or ``[all]``. A feature whose package is
missing raises :class:`MissingExtra`, which says which extra to install.

>>> require("json", "reading JSON").__name__
'json'
>>> require("rapidocr_not_here", "OCR")
Traceback (most recent call last):
...
govextract.extras.MissingExtra: OCR needs the optional package rapidocr_not_here (pip install 'govextract[all]')
"""
from __future__ import annotations

import importlib
from types import MappingProxyType, ModuleType

from .errors import InputError

#: the top-level module of each optional package → the extra that installs it
EXTRAS = MappingProxyType({
    "rapidocr": "ocr",
    "onnxruntime": "ocr",
    "datasette": "serve",
    "dask": "dask",
    "distributed": "dask",
    "resvg_py": "charts",
})


class MissingExtra(InputError):
    """A feature needs a package that this installation lacks. It is an input error of the
    file that needed it (a scanned page without OCR), so a batch lists it and goes on."""

    stage = "setup"


def require(module: str, what: str, *, path: str | None = None) -> ModuleType:
    """Import ``module``, or raise :class:`MissingExtra` naming the extra that installs it."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as e:
        top = module.split(".")[0]
        if e.name is not None and e.name.split(".")[0] != top:
            raise                              # the package is there but broken: show that
        extra = EXTRAS.get(top, "all")
        raise MissingExtra(f"{what} needs the optional package {top}", path=path,
                           fix=f"pip install 'govextract[{extra}]'") from None


def available(module: str) -> bool:
    """Whether an optional package is installed (without importing it)."""
    import importlib.util

    return importlib.util.find_spec(module) is not None
