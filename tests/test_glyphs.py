"""PageGlyphs from pdfium and from pdfplumber agree on every page of every
text-layer PDF in the repository (the contract in govextract.ingest.glyphs)."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TEXT_LAYER_PDFS
from govextract.ingest.glyphs import TOLERANCE, PageGlyphs, glyphs_pdfium, glyphs_pdfplumber

ROOT = Path(__file__).resolve().parent.parent

# (file id, field) where the engines are known to differ, and which one is right.
# Such a field is asserted to differ (strict), every other field to agree.
EXPECTED_DIFFERENCES = {
    ("fixture_notice_fakebold", "fontname"):
        "a standard CID font that is not embedded: pdfminer names it by its descriptor's FontName "
        "(STSongStd-Light), pdfium by its BaseFont (STSong-Light). The contract asks for the base "
        "font name: pdfium is right.",
}


def both_engines(path: str) -> list[tuple[PageGlyphs, PageGlyphs]]:
    import pdfplumber
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(ROOT / path))
    try:
        with pdfplumber.open(str(ROOT / path)) as pdf:
            return [(glyphs_pdfplumber(p), glyphs_pdfium(doc[i], i + 1)) for i, p in enumerate(pdf.pages)]
    finally:
        doc.close()


def _pair(a: list[dict], b: list[dict], key, dist) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Match each item of ``a`` to the nearest unmatched item of ``b`` with the same key."""
    pool: dict = {}
    for d in b:
        pool.setdefault(key(d), []).append(d)
    pairs, lone_a = [], []
    for c in a:
        cands = pool.get(key(c), [])
        if not cands:
            lone_a.append(c)
            continue
        best = min(range(len(cands)), key=lambda k: dist(c, cands[k]))
        pairs.append((c, cands.pop(best)))
    return pairs, lone_a, [d for v in pool.values() for d in v]


def char_differences(a: PageGlyphs, b: PageGlyphs, skip: frozenset[str] = frozenset()) -> list[str]:
    out = []
    pairs, only_a, only_b = _pair(list(a.chars), list(b.chars), lambda c: c["text"],
                                  lambda c, d: abs(c["x0"] - d["x0"]) + abs(c["top"] - d["top"]))
    out += [f"only pdfplumber: {c['text']} at {c['x0']:.1f},{c['top']:.1f}" for c in only_a]
    out += [f"only pdfium: {c['text']} at {c['x0']:.1f},{c['top']:.1f}" for c in only_b]
    for c, d in pairs:
        tol = TOLERANCE * max(c["size"], 1.0)
        where = f"{c['text']} at {c['x0']:.1f},{c['top']:.1f}"
        if abs(c["x0"] - d["x0"]) > 0.25:
            out.append(f"{where}: x0 {c['x0']:.2f} vs {d['x0']:.2f}")
        for k in ("x1", "top", "bottom"):
            if abs(c[k] - d[k]) > tol:
                out.append(f"{where}: {k} {c[k]:.2f} vs {d[k]:.2f}")
        if abs(c["size"] - d["size"]) > 0.01 * c["size"]:
            out.append(f"{where}: size {c['size']:.2f} vs {d['size']:.2f}")
        for k in ("fontname", "bold", "upright"):
            if c[k] != d[k] and k not in skip:
                out.append(f"{where}: {k} {c[k]!r} vs {d[k]!r}")
        if (c["fill"] is None) != (d["fill"] is None) or (
                c["fill"] and max(abs(x - y) for x, y in zip(c["fill"], d["fill"])) > 0.01):
            out.append(f"{where}: fill {c['fill']} vs {d['fill']}")
    return out


def edge_differences(a: PageGlyphs, b: PageGlyphs) -> list[str]:
    def dist(e, f):
        return max(abs(e[k] - f[k]) for k in ("x0", "x1", "top", "bottom"))

    pairs, only_a, only_b = _pair(list(a.edges), list(b.edges), lambda e: e["orientation"], dist)
    out = [f"only pdfplumber: {e}" for e in only_a] + [f"only pdfium: {e}" for e in only_b]
    out += [f"edge {e} vs {f}" for e, f in pairs if dist(e, f) > 0.2]
    return out


@pytest.mark.parametrize("path", [*TEXT_LAYER_PDFS, pytest.param("tests/fixtures/ingest/cid_garbage.pdf",
                                                                  id="fixture_cid_garbage")])
def test_pdfium_and_pdfplumber_glyphs_agree(request, path):
    fid = request.node.callspec.id
    skip = frozenset(f for (i, f) in EXPECTED_DIFFERENCES if i == fid)
    problems, expected_seen = [], set()
    for a, b in both_engines(path):
        assert a.page == b.page and abs(a.width - b.width) < 0.1 and abs(a.height - b.height) < 0.1
        problems += [f"p{a.page} {p}" for p in char_differences(a, b, skip) + edge_differences(a, b)]
        expected_seen |= {f for f in skip if any(c[f] != d[f] for c, d in zip(a.chars, b.chars))}
    assert problems == []
    assert expected_seen == skip, "an expected difference is gone: drop its row"


def test_glyphs_of_the_reference_first_page():
    """Page 1 of the reference PDF: the red 发文机关标志 in bold Noto Serif, 30 pt;
    the red rule under it drawn as characters (━), not as a path."""
    (a, b), *_ = both_engines("corpora/jiading/jiading_2024.pdf")
    for g in (a, b):
        first = g.chars[0]
        assert (g.page, first["text"], first["size"], first["fontname"], first["bold"]) == \
               (1, "上", 30.0, "NotoSerifCJKjp-Bold-VKana", True)
        assert first["fill"] == (0.816, 0.0, 0.0)
        assert g.text.startswith("上海市嘉定区生态环境局")
