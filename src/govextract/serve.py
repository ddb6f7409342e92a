"""Browse a store with Datasette: metadata (FTS, facets, canned queries) and the command line.

Datasette names a database after its file stem, so ``store.db`` is served as
``/store``. Full-text search on ``sentences`` uses ``sentences_fts``; its tokens
are jieba words, and the plugin shipped in ``govextract/datasette_plugins``
(:mod:`govextract.datasette_plugin`) cuts what is typed into the search box with
the same segmenter, so ``营商环境`` finds what ``营商 环境`` finds.

>>> m = metadata("data/store.db")
>>> sorted(m["databases"]["store"]["queries"])
['indicator_across_periods', 'period_across_regions']
>>> m["databases"]["store"]["tables"]["sentences"]["fts_table"]
'sentences_fts'
>>> m["plugins"]
{'govextract': {'rules': []}}
>>> serve_command("s.db", 8001, "m.json")[5:11]
['--host', '127.0.0.1', '--port', '8001', '--metadata', 'm.json']
>>> serve_command("s.db", 8001, "m.json")[-2] == "--plugins-dir" and Path(plugins_dir(), "govextract_search.py").is_file()
True
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

INDICATOR_ACROSS_PERIODS = """
select q.indicator, q.period, d.region, d.issuer, q.value, q.value_max, q.unit, q.change, q.text,
       q.sentence, q.doc
from quantities q left join documents d on d.doc = q.doc
where q.indicator = :indicator
order by q.period, d.region, q.doc, q."index"
""".strip()

PERIOD_ACROSS_REGIONS = """
select d.region, d.issuer, q.indicator, q.value, q.value_max, q.unit, q.change, q.text, q.doc
from quantities q left join documents d on d.doc = q.doc
where q.period = :period and coalesce(q.indicator, '') != ''
order by q.indicator, d.region, q.doc, q."index"
""".strip()


def metadata(db: str | Path, rules_dirs: list[str | Path] | None = None) -> dict[str, Any]:
    """Datasette metadata for a store: FTS on sentences and item titles, facets, canned queries,
    and the rules folders that the search plugin loads."""
    name = Path(db).stem
    return {
        "title": "govextract store",
        "description": "Tables parsed from government reports by govextract. The search box cuts Chinese "
                       "into jieba words, as `govextract search` does (a run of Chinese characters is "
                       "searched as the words it is made of).",
        "plugins": {"govextract": {"rules": [str(Path(d).resolve()) for d in rules_dirs or ()]}},
        "databases": {name: {
            "tables": {
                "documents": {"facets": ["issuer", "period", "region", "kind"], "sort": "doc"},
                "items": {"fts_table": "items_fts", "fts_pk": "rowid", "facets": ["level", "doc"]},
                "quantities": {"facets": ["indicator", "unit", "period", "kind"]},
                "sentences": {"fts_table": "sentences_fts", "fts_pk": "rowid", "facets": ["doc"]},
                "sentences_fts": {"hidden": True},
                "items_fts": {"hidden": True},
                "meta": {"hidden": True},
            },
            "queries": {
                "indicator_across_periods": {
                    "title": "One indicator across periods",
                    "description": "Every value of one indicator (its canonical name in rules/indicators.yaml), "
                                   "by period and region.",
                    "sql": INDICATOR_ACROSS_PERIODS,
                },
                "period_across_regions": {
                    "title": "One period across regions",
                    "description": "Every indicator value for one period (e.g. 2025), by indicator and region.",
                    "sql": PERIOD_ACROSS_REGIONS,
                },
            },
        }},
    }


def plugins_dir() -> Path:
    """The folder of the Datasette plugin shipped in the package."""
    return Path(__file__).resolve().parent / "datasette_plugins"


def serve_command(db: str | Path, port: int, metadata_path: str | Path, host: str = "127.0.0.1") -> list[str]:
    """The Datasette command line for a store, with the search plugin loaded (a clean error
    without the ``[serve]`` extra)."""
    from .extras import MissingExtra, available

    if not available("datasette"):
        raise MissingExtra("browsing a store needs the optional package datasette", path=str(db),
                           fix="pip install 'govextract[serve]'")
    return [sys.executable, "-m", "datasette", "serve", str(db), "--host", host, "--port", str(port),
            "--metadata", str(metadata_path), "--plugins-dir", str(plugins_dir())]


def write_metadata(db: str | Path, path: str | Path, rules_dirs: list[str | Path] | None = None) -> Path:
    p = Path(path)
    p.write_text(json.dumps(metadata(db, rules_dirs), ensure_ascii=False, indent=1), encoding="utf-8")
    return p
