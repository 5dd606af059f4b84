"""Shared fixtures: the repository's test data and one built classifier."""
from pathlib import Path

import pytest

import kizuna

ROOT = Path(__file__).resolve().parents[3]
VECTORS = ROOT / "tests" / "vectors"
DEV_SET = ROOT / "tests" / "data" / "mentions_dev.jsonl"


@pytest.fixture(scope="session")
def classifier() -> kizuna.Classifier:
    return kizuna.Classifier(brands=["ソラ航空", "@sora_air", "Sora Air"])
