"""NPS from Python."""
import math

import pytest

import kizuna


def test_nps_by_hand():
    result = kizuna.nps([10, 9, 8, 3])
    assert (result.promoters, result.passives, result.detractors, result.responses) == (2, 1, 1, 4)
    assert result.score == 25.0
    p, d = 0.5, 0.25
    assert result.standard_error == pytest.approx(100 * math.sqrt((p + d - (p - d) ** 2) / 4))
    low, high = result.interval_95
    assert -100 <= low < 25.0 < high <= 100
    assert result.basis == "survey"


def test_empty_and_bad_answers():
    empty = kizuna.nps([])
    assert (empty.score, empty.standard_error, empty.interval_95) == (None, None, None)
    with pytest.raises(kizuna.OutOfRangeError, match="#2"):
        kizuna.nps([10, 11])
    with pytest.raises(kizuna.OutOfRangeError):
        kizuna.nps([-1])


def test_estimate_from_sentiment_is_labelled():
    estimate = kizuna.nps_from_sentiment(["positive", "positive", "neutral", "negative"])
    assert estimate.basis == "sentiment_estimate"
    assert estimate.score == 25.0
    with pytest.raises(kizuna.InvalidOptionError):
        kizuna.nps_from_sentiment(["great"])
