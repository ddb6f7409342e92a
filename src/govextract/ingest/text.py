"""Decode the bytes of a text file: BOMs, UTF-16 without a BOM, UTF-8, GBK/GB18030.

Detection never guesses silently: when the bytes only decode with replacement
characters, the result carries a warning that says how many were needed.

>>> decode("各位代表：".encode("gbk"), "a.txt")
('各位代表：', 'gbk', [])
>>> decode("\\ufeff各位代表".encode("utf-8"), "a.txt")[:2]
('各位代表', 'utf-8-sig')
>>> decode("各位代表：2024年\\n".encode("utf-16-le"), "a.txt")[:2]
('各位代表：2024年\\n', 'utf-16-le')
>>> text, enc, warnings = decode("增长5%".encode("utf-8") + b"\\xff", "a.txt", "utf-8")
>>> text, warnings
('增长5%\\ufffd', ['a.txt: decoding as utf-8 needed 1 replacement character(s); check --encoding'])
>>> decode(b"\\x00\\x01\\x02\\x03binary", "a.bin")
Traceback (most recent call last):
...
govextract.errors.InputError: a.bin: unknown binary format, not a report (pass a PDF, DOCX, HTML, image or text file)
"""
from __future__ import annotations

import codecs

from ..errors import InputError

#: Byte-order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Encodings that charset-normalizer may propose when UTF-8 and GB18030 both fail.
_CJK_CANDIDATES = frozenset({"big5", "big5hkscs", "cp950", "utf_16", "utf_16_le", "utf_16_be"})

_BINARY_FIX = "pass a PDF, DOCX, HTML, image or text file"


def _replacement_warning(text: str, path: str, encoding: str) -> list[str]:
    n = text.count("\ufffd")
    if not n:
        return []
    return [f"{path}: decoding as {encoding} needed {n} replacement character(s); check --encoding"]


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: NUL bytes fall on one parity (the high byte of ASCII)."""
    sample = data[:65536]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even = sum(1 for b in sample[0::2] if b == 0)
    odd = sum(1 for b in sample[1::2] if b == 0)
    total = even + odd
    if total < 2:
        return None
    if odd >= 0.9 * total:
        return "utf-16-le"
    if even >= 0.9 * total:
        return "utf-16-be"
    return None


def _looks_like_text(text: str) -> bool:
    """Few control characters (other than layout ones) and no private-use noise."""
    if not text:
        return False
    sample = text[:20000]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f\v") or 0xE000 <= ord(c) <= 0xF8FF)
    return bad <= 0.01 * len(sample)


def decode(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str, list[str]]:
    """Decode ``data``; return ``(text, encoding, warnings)``.

    ``encoding`` overrides detection. Binary data raises :class:`InputError`.
    """
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}", path=path,
                             fix="pass a Python codec name such as utf-8, gbk, gb18030, utf-16") from None
        text = data.decode(encoding, errors="replace")
        if text.startswith("\ufeff"):
            text = text[1:]
        return text, encoding, _replacement_warning(text, path, encoding)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(enc.removesuffix("-sig") if enc != "utf-8-sig" else "utf-8",
                                          errors="replace")
            return text, enc, _replacement_warning(text, path, enc)
    enc16 = _utf16_without_bom(data)
    if enc16:
        text = data.decode(enc16, errors="replace")
        if _looks_like_text(text):
            return text, enc16, _replacement_warning(text, path, enc16)
    if b"\x00" in data[:65536]:
        raise InputError("unknown binary format, not a report", path=path, fix=_BINARY_FIX)
    for enc in ("utf-8", "gbk", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if not _looks_like_text(text):
            raise InputError("unknown binary format, not a report", path=path, fix=_BINARY_FIX)
        return text, enc, []
    return _best_effort(data, path)


def _best_effort(data: bytes, path: str) -> tuple[str, str, list[str]]:
    """Neither UTF-8 nor GB18030 decodes cleanly: pick the encoding with the fewest
    replacements (asking charset-normalizer for a candidate), and say so."""
    candidates = ["utf-8", "gb18030"]
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200000]).best()
        # only Chinese encodings: a single-byte codec "decodes" anything into mojibake
        if best is not None and best.encoding in _CJK_CANDIDATES and best.encoding not in candidates:
            candidates.append(best.encoding)
    except Exception:  # pragma: no cover - detection is advisory only
        pass
    scored = []
    for enc in candidates:
        try:
            text = data.decode(enc, errors="replace")
        except LookupError:  # pragma: no cover
            continue
        scored.append((text.count("\ufffd"), enc, text))
    n, enc, text = min(scored, key=lambda t: t[0])
    if not _looks_like_text(text):
        raise InputError("unknown binary format, not a report", path=path, fix=_BINARY_FIX)
    warnings = [f"{path}: not valid UTF-8 or GB18030; decoded as {enc} with {n} replacement character(s);"
                " pass --encoding if this is wrong"]
    return text, enc, warnings
