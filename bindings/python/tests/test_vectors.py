"""The shared vectors in tests/vectors/, exactly as the Rust and C suites run them."""
import csv
import json

import pytest

import kizuna

from conftest import VECTORS


def lines(name):
    with open(VECTORS / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def normalizer_for(vector, preset):
    return kizuna.Normalizer.from_config(json.dumps({**vector["options"], "preset": preset}))


def test_normalize_vectors():
    vectors = lines("normalize.jsonl")
    assert len(vectors) >= 80
    failures = [
        (v["why"], v["input"], v["expected"], got)
        for v in vectors
        if (got := normalizer_for(v, v["preset"]).normalize(v["input"])) != v["expected"]
    ]
    assert not failures


def test_neologdn_vectors():
    vectors = lines("neologdn.jsonl")
    assert len(vectors) > 1000
    failures = [
        (v["input"], v["options"], v["expected"], got)
        for v in vectors
        if (got := normalizer_for(v, "neologdn").normalize(v["input"])) != v["expected"]
    ]
    assert not failures


def test_entity_vectors():
    vectors = lines("entities.jsonl")
    assert len(vectors) >= 40
    for v in vectors:
        found = [(e.kind, e.text, [e.start, e.end]) for e in kizuna.extract_entities(v["input"])]
        expected = [(e["kind"], e["text"], e["chars"]) for e in v["entities"]]
        assert found == expected, v["why"]


def test_japanese_holidays_2000_to_2030():
    with open(VECTORS / "japan_holidays.csv", encoding="utf-8") as f:
        reference = {row["date"]: row["name"] for row in csv.DictReader(f)}
    ours = {h["date"]: h for h in kizuna.japanese_holidays(2000, 2030)}
    assert ours.keys() == reference.keys()
    for date, name in reference.items():
        # The reference writes a substitute day as "<holiday> 振替休日".
        if ours[date]["kind"] == "substitute":
            assert name.endswith("振替休日"), date
        else:
            assert ours[date]["name_ja"] == name, date


def test_holiday_years_are_checked():
    with pytest.raises(kizuna.OutOfRangeError):
        kizuna.japanese_holidays(1900)
    with pytest.raises(kizuna.OrderError):
        kizuna.japanese_holidays(2027, 2026)
