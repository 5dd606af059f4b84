#!/usr/bin/env python3
"""What the Python binding costs, in one run: 1 M posts (the development set's texts, cycled)
normalised with the `search` preset and classified, from Rust (the `throughput` example, one
post after another) and from Python on a pandas column (`Normalizer.normalize_arrow`,
`Classifier.classify_table`, conversion and the Arrow result included), first on one thread,
then on every core.

    python3 benches/compare/binding_overhead.py [POSTS]

Issue 6 asks for a binding overhead under 15 % and a parallel scaling of at least 1.8× on
2 cores.
"""
import json
import os
import subprocess
import sys

from bench_env import ROOT, in_venv, median_seconds, rust_example

in_venv("pandas", "pyarrow", str(ROOT / "bindings" / "python"))

import pandas as pd  # noqa: E402
import pyarrow as pa  # noqa: E402

import kizuna  # noqa: E402

POSTS = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
RUNS = 5


def corpus():
    with open(ROOT / "tests" / "data" / "mentions_dev.jsonl", encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    return [texts[i % len(texts)] for i in range(POSTS)]


def rust_rate(binary, path, contender):
    out = subprocess.run([str(binary), "--input", str(path), contender], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout)["posts_per_s"]


def python_rate(work):
    return POSTS / median_seconds(work, RUNS)[0]


def main():
    texts = corpus()
    path = ROOT / "target" / "binding_overhead.jsonl"
    path.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts),
                    encoding="utf-8")
    binary = rust_example("throughput")
    column = pd.Series(texts, dtype=pd.ArrowDtype(pa.string()))
    normalizer = kizuna.Normalizer("search")
    classifier = kizuna.Classifier()
    rows = []
    for name, contender, call in [
        ("normalise (search)", "search", lambda p: normalizer.normalize_arrow(column, parallel=p)),
        ("classify", "classify", lambda p: classifier.classify_table(column, parallel=p)),
    ]:
        rust = rust_rate(binary, path, contender)
        one = python_rate(lambda: call(False))
        every = python_rate(lambda: call(True))
        rows.append((name, rust, one, every))
    print(f"{POSTS:,} posts from a pandas column (Arrow strings), {os.cpu_count()} cores; "
          f"medians of {RUNS} runs (Rust: of its own runs)")
    print("| task | Rust, 1 thread | Python, 1 thread | binding overhead | Python, all cores | scaling |")
    print("|---|---|---|---|---|---|")
    for name, rust, one, every in rows:
        print(f"| {name} | {rust / 1e3:.0f} k/s | {one / 1e3:.0f} k/s | {rust / one - 1:+.1%} "
              f"| {every / 1e3:.0f} k/s | {every / one:.2f}× |")


if __name__ == "__main__":
    main()
