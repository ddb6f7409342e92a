"""The inputs of a batch: files, folders and list files, expanded into the files to parse.

* a file is taken as it is, whatever its name;
* a folder is walked recursively, in sorted order, skipping hidden entries; it
  yields every file with a supported suffix (:data:`SUPPORTED_SUFFIXES`) and
  any other file whose first bytes look like a report (:func:`sniff`);
* ``@FILE``, or a file ending in ``.lst`` or ``.list``, is a *list file*: UTF-8,
  one path per line, blank lines and ``#`` comments ignored, relative paths
  taken from the list file's folder; a listed folder is walked as above.

>>> sniff_bytes(b"%PDF-1.7 ..."), sniff_bytes(b"\\x89PNG\\r\\n"), sniff_bytes(bytes(range(256)))
('pdf', 'image', None)
>>> sniff_bytes("二〇二五年政府工作报告".encode("gb18030"))
'text'
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import InputError

#: File suffixes a folder walk always takes.
SUPPORTED_SUFFIXES = (".txt", ".pdf", ".docx", ".html", ".htm", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
#: Suffixes that mark a list file of paths.
LIST_SUFFIXES = (".lst", ".list")
#: Data files a folder walk never sniffs (tables, configs, databases): they are not reports.
DATA_SUFFIXES = (".csv", ".tsv", ".json", ".jsonl", ".parquet", ".yaml", ".yml", ".toml", ".db", ".sqlite",
                 ".py", ".pyc", ".lst", ".list", ".md", ".log", ".tmp")
#: CJK ideographs, CJK punctuation and full-width forms: the text of a Chinese report.
_CJK = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")


def sniff_bytes(head: bytes) -> str | None:
    """The form the first bytes of a file suggest, or ``None`` if it does not look like a report."""
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "image"
    low = head[:1024].lower().lstrip()
    if low.startswith((b"<!doctype html", b"<html")) or b"<html" in low:
        return "html"
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return "text"
    if b"\x00" in head:
        return None
    text = None
    for enc in ("utf-8", "gb18030"):
        try:
            text = head.decode(enc)
            break
        except UnicodeDecodeError as e:
            if e.start > len(head) - 4:  # a character cut at the end of the sample
                text = head[:e.start].decode(enc, errors="ignore")
                break
    if not text:
        return None
    chars = [c for c in text if not c.isspace()]
    cjk = sum(1 for c in chars if _CJK.match(c))
    return "text" if chars and cjk / len(chars) >= 0.3 else None


def sniff(path: Path) -> str | None:
    """:func:`sniff_bytes` over the first 8 KiB of ``path`` (``None`` if unreadable)."""
    try:
        with open(path, "rb") as f:
            return sniff_bytes(f.read(8192))
    except OSError:
        return None


@dataclass(frozen=True)
class Inputs:
    """The files of a batch, in order, and the files a folder walk passed over."""

    files: tuple[str, ...]
    skipped: tuple[str, ...] = ()


def _walk(folder: Path, exclude: tuple[Path, ...]) -> Iterable[tuple[Path, bool]]:
    for root, dirs, files in os.walk(folder):
        rootp = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and not any(_same(rootp / d, x) for x in exclude))
        for name in sorted(files):
            if name.startswith("."):
                continue
            p = rootp / name
            suffix = p.suffix.lower()
            if suffix in SUPPORTED_SUFFIXES:
                yield p, True
            elif suffix not in DATA_SUFFIXES and sniff(p):
                yield p, True
            else:
                yield p, False


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def read_list_file(path: Path) -> list[Path]:
    """Paths listed in a list file: one a line, ``#`` comments, relative to the list's folder."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read list file: {e}", path=str(path),
                         fix="a list file is UTF-8 text, one path per line") from None
    out = []
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        p = Path(line).expanduser()
        out.append(p if p.is_absolute() else path.parent / p)
    return out


def expand_inputs(inputs: Sequence[str | Path], *, exclude: Sequence[str | Path] = ()) -> Inputs:
    """Files, folders and list files → the ordered, de-duplicated list of files to parse.

    A path that does not exist is kept: it fails, by name, in ``errors.csv``.
    ``exclude`` are folders never walked (the batch's own output folder).
    """
    excl = tuple(Path(x) for x in exclude)
    files: list[str] = []
    skipped: list[str] = []
    seen: set[str] = set()

    def add(p: Path) -> None:
        key = os.path.normcase(os.path.abspath(p))
        if key not in seen:
            seen.add(key)
            files.append(str(p))

    def one(p: Path, listed: bool) -> None:
        if p.is_dir():
            for f, ok in _walk(p, excl):
                (add(f) if ok else skipped.append(str(f)))
        elif not listed and p.suffix.lower() in LIST_SUFFIXES and p.is_file():
            for q in read_list_file(p):
                one(q, True)
        else:
            add(p)

    for item in inputs:
        s = str(item)
        if s.startswith("@") and len(s) > 1:
            for q in read_list_file(Path(s[1:])):
                one(q, True)
        else:
            one(Path(s), False)
    return Inputs(tuple(files), tuple(skipped))
