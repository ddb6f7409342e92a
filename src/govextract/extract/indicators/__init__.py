"""Indicator linking: tie each quantity to a canonical indicator of
``rules/indicators.yaml`` and say what it measures.

A quantity is linked to the indicator *named before it in the same sentence*
when every word between the name (or the previous linked number) and the
number comes from the linking vocabulary (``linking`` in indicators.yaml:
达到, 同比增长, 按可比价计算, 分别 …). An unknown word means a new subject
started, and the chain breaks. The words crossed decide the ``measure``:

=====================  ===============================================
``level``              地区生产总值完成192.3亿元, 优良率为88.6%
``growth_pct``         同比增长6.0%, 同比改善5.2% (a fall: change ``down``)
``growth_pp``          同比上升2.8个百分点
``share``              占比, 比重
``average_growth_pct`` 年均增长6.8% (a yearly average over several years)
``cumulative_level``   累计完成3.7万亿元, 五年来共… (a total over several years)
``target_*``           the same inside a target (预期目标是：…增长5%左右)
=====================  ===============================================

Lists spread over several indicators: 城乡居民人均可支配收入分别增长6%和7.4%
(城乡 expands to 城镇, 农村), 城镇、农村常住居民人均可支配收入分别…, and
城镇居民人均可支配收入和农村居民人均纯收入实际增长8.4%和11.4%.

Each linked quantity also gets a ``period``: the reviewed year for a result
(``meta.period``), the year it is set for for a target (今年 → meta.period + 1,
到2030年 → 2030, a 十五五 年均 target → 2030), an explicit year written before
the number (从2020年的3.68万亿元增长到2025年的4.93万亿元), and ``five_year``
for five-year reviews and plans (年均, 过去五年).

>>> from govextract.rules import load_rules
>>> canonical_indicator("全年地区生产总值", load_rules())
'地区生产总值'
>>> canonical_indicator("党组中心组学习", load_rules()) is None
True
>>> canonical_indicator("海洋生产总值", load_rules()) is None
True
"""
from __future__ import annotations

from .gaps import Gap, read_gap
from .lexicon import MEASURES, Lexicon, lexicon, region_names, unit_fits
from .linking import link_indicators, signed
from .names import Mention, canonical_indicator, find_mentions
from .periods import Context, Section, plan_sections, sentence_context

_unit_fits = unit_fits  # the name extract/tables.py imports

__all__ = ["Context", "Gap", "Lexicon", "MEASURES", "Mention", "Section", "canonical_indicator", "find_mentions",
           "lexicon", "link_indicators", "plan_sections", "read_gap", "region_names", "sentence_context", "signed",
           "unit_fits"]
