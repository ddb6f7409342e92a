"""A Datasette plugin: the search box cuts Chinese queries into words as the index does.

The store's FTS5 tables hold jieba words separated by spaces, and Datasette's
search box hands the query to FTS5 as it was typed, so "营商环境" (one unspaced
string) would match nothing. This plugin wraps Datasette's ASGI app and rewrites
every ``_search`` and ``_search_COLUMN`` parameter with the words of
:meth:`govextract.fts.Segmenter.query_terms` (the segmenter of ``govextract
search``) before Datasette sees it; ``_searchmode=raw`` queries are left alone.
``govextract serve`` loads it with ``--plugins-dir`` (the folder
``govextract/datasette_plugins``); the rules folders, if any, come from the
plugin configuration ``{"plugins": {"govextract": {"rules": [DIR, ...]}}}``.

>>> from govextract.rules import load_rules
>>> from govextract.fts import Segmenter
>>> seg = Segmenter.from_rules(load_rules())
>>> segment_query_string(b"_search=%E8%90%A5%E5%95%86%E7%8E%AF%E5%A2%83&_size=5", seg)
b'_search=%E8%90%A5%E5%95%86+%E7%8E%AF%E5%A2%83&_size=5'
>>> segment_query_string("_search_text=蓝天保卫战PM2.5".encode(), seg).decode()
'_search_text=%E8%93%9D%E5%A4%A9+%E4%BF%9D%E5%8D%AB%E6%88%98+PM2.5'
>>> segment_query_string(b"_search=a+b&_searchmode=raw", seg)
b'_search=a+b&_searchmode=raw'
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Awaitable, Callable
from urllib.parse import parse_qsl, urlencode

if TYPE_CHECKING:  # pragma: no cover
    from .fts import Segmenter

PLUGIN = "govextract"


def _is_search(key: str) -> bool:
    return key == "_search" or (key.startswith("_search_") and key != "_searchmode")


def segment_query_string(query_string: bytes, seg: "Segmenter") -> bytes:
    """The query string with each search parameter cut into space-separated words."""
    pairs = parse_qsl(query_string.decode("utf-8", "replace"), keep_blank_values=True)
    if not any(_is_search(k) for k, _ in pairs) or ("_searchmode", "raw") in pairs:
        return query_string
    out = [(k, " ".join(seg.query_terms(v)) or v) if _is_search(k) else (k, v) for k, v in pairs]
    return urlencode(out).encode("ascii")


def make_wrapper(rules_dirs: list[str] | None = None) -> Callable[[Any], Any]:
    """ASGI middleware that segments search parameters; the segmenter is built on first use."""
    holder: dict[str, "Segmenter"] = {}

    def segmenter() -> "Segmenter":
        if "seg" not in holder:
            from .fts import Segmenter
            from .rules import load_rules

            holder["seg"] = Segmenter.from_rules(load_rules(*(rules_dirs or ())))
        return holder["seg"]

    def wrap(app: Callable[..., Awaitable[None]]) -> Callable[..., Awaitable[None]]:
        async def segmented(scope: dict, receive: Any, send: Any) -> None:
            qs = scope.get("query_string") or b""
            if scope.get("type") == "http" and b"_search" in qs:
                scope = dict(scope, query_string=segment_query_string(qs, segmenter()))
            await app(scope, receive, send)
        return segmented
    return wrap


def asgi_wrapper(datasette: Any) -> Callable[[Any], Any]:
    """The ``asgi_wrapper`` hook (registered by ``datasette_plugins/govextract_search.py``)."""
    config = datasette.plugin_config(PLUGIN) or {}
    return make_wrapper(config.get("rules"))
