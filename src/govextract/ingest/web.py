"""Saved government web pages: take the article body, drop the page chrome.

:func:`html_to_text` finds the article body of an HTML page with selectolax and
writes it as lines (``**`` around ``<b>``/``<strong>``). :func:`clean_text` then
drops the chrome that is left — 打印, 关闭, 【字号：大 中 小】, 下载/全屏/收藏,
来源：, 时间：, 分享, 扫一扫, breadcrumbs, related-link lists, photo captions —
in the same way from HTML and from plain-text renderings of such pages. All the
vocabulary lives in ``rules/web.yaml``.

>>> from govextract.rules import load_rules
>>> rules = load_rules()
>>> page = "打印\\n【字号：\\n大\\n中\\n小\\n】\\n2026年某省政府工作报告\\n来源：某省日报\\n时间：2026-02-11\\n" \\
...        "省长某某作政府工作报告。本报记者 张三 摄\\n各位代表：\\n现在，我代表省人民政府，向大会报告工作，请予审议。\\n" \\
...        "分享到：\\n相关报道：\\n某省召开人代会"
>>> text, found = clean_text(page, rules)
>>> print(text)
2026年某省政府工作报告
各位代表：
现在，我代表省人民政府，向大会报告工作，请予审议。
>>> found
{'source': '某省日报', 'published': '2026-02-11'}
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..markup import BOLD, PAGE, TABLE
from .layout import tidy_bold

if TYPE_CHECKING:  # pragma: no cover
    from ..rules import RuleSet

# Marks that a removed span leaves behind, so that a line it emptied can be dropped.
_GONE = "\x00"


class _Compiled:
    """The web rules, compiled once per rule set."""

    def __init__(self, web: Any):
        self.lines = frozenset(web.get("lines", ()))
        self.line_patterns = [re.compile(p) for p in web.get("line_patterns", ())]
        words = "|".join(re.escape(w) for w in web.get("brackets", ()))
        self.bracket = re.compile(web["bracket_group"]) if words and web.get("bracket_group") else None
        self.bracket_words = re.compile(words) if words else None
        self.labels = labels = dict(web.get("labels", {}))
        names = "|".join(sorted((re.escape(k) for k in labels), key=len, reverse=True))
        line = web.get("label_line")   # (来源：某报) 时间：2026-02-11, {names} the labels
        self.label = re.compile(line.replace("{names}", names), re.VERBOSE) if names and line else None
        self.breadcrumb = tuple(web.get("breadcrumb", ()))
        self.related = tuple(web.get("related", ()))
        self.captions = [re.compile(p) for p in web.get("captions", ())]
        self.caption_max = int(web.get("caption_max_chars", 160))
        self.date = re.compile(web.get("date") or "(?!)", re.VERBOSE)
        self.sentence_end = web.get("sentence_end", "")
        self.trim = web.get("trim", " ")
        self.separators = re.compile(web.get("breadcrumb_separators") or "(?!)")
        self.photo_credit = web.get("photo_credit") or "\n"
        self.value_stops = web.get("value_stops", "")
        self.title_separators = re.compile(web.get("title_separators") or "(?!)")


@lru_cache(maxsize=8)
def _compile(rules: RuleSet) -> _Compiled:
    return _Compiled(rules.web)  # a RuleSet hashes by its fingerprint


def _compiled(rules: RuleSet) -> _Compiled:
    return _compile(rules) if rules.fingerprint else _Compiled(rules.web)


def _bare(line: str, c: _Compiled) -> str:
    """A line as compared with the rules: no markup, spaces or | separators."""
    s = line.replace(BOLD, "").replace(PAGE, "")
    return s.strip(c.trim)


def _is_chrome(bare: str, c: _Compiled) -> bool:
    return bare in c.lines or any(p.fullmatch(bare) for p in c.line_patterns)


def _is_body(bare: str, c: _Compiled) -> bool:
    """A line of the article itself: long, or a complete sentence."""
    return len(bare) >= 50 or (len(bare) >= 8 and bare[-1] in c.sentence_end)


def clean_text(text: str, rules: RuleSet) -> tuple[str, dict[str, str]]:
    """Drop web-page chrome from ``text``; return the text and the values of the
    labels it dropped (``source``, ``published``, ...), for ``Source.header``."""
    c = _compiled(rules)
    found: dict[str, str] = {}
    # 1. 【…】 groups of chrome, which a text rendering spreads over several lines
    if c.bracket is not None:
        text = c.bracket.sub(lambda m: _GONE if c.bracket_words.search(m.group()) else m.group(), text)
    lines = text.split("\n")
    bares = [_bare(ln, c) for ln in lines]
    body_idx = [i for i, b in enumerate(bares) if _is_body(b.replace(_GONE, ""), c)]
    first_body = body_idx[0] if body_idx else len(lines)
    last_body = body_idx[-1] if body_idx else -1
    drop = [False] * len(lines)
    i = 0
    n = len(lines)
    while i < n:
        bare = bares[i]
        if _GONE in bare and not bare.replace(_GONE, "").strip():
            drop[i] = True
            i += 1
            continue
        bare = bare.replace(_GONE, "").strip()
        if not bare:
            drop[i] = bool(lines[i].strip())         # a line of separators only
            i += 1
            continue
        in_margin = i < first_body or i > last_body
        if _is_chrome(bare, c):
            drop[i] = True
            if in_margin and c.date.fullmatch(bare.split()[0]):
                found.setdefault("published", c.date.search(bare).group())
        elif bare.startswith(c.breadcrumb) and len(bare) < 80:
            drop[i] = True
            i = _drop_breadcrumb(bares, drop, i + 1, c)
            continue
        elif bare.startswith(c.related) and len(bare) < 40 and i >= first_body:
            drop[i] = True
            j = i + 1
            while j < n and (not bares[j] or (len(bares[j]) < 80 and bares[j][-1] not in c.sentence_end)):
                drop[j] = True
                j += 1
            i = j
            continue
        elif len(bare) <= c.caption_max and any(p.search(bare) for p in c.captions) \
                and not (len(bare) > 60 and c.photo_credit not in bare[-3:]):   # a long line is body, unless 摄
            drop[i] = True
        elif in_margin and c.label is not None and (m := c.label.match(bare)):
            drop[i] = True
            key = c.labels.get(m.group(1))
            value = m.group(2).strip()
            if not value and i + 1 < n:
                j = i + 1
                nxt = bares[j].replace(_GONE, "").strip()
                if _label_value(key, nxt, c):
                    value = nxt
                    drop[j] = True
                    i = j
            if key and value and key not in found:
                found[key] = c.date.search(value).group() if key == "published" and c.date.search(value) else value
        i += 1
    kept = [ln.replace(_GONE, "") for ln, d in zip(lines, drop) if not d or ln.strip() == TABLE]
    return "\n".join(kept).strip("\n"), found


def _label_value(key: str | None, value: str, c: _Compiled) -> bool:
    """Whether a line alone can be the value of a label that stood alone."""
    if not value or len(value) > 30:
        return False
    if key == "published":
        return bool(c.date.search(value))
    if key is None:
        return value.isdigit()
    return not any(ch in value for ch in c.value_stops)


def _drop_breadcrumb(bares: list[str], drop: list[bool], j: int, c: _Compiled) -> int:
    """Drop the crumbs after a 当前位置 line: 首页 > 要闻 > 云南要闻, one per line,
    and a repeat of the last crumb (the column title)."""
    last = ""
    after_sep = True
    while j < len(bares):
        b = bares[j].replace(_GONE, "").strip()
        if not b:
            j += 1
            continue
        if c.separators.fullmatch(b):
            drop[j] = True
            after_sep = True
        elif (after_sep or b == last) and len(b) <= 20:
            drop[j] = True
            last = b
            after_sep = False
        else:
            break
        j += 1
    return j


# --- HTML ---------------------------------------------------------------------------
def _cjk_len(s: str) -> int:
    return sum(1 for ch in s if 0x4E00 <= ord(ch) <= 0x9FFF)     # CJK Unified Ideographs


def _words(node) -> set[str]:
    attrs = node.attributes or {}
    raw = f"{attrs.get('id') or ''} {attrs.get('class') or ''}".lower()
    words = set(re.split(r"[\s]+", raw))
    for w in list(words):
        words.update(re.split(r"[-_]", w))
    words.discard("")
    return words


def _meta(tree, names: tuple[str, ...]) -> str | None:
    for name in names:
        for attr in ("name", "property"):
            node = tree.css_first(f'meta[{attr}="{name}"]')
            if node is not None and (node.attributes.get("content") or "").strip():
                return node.attributes["content"].strip()
    return None


def _choose_body(tree, html_rules: Any):
    for sel in html_rules.get("body_selectors", ()):
        try:
            node = tree.css_first(sel)
        except Exception:  # pragma: no cover - an invalid selector in user rules
            continue
        if node is not None and _cjk_len(node.text(separator="\n")) >= 100:
            return node
    # the block that holds the most paragraph text directly
    best, best_score = tree.body, -1
    for node in tree.css("div, article, section, td, main"):
        score = 0
        for child in node.iter(include_text=True):
            if child.tag == "-text":
                score += _cjk_len(child.text(deep=False))
            elif child.tag in ("p", "span", "font", "strong", "b", "br", "h1", "h2", "h3"):
                score += _cjk_len(child.text()) - _cjk_len(" ".join(a.text() for a in child.css("a")))
        if score > best_score:
            best, best_score = node, score
    return best


_TAG = re.compile(r"""
    < (?P<close> / )? (?P<name> [A-Za-z][A-Za-z0-9:-]* )   # <div, </div
    (?: [^>"']* | "[^"]*" | '[^']*' )*                      # attributes, quoted values whole
    (?P<self> / )? >                                        # /> closes itself
    """, re.VERBOSE)


def nesting_depth(html: str, limit: int, void: frozenset[str] = frozenset(),
                  implied: frozenset[str] = frozenset(), raw: frozenset[str] = frozenset()) -> int:
    """How deep elements nest in ``html``, read from its tags in one linear pass, stopping
    past ``limit``. HTML parsers take time quadratic in the depth (100,000 nested <div>:
    17 s in lexbor), so the depth is measured before parsing. As a parser does, a closing
    tag closes everything opened after its match, a ``void`` element (br, img) opens nothing,
    an ``implied`` one (p, li) is closed by its next sibling of the same name, and the
    content of a ``raw`` one (script, style) is skipped.

    >>> nesting_depth("<div><p>a<p>b<br><ul><li>x<li>y</ul></div>", 99, frozenset({"br"}), frozenset({"p", "li"}))
    4
    >>> nesting_depth("<div>" * 50, 10)
    11
    """
    stack: list[str] = []
    count: dict[str, int] = {}
    deepest = 0
    pos = 0
    while True:
        m = _TAG.search(html, pos)
        if m is None:
            return deepest
        pos = m.end()
        name = m.group("name").lower()
        if m.group("close"):
            if count.get(name):
                while stack:
                    top = stack.pop()
                    count[top] -= 1
                    if top == name:
                        break
            continue
        if name in raw:
            end = html.lower().find(f"</{name}", pos)
            pos = len(html) if end < 0 else end
            continue
        if m.group("self") or name in void:
            continue
        if stack and name in implied and stack[-1] == name:
            continue                                   # <p>a<p>b: the second closes the first
        stack.append(name)
        count[name] = count.get(name, 0) + 1
        deepest = max(deepest, len(stack))
        if deepest > limit:
            return deepest


def html_to_text(html: str, rules: RuleSet, bold_policy: str = "leads",
                 tables: list | None = None, *, path: str = "<html>") -> tuple[str, dict[str, str]]:
    """The article body of an HTML page as lines, and header hints from its meta tags.
    Data tables become one TABLE mark line each; their grids are appended to ``tables``.
    A page nested deeper than ``html.max_depth`` (web.yaml) is refused with an InputError."""
    from selectolax.lexbor import LexborHTMLParser

    from ..errors import InputError

    h = rules.web.get("html", {})
    limit = int(h.get("max_depth", 512))
    if nesting_depth(html, limit, frozenset(h.get("void_tags", ())), frozenset(h.get("implied_end_tags", ())),
                     frozenset(h.get("raw_text_tags", ()))) > limit:
        raise InputError(f"HTML elements nested more than {limit} deep", path=path,
                         fix="the page is malformed or hostile; save its article text as .txt and read that")
    tree = LexborHTMLParser(html)
    header: dict[str, str] = {}
    title = _meta(tree, tuple(h.get("meta_title", ())))
    h1 = tree.css_first("h1")
    if h1 is not None and h1.text().strip():
        title = re.sub(r"\s+", " ", h1.text()).strip()
    elif not title and tree.css_first("title") is not None:
        title = _compiled(rules).title_separators.split(tree.css_first("title").text().strip())[0].strip() or None
    if title:
        header["title"] = title
    published = _meta(tree, tuple(h.get("meta_published", ())))
    date = _compiled(rules).date
    if published and date.search(published):
        header["published"] = date.search(published).group()
    source = _meta(tree, tuple(h.get("meta_source", ())))
    if source:
        header["source"] = source
    if tree.body is None:
        return "", header
    for tag in h.get("drop_tags", ()):
        for node in tree.css(tag):
            node.decompose()
    drop_words = set(h.get("drop_words", ()))
    for node in tree.body.css("*"):
        try:
            words = _words(node)
        except Exception:  # pragma: no cover - a node already removed
            continue
        if words & drop_words and _cjk_len(node.text()) < 300:
            node.decompose()
    body = _choose_body(tree, h)
    out: list[str] = []
    _walk(body, out, False, h, tables, rules)
    text = "".join(out)
    paras = [re.sub(r"[ \t\r\u00a0]+", " ", ln).strip() for ln in text.split("\n")]
    paras = [tidy_bold(p, bold_policy, rules) for p in paras if p.replace(BOLD, "").strip()]
    if title and not any(title.replace(" ", "") in p.replace(" ", "") for p in paras[:5]):
        paras.insert(0, title)
    return "\n".join(paras), header


def _walk(node, out: list[str], bold: bool, h: Any, tables: list | None = None, rules: Any = None) -> None:
    block = h.get("block_tags", ())
    cells = h.get("cell_tags", ())
    bold_tags = h.get("bold_tags", ())
    dropped = h.get("body_drop_tags", ())
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            out.append(re.sub(r"\s+", " ", child.text(deep=False)))
        elif tag.startswith("-"):
            continue
        elif tag in dropped:
            continue
        elif tag == "table" and tables is not None and _data_table(child, out, tables, rules):
            continue
        elif tag in ("sub",):
            inner = child.text().strip()
            if inner:
                out.append("_{" + inner + "}")
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            out.append("\n")
            _walk(child, out, True, h, tables, rules)   # a heading is not a bold lead: no markers inside
            out.append("\n")
        elif tag in block:
            out.append("\n")
            _walk(child, out, bold, h, tables, rules)
            out.append("\n")
        elif tag in cells:
            _walk(child, out, bold, h, tables, rules)
            out.append(" ")
        elif not bold and (tag in bold_tags or re.search(r"font-weight\s*:\s*(?:bold|[6-9]00)",
                                                          (child.attributes or {}).get("style") or "")):
            out.append(BOLD)
            _walk(child, out, True, h, tables, rules)
            out.append(BOLD)
        else:
            _walk(child, out, bold, h, tables, rules)


def _data_table(node: Any, out: list[str], tables: list, rules: Any) -> bool:
    """A ``<table>`` of data: its grid goes to ``tables`` and one TABLE mark to the text.
    A layout table (one column, or holding other tables) is walked as text instead."""
    from ..structure.tables import table_caption
    from .tables.html import read_table

    if node.css_first("table table") is not None:
        return False
    before = [ln for ln in "".join(out).split("\n")[-4:]]
    caption, notes = table_caption(before, rules)
    raw = read_table(node, caption, notes)
    if raw is None:
        return False
    tables.append(raw)
    out.append("\n" + TABLE + "\n")
    return True
