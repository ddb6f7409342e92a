"""The reference document against its gold, with the shared scorer (govextract.evaluate.score)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import FIXTURES, GOLD, JIADING_TXT
from govextract.extract.quantities import find_quantities
from govextract.normalise import normalise
from govextract.rules import load_rules


@pytest.fixture(scope="module")
def result(score):
    text = normalise(JIADING_TXT.read_text(encoding="utf-8")).text
    qs, _ = find_quantities(text, load_rules())
    pred = [{"text": q.text, "value": float(q.value), "unit": q.unit, "start": q.start} for q in qs]
    gold = score.gold_in_order(score.load_jsonl(GOLD / "jiading_2024.quantities.jsonl"),
                               str(GOLD / "jiading_2024.paras.txt"))
    return score.score(gold, pred)


def test_full_f1_on_reference(result):
    p, r, f = result["full"]
    assert f >= 0.98, (result["missed"], result["spurious"], result["wrong"])


def test_detection_f1_on_reference(result):
    assert result["detect"][2] >= 0.98


def test_gold_values_are_decimal_exact(score):
    """Values are Decimals: 1096.7622万 is exactly 10967622, not a float approximation."""
    qs, _ = find_quantities("罚款金额1096.7622万", load_rules())
    assert qs[0].value == Decimal(10967622)


# Held-out passages (tests/fixtures/passages/NAME.txt, gold in GOLD/NAME.*), annotated by
# GUIDE.md before the extractor was scored on them. Full F1 reached: State Council 2016
# 0.950, Jiangxi 2026 0.973, Xinjiang 2026 1.000, micro 0.975; the floors leave a margin.
# Second round, first scored: State Council 2008 0.962, Yunnan 2026 0.949; after the
# fixes State Council 2008 1.000, Yunnan 2026 0.970 (three quoted counts, “7个专项行动”,
# “3个95%”, are left to the quoted rule), Jiangxi 0.991, State Council 2016 0.992.
PASSAGES = [
    ("state_council_2016_review", 0.93),
    ("jiangxi_2026_review", 0.95),
    ("xinjiang_2026_review", 0.95),
    ("state_council_2008_review", 0.97),
    ("yunnan_2026_review", 0.95),
]


def _score_passage(score, name):
    text = normalise((FIXTURES / "passages" / f"{name}.txt").read_text(encoding="utf-8")).text
    qs, _ = find_quantities(text, load_rules())
    pred = [{"text": q.text, "value": float(q.value), "unit": q.unit, "start": q.start} for q in qs]
    gold = score.gold_in_order(score.load_jsonl(GOLD / f"{name}.quantities.jsonl"),
                               str(GOLD / f"{name}.paras.txt"))
    return score.score(gold, pred)


@pytest.mark.parametrize("name, floor", PASSAGES, ids=[p[0] for p in PASSAGES])
def test_full_f1_on_held_out_passage(score, name, floor):
    res = _score_passage(score, name)
    assert res["full"][2] >= floor, (res["missed"], res["spurious"], res["wrong"])


def test_full_f1_micro_on_held_out_passages(score):
    """Pooled over the passages: full (value + unit) F1 at least 0.95."""
    res = [_score_passage(score, name) for name, _ in PASSAGES]
    n_gold = sum(r["gold"] for r in res)
    n_pred = sum(r["pred"] for r in res)
    tp = sum(r["gold"] - len(r["missed"]) - len(r["wrong"]) for r in res)
    p, r = tp / n_pred, tp / n_gold
    assert 2 * p * r / (p + r) >= 0.95
