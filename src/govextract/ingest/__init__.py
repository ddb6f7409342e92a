"""Ingestion: read any supported form of a report into one raw string.

The result is a :class:`Source`. Its ``text`` carries layout facts as in-band
markup (see :mod:`govextract.markup`): ``\\f`` before each new page, ``**`` around
bold runs, and private-use marks around text that OCR read with doubt. The
normaliser then turns every form into the same clean text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError


@dataclass(frozen=True)
class ReadOptions:
    """How to read inputs. Shared by the CLI, the API and batch workers."""

    encoding: str | None = None      # override encoding detection of text/HTML
    ocr: str = "auto"                # always | auto | never
    workers: int = 1                 # OCR pages in parallel
    max_pages: int = 500             # refuse longer PDFs
    timeout: float = 600.0           # seconds per input
    max_bytes: int = 200 * 1024 * 1024   # refuse bigger files


@dataclass(frozen=True)
class Source:
    """One input, read. ``text`` holds markup; see the module docstring."""

    path: str
    form: str                                  # text, html, pdf, ocr, docx, image
    text: str
    encoding: str | None = None
    warnings: tuple[str, ...] = ()
    doubts: tuple[float, ...] = ()             # confidence of each doubtful span, in order
    pages: int | None = None
    header: dict = field(default_factory=dict)  # layout hints: issuer, doc_number, title


def read(path: str | Path, options: ReadOptions | None = None) -> Source:
    """Read ``path`` in whatever form it is. Raises :class:`InputError` with the file and a fix."""
    options = options or ReadOptions()
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", path=str(path), fix="check the path")
    if p.is_dir():
        raise InputError("is a directory", path=str(path), fix="pass files, or use `govextract batch` for folders")
    size = p.stat().st_size
    if size == 0:
        raise InputError("empty file", path=str(path), fix="the download or conversion produced nothing; fetch it again")
    if size > options.max_bytes:
        raise InputError(f"file is {size} bytes, over the {options.max_bytes}-byte limit", path=str(path),
                         fix="raise --max-bytes if the file is genuine")
    data = p.read_bytes()
    text, enc, warnings = decode(data, str(path), options.encoding)
    if not text.strip():
        raise InputError("no text in file", path=str(path), fix="the file is blank")
    return Source(path=str(path), form="text", text=text, encoding=enc, warnings=tuple(warnings))


def decode(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str, list[str]]:
    """Decode bytes of a text file: BOMs, UTF-8, then GB18030. Binary data is refused."""
    warnings: list[str] = []
    if encoding:
        text = data.decode(encoding, errors="replace")
        if "\ufffd" in text:
            warnings.append(f"{path}: decoding as {encoding} needed {text.count(chr(0xfffd))} replacement characters")
        return text, encoding, warnings
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", warnings
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16", warnings
    if b"\x00" in data[:4096]:
        raise InputError("binary file, not a report", path=path, fix="pass a PDF, DOCX, HTML, image or text file")
    for enc in ("utf-8", "gb18030"):
        try:
            return data.decode(enc), enc, warnings
        except UnicodeDecodeError:
            continue
    text = data.decode("gb18030", errors="replace")
    warnings.append(f"{path}: not valid UTF-8 or GB18030; decoded as gb18030 with replacement characters")
    return text, "gb18030", warnings
