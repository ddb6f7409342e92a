"""OCR of scanned PDFs and images with RapidOCR on onnxruntime.

The PP-OCR models are the ones inside the ``rapidocr`` wheel; their paths are
given explicitly, so nothing is ever downloaded. Pages are rendered with pypdfium2
at ``ReadOptions.ocr_dpi`` and recognised in parallel worker processes
(``ReadOptions.workers``, on the shared pool of :mod:`govextract.pool`), each with
its own engine. Every page comes back as text lines with per-character boxes and
confidences; the parent process puts them into reading order, tolerating a skewed
scan (:mod:`.ocr_order`), repairs what recognisers get wrong in Chinese text
(:mod:`.ocr_repair`), takes out ruled tables (:mod:`.ocr_tables`) and hands the
lines to :mod:`govextract.ingest.layout`, which rejoins paragraphs as for
text-layer PDFs.

Digits are the costly errors: a number whose characters were recognised with
less than ``ReadOptions.doubt_below`` confidence, or that is malformed (two
decimal points, a letter O among digits, a comma where a point belongs), is
wrapped in the doubt markup, and its confidence goes to ``Source.doubts``.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import InputError
from .layout import Line
from .limits import Deadline, guard
from .ocr_order import StrokeMeter, is_cjk, reading_order

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


def _session(model: Path, threads: int):
    """An onnxruntime session on ``threads`` threads that sleep when idle. Spinning threads
    (onnxruntime's default) take the CPU that batch workers and OCR pages beside them need."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.log_severity_level = 4
    opts.enable_cpu_mem_arena = False
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(model), opts, providers=["CPUExecutionProvider"])


@lru_cache(maxsize=2)
def engine(threads: int = 1):
    """A RapidOCR engine using only the models inside the wheel (cached per process)."""
    from omegaconf import flag_override
    from rapidocr import RapidOCR

    md = models_dir()
    for name in (DET_MODEL, REC_MODEL):
        if not (md / name).is_file():
            raise InputError(f"OCR model {name} missing from the rapidocr wheel", path=str(md),
                             fix="reinstall rapidocr (pip install --force-reinstall rapidocr)")
    ocr = RapidOCR(params={
        "Global.log_level": "error",
        "Global.use_cls": False,                 # pages are upright; skip the angle classifier
        "Global.return_word_box": True,
        "Global.return_single_char_box": True,
        "Det.model_path": str(md / DET_MODEL),
        "Det.limit_type": "max",                 # detect on at most 960 px a side: boxes need no more,
        "Det.limit_side_len": 960,               # and recognition still crops the full-resolution page
        "Rec.model_path": str(md / REC_MODEL),
        "Rec.rec_batch_num": 1,                  # no padding of short lines to the longest: faster, less memory
    })
    with flag_override(ocr.cfg, "allow_objects", True):   # rapidocr takes a session made here
        ocr.cfg.Det.session = _session(md / DET_MODEL, threads)
        ocr.cfg.Rec.session = _session(md / REC_MODEL, threads)
    return ocr


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
            strokes = [ink.width(q) if is_cjk(c) else None for c, _, q in words[k]]
        page.lines.append(RawLine(quad, text, float(score), chars, strokes))
    return page


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
    """Run OCR jobs, on a pool of ``options.workers`` processes (:mod:`govextract.pool`) when
    that is more than one and this process is no pool worker itself (e.g. of a batch).
    A page whose worker dies comes back as a page with an ``error``."""
    import sys
    from concurrent.futures import as_completed

    from pebble import ProcessExpired

    from ..pool import in_worker, process_pool, start_method

    results: list[RawPage | None] = [None] * len(jobs)
    workers = 1 if in_worker() else min(options.workers, len(jobs))
    if workers <= 1:
        with guard(deadline):
            for i, job in enumerate(jobs):
                deadline.check()
                results[i] = ocr_job(job)
                if progress:
                    progress(i + 1, len(jobs))
        return [r for r in results if r is not None]
    deadline.check()
    # fork while this process has not loaded onnxruntime (its threads do not survive a fork)
    with process_pool(workers, method=start_method(fork="onnxruntime" not in sys.modules)) as pool:
        futures = {pool.schedule(ocr_job, (job,)): i for i, job in enumerate(jobs)}
        try:
            for done, fut in enumerate(as_completed(futures, timeout=max(deadline.remaining(), 0.0)), 1):
                try:
                    results[futures[fut]] = fut.result()
                except ProcessExpired as e:
                    results[futures[fut]] = RawPage(0.0, 0.0, 1.0, [], error=f"the OCR worker died ({e})")
                if progress:
                    progress(done, len(jobs))
        except TimeoutError:
            raise deadline.error() from None
    return [r for r in results if r is not None]


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
    layout = assemble(pages, height, options.bold, rules=rules)
    return Source(path=path, form="image", text=layout.text, encoding=None, warnings=tuple(warnings),
                  doubts=layout.doubts, pages=frames, header=header_hints(list(layout.paras), layout.body_size, rules),
                  tables=tables)
