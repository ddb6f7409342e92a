"""HTML review reports: one self-contained file per document or per comparison.

A review report is for looking, not for reading JSON: the document text in its
outline structure with every quantity highlighted in place (a colour per kind;
hover or click shows what it was read as), a side navigation from the outline,
the metadata, the three tables (sortable, each downloadable as CSV), and the
warnings — low-confidence OCR numbers, encoding replacements and conflicting
values (:mod:`govextract.review`) — and, as a filter of their own, the numbers an
exclusion rule set aside, each with its rule.

The file needs no server and no network: style, script and charts (SVG) are
inlined. Markup and style live in ``govextract/templates/``; this module only
prepares plain data for the templates.

>>> from govextract.models import DocumentMeta, Quantity
>>> from decimal import Decimal
>>> text = "一、总体情况\\n优良率为88.6%。"
>>> q = Quantity("88.6%", 11, 16, Decimal("88.6"), "%", "percent")
>>> rep = hand_report(text, quantities=[q])
>>> html = render_report(rep)
>>> html.count('class="q k-percent')
1
"""
from __future__ import annotations

from .blocks import document_blocks
from .comparison import COMPARE_COLUMNS, MEASURE_ORDER, compare_context, compare_reports, render_compare
from .document import hand_report, render_report, report_context, report_warnings, table_context, write_report
from .render import (HIDDEN_COLUMNS, KINDS, LOW_CONFIDENCE, MAX_LISTED_REPLACEMENTS, REPLACEMENT, REPORT_TABLES,
                     ReportError, fmt_number, fmt_short, kind_class, write_html)
from .svg import CHART, PALETTE, legend_layout, nice_ticks, text_width

__all__ = ["CHART", "COMPARE_COLUMNS", "HIDDEN_COLUMNS", "KINDS", "LOW_CONFIDENCE", "MAX_LISTED_REPLACEMENTS",
           "MEASURE_ORDER", "PALETTE", "REPLACEMENT", "REPORT_TABLES", "ReportError", "compare_context",
           "compare_reports", "document_blocks", "fmt_number", "fmt_short", "hand_report", "kind_class",
           "legend_layout", "nice_ticks", "render_compare", "render_report", "report_context", "report_warnings",
           "table_context", "text_width", "write_html", "write_report"]
