"""OCR of scanned PDFs and images with RapidOCR on onnxruntime.

The PP-OCR models are the ones inside the ``rapidocr`` wheel; their paths are
given explicitly, so nothing is ever downloaded. Pages are rendered with pypdfium2
at ``ReadOptions.ocr_dpi`` and recognised in parallel worker processes
(``ReadOptions.workers``), each with its own engine. Every page comes back as
text lines with per-character boxes and confidences; the parent process puts them
into reading order (tolerating a skewed scan) and hands them to
:mod:`govextract.ingest.layout`, which rejoins paragraphs as for text-layer PDFs.

Digits are the costly errors: a number whose characters were recognised with
less than ``ReadOptions.doubt_below`` confidence, or that is malformed (two
decimal points, a letter O among digits, a comma where a point belongs), is
wrapped in the doubt markup, and its confidence goes to ``Source.doubts``.
"""
from __future__ import annotations

import math
import os
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import InputError
from .layout import Glyph, Line
from .limits import Deadline, guard

#: The models shipped in the rapidocr wheel (file names inside ``rapidocr/models``).
DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"


# --- the engine (one per process) ---------------------------------------------------
def models_dir(path: str | None = None) -> Path:
    """The models inside the rapidocr wheel; a clean error naming the ``[ocr]`` extra without it."""
    from ..extras import require

    rapidocr = require("rapidocr", "reading scanned pages and images (OCR)", path=path)
    require("onnxruntime", "reading scanned pages and images (OCR)", path=path)
    return Path(rapidocr.__file__).parent / "models"


@lru_cache(maxsize=2)
def engine(threads: int = 1):
    """A RapidOCR engine using only the models inside the wheel (cached per process)."""
    from rapidocr import RapidOCR

    md = models_dir()
    for name in (DET_MODEL, REC_MODEL):
        if not (md / name).is_file():
            raise InputError(f"OCR model {name} missing from the rapidocr wheel", path=str(md),
                             fix="reinstall rapidocr (pip install --force-reinstall rapidocr)")
    return RapidOCR(params={
        "Global.log_level": "error",
        "Global.use_cls": False,                 # pages are upright; skip the angle classifier
        "Global.return_word_box": True,
        "Global.return_single_char_box": True,
        "Det.model_path": str(md / DET_MODEL),
        "Det.limit_type": "max",                 # detect on at most 960 px a side: boxes need no more,
        "Det.limit_side_len": 960,               # and recognition still crops the full-resolution page
        "Rec.model_path": str(md / REC_MODEL),
        "Rec.rec_batch_num": 1,                  # no padding of short lines to the longest: faster, less memory
        "EngineConfig.onnxruntime.intra_op_num_threads": threads,
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    })


# --- one page, in a worker ----------------------------------------------------------
@dataclass
class RawLine:
    """One line as the recogniser returned it: a quadrilateral and its characters."""

    quad: list[list[float]]
    text: str
    score: float
    chars: list[tuple[str, float, list[list[float]]]]   # (char, confidence, quad)
    strokes: list[float | None] = field(default_factory=list)   # stroke width of each character, pixels


@dataclass
class RawPage:
    width: float
    height: float
    scale: float                     # pixels per output unit (PDF points; 1 for images)
    lines: list[RawLine] = field(default_factory=list)
    error: str | None = None
    edges: list[dict] = field(default_factory=list)   # drawn rules, in the glyph schema (see ocr_tables)


def _render_pdf_page(path: str, index: int, dpi: int):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(path)
    try:
        page = doc[index]
        scale = dpi / 72.0
        bitmap = page.render(scale=scale, grayscale=True)
        img = bitmap.to_numpy().copy()
        page.close()
    finally:
        doc.close()
    if img.ndim == 3:
        img = img[..., 0]
    return img, scale


def _load_image(path: str, frame: int):
    import numpy as np
    from PIL import Image

    with Image.open(path) as im:
        if frame:
            im.seek(frame)
        img = np.asarray(im.convert("L")).copy()
    return img


def ocr_job(job: tuple) -> RawPage:
    """Render (or load) one page and recognise it. Runs in a worker process."""
    kind, path, index, dpi, threads = job
    try:
        if kind == "pdf":
            img, scale = _render_pdf_page(path, index, dpi)
        else:
            img, scale = _load_image(path, index), 1.0
        return recognise(img, scale, threads)
    except InputError:
        raise
    except Exception as e:   # a worker must not die on one bad page
        return RawPage(0.0, 0.0, 1.0, [], error=f"{type(e).__name__}: {e}")


def recognise(img, scale: float, threads: int = 1) -> RawPage:
    """OCR one greyscale image; coordinates are divided by ``scale``."""
    import numpy as np

    h, w = img.shape[:2]
    page = RawPage(w / scale, h / scale, scale)
    if img.size == 0 or float(np.std(img)) < 1.0:          # blank: nothing to read
        return page
    from .ocr_tables import find_rules

    page.edges = find_rules(img, scale)
    rgb = np.repeat(img[..., None], 3, axis=2) if img.ndim == 2 else img
    res = engine(threads)(rgb)
    if res is None or res.boxes is None or res.txts is None:
        return page
    words = res.word_results or ()
    ink = StrokeMeter(img)
    for k, (box, text, score) in enumerate(zip(res.boxes, res.txts, res.scores)):
        quad = [[float(x) / scale, float(y) / scale] for x, y in box]
        chars, strokes = [], []
        if k < len(words) and words[k] and "".join(w[0] for w in words[k]) == "".join(text.split()):
            text = "".join(w[0] for w in words[k])      # character boxes leave out spaces
            chars = [(c, float(s), [[float(x) / scale, float(y) / scale] for x, y in q]) for c, s, q in words[k]]
            strokes = [ink.width(q) if _is_cjk(c) else None for c, _, q in words[k]]
        page.lines.append(RawLine(quad, text, float(score), chars, strokes))
    return page


class StrokeMeter:
    """Stroke width inside a box of a greyscale page: twice the ink area over the
    ink boundary length (a stroke of width w has area/perimeter ≈ w/2). Bold type
    has wider strokes, whatever the character. Summed-area tables make each box O(1)."""

    def __init__(self, img, threshold: int = 140):
        import numpy as np

        ink = img < threshold
        padded = np.pad(ink, 1)
        inner = (padded[1:-1, 1:-1] & padded[:-2, 1:-1] & padded[2:, 1:-1]
                 & padded[1:-1, :-2] & padded[1:-1, 2:])
        self.h, self.w = ink.shape
        self.ink = np.pad(ink.astype(np.int32).cumsum(0).cumsum(1), ((1, 0), (1, 0)))
        self.inner = np.pad(inner.astype(np.int32).cumsum(0).cumsum(1), ((1, 0), (1, 0)))

    def _sum(self, table, x0: int, y0: int, x1: int, y1: int) -> int:
        return int(table[y1, x1] - table[y0, x1] - table[y1, x0] + table[y0, x0])

    def width(self, quad) -> float | None:
        xs = [p[0] for p in quad]
        ys = [p[1] for p in quad]
        x0, x1 = max(int(min(xs)), 0), min(int(max(xs)) + 1, self.w)
        y0, y1 = max(int(min(ys)), 0), min(int(max(ys)) + 1, self.h)
        if x1 <= x0 or y1 <= y0:
            return None
        area = self._sum(self.ink, x0, y0, x1, y1)
        edge = area - self._sum(self.inner, x0, y0, x1, y1)
        return 2.0 * area / edge if area >= 10 and edge > 0 else None


# --- reading order ------------------------------------------------------------------
def skew_angle(lines: list[RawLine]) -> float:
    """The page's skew in radians: the median slope of the long text lines."""
    angles = []
    for ln in lines:
        (x0, y0), (x1, y1) = ln.quad[0], ln.quad[1]
        height = abs(ln.quad[3][1] - ln.quad[0][1]) or 1.0
        if x1 - x0 > 4 * height:
            angles.append(math.atan2(y1 - y0, x1 - x0))
    return statistics.median(angles) if angles else 0.0


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def reading_order(page: RawPage, doubt_below: float, doubt_ids: list[int]) -> list[Line]:
    """Deskew, group recognised boxes into visual lines, order them top to bottom
    and left to right, and mark doubtful numbers."""
    if not page.lines:
        return []
    a = skew_angle(page.lines)
    cx, cy = page.width / 2, page.height / 2
    ca, sa = math.cos(-a), math.sin(-a)

    def rot(p: list[float]) -> tuple[float, float]:
        x, y = p[0] - cx, p[1] - cy
        return x * ca - y * sa + cx, x * sa + y * ca + cy

    items = []
    for ln in page.lines:
        pts = [rot(p) for p in ln.quad]
        top, bottom = min(p[1] for p in pts), max(p[1] for p in pts)
        left, right = min(p[0] for p in pts), max(p[0] for p in pts)
        glyphs: list[tuple[str, float, float, float, float | None]] = []   # char, x0, x1, confidence, stroke
        if ln.chars:
            strokes = ln.strokes or [None] * len(ln.chars)
            for (ch, conf, q), sw in zip(ln.chars, strokes):
                xs = [rot(p)[0] for p in q]
                glyphs.append((ch, min(xs), max(xs), conf, sw))
        else:
            step = (right - left) / max(len(ln.text), 1)
            glyphs = [(ch, left + i * step, left + (i + 1) * step, ln.score, None) for i, ch in enumerate(ln.text)]
        if glyphs:
            glyphs = word_spaces(glyphs, bottom - top)
            items.append(((top + bottom) / 2, bottom - top, top, bottom, glyphs))
    items.sort(key=lambda it: it[0])
    widths_all = [g[4] for it in items for g in it[4] if g[4]]
    page_stroke = statistics.median(widths_all) if len(widths_all) >= 50 else None
    groups: list[list] = []
    for it in items:
        if groups and abs(it[0] - statistics.mean(g[0] for g in groups[-1])) < 0.5 * min(it[1], groups[-1][0][1]):
            groups[-1].append(it)
        else:
            groups.append([it])
    out: list[Line] = []
    for grp in groups:
        grp.sort(key=lambda it: it[4][0][1])
        chars: list[tuple[str, float, float, float]] = []
        for it in grp:
            if chars:
                widths = [c[2] - c[1] for c in chars if _is_cjk(c[0])] or [it[1] * 0.7]
                if it[4][0][1] - chars[-1][2] > 1.5 * statistics.median(widths):
                    chars.append((" ", chars[-1][2], it[4][0][1], 1.0, None))
            chars.extend(it[4])
        height = statistics.median(it[1] for it in grp)
        size = _em_size(chars) or 0.0
        glyphs = [Glyph(ch, x0, x1) for ch, x0, x1, _, _ in chars]
        mark_bold(glyphs, [c[4] for c in chars], page_stroke)
        fullwidth_punctuation(glyphs)
        permille(glyphs)
        mark_doubts(glyphs, [c[3] for c in chars], doubt_below, doubt_ids)
        out.append(Line(glyphs, min(it[2] for it in grp), max(it[3] for it in grp), size or -height))
    # a line too short to measure takes the size of its neighbours on the page
    known = [ln.size for ln in out if ln.size > 0]
    typical = statistics.median(known) if known else None
    for ln in out:
        if ln.size <= 0:
            ln.size = typical or 0.85 * -ln.size
    return out


def word_spaces(glyphs: list[tuple], height: float, gap: float = 0.6) -> list[tuple]:
    """Put back the spaces that the recogniser leaves out between two Latin letters or
    digits: where the centres of two such neighbours stand more than ``gap`` em further
    apart than half-width characters do (``表1 2023年`` must not read ``表12023年``).
    The em is the median advance between CJK neighbours (or 0.8 of the box height).

    >>> g = lambda ch, x0, x1: (ch, x0, x1, 0.99, None)
    >>> line = [g("表", 186, 195), g("1", 196, 205), g("2", 216.5, 223), g("0", 223, 228.5), g("2", 228.5, 234.5),
    ...         g("3", 234.5, 243), g("年", 244, 254), g("末", 259, 269)]
    >>> "".join(c[0] for c in word_spaces(line, 15))
    '表1 2023年末'
    >>> "".join(c[0] for c in word_spaces([g("增", 0, 10), g("长", 15, 25), g("4", 32, 37), g(".", 37, 40),
    ...                                     g("8", 40, 46), g("%", 46, 54)], 15))
    '增长4.8%'
    """
    def narrow(ch: str) -> bool:
        return ch.isascii() and ch.isalnum()

    if len(glyphs) < 2 or not any(narrow(a[0]) and narrow(b[0]) for a, b in zip(glyphs, glyphs[1:])):
        return glyphs
    em = _em_size(glyphs) or 0.8 * height
    out = [glyphs[0]]
    for a, b in zip(glyphs, glyphs[1:]):
        if narrow(a[0]) and narrow(b[0]):
            extra = ((b[1] + b[2]) - (a[1] + a[2])) / 2 - 0.5 * em
            if extra > gap * em:
                out.append((" ", a[2], b[1], 1.0, None))
        out.append(b)
    return out


_PERMILLE = re.compile(r"""
    (?<= [0-9] ) % [oO0] (?! [0-9A-Za-z] )   # 8.47%o: the recogniser reads ‰ as % and a small o
""", re.VERBOSE)


def permille(glyphs: list[Glyph]) -> None:
    """``‰`` read as ``%o`` (or ``%0``) after a number becomes ``‰`` again (in place).

    >>> gs = [Glyph(c, i, i + 1) for i, c in enumerate("出生率8.47%o；增长5%。")]
    >>> permille(gs); "".join(g.text for g in gs)
    '出生率8.47‰；增长5%。'
    """
    text = "".join(g.text for g in glyphs)
    if "%" not in text or len(text) != len(glyphs):
        return
    for m in reversed(list(_PERMILLE.finditer(text))):
        s = m.start()
        glyphs[s].text = "‰"
        glyphs[s].x1 = glyphs[s + 1].x1
        del glyphs[s + 1]


def mark_bold(glyphs: list[Glyph], strokes: list[float | None], page_stroke: float | None,
              ratio: float = 1.25) -> None:
    """Mark bold glyphs (in place): CJK characters whose strokes are ``ratio`` times
    wider than the page's typical stroke, by majority over a window of five CJK
    characters; letters and digits between two bold characters are bold too, and
    runs of fewer than three CJK characters are noise.

    >>> gs = [Glyph(c, 0, 1) for c in "持续推进VOCs综合治理，开展检查"]
    >>> w = [2.0, 2.0, 3.0, 3.0, None, None, None, None, 2.1, 3.0, 3.0, 3.0, None, 2.0, 2.0, 2.0, 2.0]
    >>> mark_bold(gs, w, 2.0); "".join(("*" if g.bold else ".") for g in gs)
    '..**********.....'
    """
    if page_stroke is None:
        return
    cjk = [i for i, s in enumerate(strokes) if s is not None]
    flags = [strokes[i] > ratio * page_stroke for i in cjk]
    # a single regular-looking character between two bold ones is bold (noise, thin strokes)
    filled = [f or (0 < k < len(flags) - 1 and flags[k - 1] and flags[k + 1]) for k, f in enumerate(flags)]
    k = 0
    while k < len(cjk):
        if not filled[k]:
            k += 1
            continue
        j = k
        while j + 1 < len(cjk) and filled[j + 1]:
            j += 1
        real = sum(flags[k:j + 1])
        if real >= 3 and real * 3 >= 2 * (j - k + 1):
            for i in range(cjk[k], cjk[j] + 1):
                glyphs[i].bold = True
        k = j + 1


def _em_size(chars: list[tuple[str, float, float, float]]) -> float | None:
    """The character size of a line: the median advance between neighbouring CJK
    characters (a steadier measure than the width of each recognised box)."""
    steps = []
    for a, b in zip(chars, chars[1:]):
        if _is_cjk(a[0]) and _is_cjk(b[0]):
            steps.append((b[1] + b[2]) / 2 - (a[1] + a[2]) / 2)
    return statistics.median(steps) if steps else None


_FULLWIDTH = {"(": "（", ")": "）", ":": "：", ",": "，", ";": "；", "!": "！", "?": "？", "<": "〈", ">": "〉"}
_CJK_SIDE = re.compile(r"""[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’《》、]""")


def fullwidth_punctuation(glyphs: list[Glyph]) -> None:
    """OCR cannot tell ( from （: punctuation next to Chinese text is the full-width
    form, as the document printed it (in place). Between digits it stays ASCII.

    A closing bracket takes the form of the bracket it closes.

    >>> gs = [Glyph(c, 0, 1) for c in "(一)加强建设:完成1,234个,增长5%;《方案>框架》a>1"]
    >>> fullwidth_punctuation(gs); "".join(g.text for g in gs)
    '（一）加强建设：完成1,234个，增长5%；《方案〉框架》a>1'
    >>> gs = [Glyph(c, 0, 1) for c in "指数(以上年为100)"]
    >>> fullwidth_punctuation(gs); "".join(g.text for g in gs)
    '指数（以上年为100）'
    """
    text = [g.text for g in glyphs]
    opened: list[str] = []                  # the brackets open so far, as now written
    for i, ch in enumerate(text):
        if ch in "(（":
            opened.append(ch)
        elif ch in ")）" and opened:
            if opened.pop() != "(" and ch == ")":
                glyphs[i].text = _FULLWIDTH[ch]
                continue
        if ch not in _FULLWIDTH:
            continue
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if prev.isdigit() and nxt.isdigit():
            continue
        if ch in "<>":                      # 〈 〉 only inside Chinese text on both sides
            if _CJK_SIDE.match(prev) and _CJK_SIDE.match(nxt):
                glyphs[i].text = _FULLWIDTH[ch]
            continue
        opening = ch == "("
        if (opening and (_CJK_SIDE.match(nxt) or _CJK_SIDE.match(prev) or not prev)) or \
                (not opening and (_CJK_SIDE.match(prev) or _CJK_SIDE.match(nxt) or prev in ("%", "）"))):
            glyphs[i].text = _FULLWIDTH[ch]
            if opening:
                opened[-1] = glyphs[i].text


# --- guarding digits ----------------------------------------------------------------
_CONFUSABLE = {"O": "0", "o": "0", "〇": "0", "l": "1", "I": "1", "|": "1"}

_NUMBER = re.compile(r"""
    [0-9]                                   # starts with a digit
    (?: [0-9.,，．:]                         # digits and separators
      | [Ool〇I|] (?=[.,]?[0-9])             # a letter that looks like a digit, before a digit
    )*
    (?<! [.,，．:] )                          # not ending in a separator
    %?                                      # a percent sign belongs to the number
""", re.VERBOSE)

_WELL_FORMED = re.compile(r"""
    ^ (?: \d{1,3} (?: ,\d{3} )+ | \d+ )      # 1234 or 1,234
      (?: \. \d+ )?                          # one decimal part
      %? $
""", re.VERBOSE)


def mark_doubts(glyphs: list[Glyph], confs: list[float], doubt_below: float, doubt_ids: list[int]) -> None:
    """Find the numbers in a line; repair letters read for digits; wrap numbers
    that are malformed or read with low confidence as doubtful (in place).

    ``doubt_ids`` is a one-element counter shared by the whole document.

    >>> gs = [Glyph(c, i, i + 1) for i, c in enumerate("优良率为88.6%，增长1O.5个")]
    >>> mark_doubts(gs, [0.99] * 8 + [0.70] + [0.99] * 12, 0.9, [0])
    >>> "".join(g.text for g in gs), [(g.text, round(g.doubt, 2)) for g in gs if g.doubt_id]
    ('优良率为88.6%，增长10.5个', [('8', 0.7), ('8', 0.7), ('.', 0.7), ('6', 0.7), ('%', 0.7), ('1', 0.5), ('0', 0.5), ('.', 0.5), ('5', 0.5)])
    """
    text = "".join(g.text for g in glyphs)
    if len(text) != len(glyphs):          # multi-character glyphs: leave the line alone
        return
    for m in _NUMBER.finditer(text):
        s, e = m.span()
        token = text[s:e]
        conf = min(confs[s:e]) if confs[s:e] else 1.0
        repaired = "".join(_CONFUSABLE.get(ch, ch) for ch in token)
        malformed = repaired != token or not _WELL_FORMED.match(repaired.replace("，", ",").replace("．", "."))
        if repaired != token:
            for k, ch in enumerate(repaired):
                glyphs[s + k].text = ch
        if "，" in token or "．" in token or token.count(".") > 1 or ":" in token:
            malformed = True
        if malformed:
            conf = min(conf, 0.5)
        if conf < doubt_below:
            doubt_ids[0] += 1
            for k in range(s, e):
                glyphs[k].doubt = conf
                glyphs[k].doubt_id = doubt_ids[0]


# --- running pages in parallel --------------------------------------------------------
@dataclass
class OcrPages:
    pages: list[list[Line]]
    page_height: float
    warnings: list[str]
    tables: list[list[tuple]] = field(default_factory=list)   # per page: (PageTable, its TABLE mark line)


def _threads_per_worker(workers: int) -> int:
    cpus = os.cpu_count() or 1
    return max(1, cpus // max(1, workers))


def _run(jobs: list[tuple], options, deadline: Deadline,
         progress: Callable[[int, int], None] | None) -> list[RawPage]:
    """Run OCR jobs, in worker processes when ``options.workers`` > 1."""
    import multiprocessing as mp

    results: list[RawPage | None] = [None] * len(jobs)
    workers = min(options.workers, len(jobs))
    if mp.current_process().daemon:      # a pool worker (e.g. of a batch) may not start its own pool
        workers = 1
    if workers <= 1:
        with guard(deadline):
            for i, job in enumerate(jobs):
                deadline.check()
                results[i] = ocr_job(job)
                if progress:
                    progress(i + 1, len(jobs))
        return [r for r in results if r is not None]
    ctx = mp.get_context(_start_method())
    pool = ctx.Pool(workers)
    try:
        indexed = [(i, job) for i, job in enumerate(jobs)]
        it = pool.imap_unordered(_indexed_job, indexed)
        for done in range(len(jobs)):
            remaining = deadline.remaining()
            if remaining <= 0:
                raise deadline.error()
            try:
                i, res = it.next(timeout=remaining)
            except mp.TimeoutError:
                raise deadline.error() from None
            results[i] = res
            if progress:
                progress(done + 1, len(jobs))
        pool.close()
    finally:
        pool.terminate()
        pool.join()
    return [r for r in results if r is not None]


def _start_method() -> str:
    """fork on Linux while this process has not loaded onnxruntime (fast, and safe
    for scripts without a ``__main__`` guard); otherwise forkserver or spawn."""
    import multiprocessing as mp
    import sys

    methods = mp.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods and "onnxruntime" not in sys.modules:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _indexed_job(item: tuple[int, tuple]) -> tuple[int, RawPage]:
    i, job = item
    return i, ocr_job(job)


def _to_lines(raws: list[RawPage], options, path: str, rules=None,
              numbers: list[int] | None = None) -> OcrPages:
    """Reading order of every page, and the tables on it (their lines replaced by marks);
    ``numbers`` are the 0-based page numbers of ``raws``."""
    from .ocr_tables import page_tables

    warnings = []
    doubt_ids = [0]
    pages, tables = [], []
    for k, raw in enumerate(raws):
        if raw.error:
            warnings.append(f"{path}: OCR failed on page {k + 1}: {raw.error}")
        marks, lines = page_tables(raw, reading_order(raw, options.doubt_below, doubt_ids), rules,
                                   numbers[k] if numbers else k)
        pages.append(lines)
        tables.append(marks)
    heights = [r.height for r in raws if r.height]
    return OcrPages(pages, (max(heights) if heights else 0.0), warnings, tables)


def ocr_pdf_pages(path: str, indices: list[int], options, deadline: Deadline,
                  progress: Callable[[int, int], None] | None = None, rules=None) -> OcrPages:
    """OCR the given 0-based pages of a PDF."""
    models_dir(path)                          # fail early, naming the file, without the [ocr] extra
    threads = _threads_per_worker(options.workers)
    jobs = [("pdf", path, i, options.ocr_dpi, threads) for i in indices]
    raws = _run(jobs, options, deadline, progress)
    return _to_lines(raws, options, path, rules, indices)


def read_image(path: str, options, deadline: Deadline,
               progress: Callable[[int, int], None] | None = None, rules=None):
    """OCR an image file (png, jpg, tif; every frame of a multi-page TIFF)."""
    from PIL import Image, UnidentifiedImageError

    models_dir(path)                          # fail early, naming the file, without the [ocr] extra

    from . import Source
    from .layout import assemble, header_hints

    raise_it = "raise --max-pixels if the image is genuine (Pillow's decompression-bomb guard stays on)"
    try:
        with Image.open(path) as im:
            frames = getattr(im, "n_frames", 1)
            w, h = im.size
            if w * h > options.max_pixels:
                raise InputError(f"image is {w}×{h} pixels, over the {options.max_pixels}-pixel limit",
                                 path=path, fix=raise_it)
            im.verify()
    except Image.DecompressionBombError:
        raise InputError(f"image has more pixels than Pillow's decompression-bomb guard allows "
                         f"({2 * Image.MAX_IMAGE_PIXELS})", path=path,
                         fix="scale the image down or split it; the guard stays on") from None
    except (UnidentifiedImageError, OSError, SyntaxError) as e:
        raise InputError(f"corrupt or unsupported image ({type(e).__name__})", path=path,
                         fix="save it again as PNG or JPEG") from None
    if options.ocr == "never":
        raise InputError("image needs OCR, but --ocr never was given", path=path, fix="run with --ocr auto")
    if frames > options.max_pages:
        raise InputError(f"image has {frames} pages, over the {options.max_pages}-page limit", path=path,
                         fix="raise --max-pages if the file is genuine")
    threads = _threads_per_worker(options.workers)
    jobs = [("image", path, i, 0, threads) for i in range(frames)]
    raws = _run(jobs, options, deadline, progress)
    ocr = _to_lines(raws, options, path, rules)
    pages, height, warnings = ocr.pages, ocr.page_height, ocr.warnings
    if not any(pages):
        raise InputError("no text found in image", path=path,
                         fix="check that the image is a page of text, upright and legible")
    tables: tuple = ()
    if any(ocr.tables):
        from .tables.pdf_pages import join_pages

        pages, tables = join_pages(pages, ocr.tables, height, rules)
    layout = assemble(pages, height, options.bold)
    return Source(path=path, form="image", text=layout.text, encoding=None, warnings=tuple(warnings),
                  doubts=layout.doubts, pages=frames, header=header_hints(list(layout.paras), layout.body_size),
                  tables=tables)
