"""The reference document against its gold, with the logic of scripts/score.py."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import GOLD, JIADING_TXT
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
