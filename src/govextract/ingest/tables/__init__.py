"""Grid producers: one module per form, each turning a table as the form holds it into a
:class:`govextract.models.RawTable` (a grid of cell texts, merged cells repeated).

* :mod:`.pdf` — text-layer PDF: ruled tables, three-line tables (三线表) and tables with
  no rules at all, from glyph positions and drawn edges; a table continued over a page
  break is one table;
* :mod:`.docx` — Word tables with gridSpan and vMerge;
* :mod:`.html` — HTML tables with rowspan and colspan;
* :mod:`.text` — plain text with tab- or space-aligned columns.

Meaning (captions, headers, row paths, units, measures) is given later, for every form
alike, by :mod:`govextract.structure.tables`.
"""
