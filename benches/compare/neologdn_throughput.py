#!/usr/bin/env python3
"""Times kizuna's `neologdn` preset beside the `neologdn` Python package (and NFKC from both
ICU4X and Python's `unicodedata`) on the same 10 MiB benchmark corpus, in one run, and prints
medians and ratios.

    python3 benches/compare/neologdn_throughput.py

It makes its own virtual environment (`.venv-bench`) with the `neologdn` package and kizuna's
Python binding, builds the Rust `throughput` example in release mode, writes the corpus there,
and times each contender over every post of it: the median of several runs is kept. kizuna is
timed from Python as a user calls it (one call a post, and a whole list in one call on one
thread), and from Rust for the cost of the binding.
"""
import json
import subprocess
import unicodedata

from bench_env import ROOT, in_venv, median_seconds, rust_example

RUNS = 5


def rust(binary, corpus, name):
    out = subprocess.run([str(binary), "--input", str(corpus), name], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)["mb_per_s"]


def python(posts, normalize):
    """MB/s of `normalize` called on each post in turn."""
    def run():
        for p in posts:
            normalize(p)
    return megabytes(posts) / median_seconds(run, RUNS)[0]


def python_all(posts, normalize_all):
    """MB/s of `normalize_all` called once on the whole list."""
    return megabytes(posts) / median_seconds(lambda: normalize_all(posts), RUNS)[0]


def megabytes(posts):
    return sum(len(p.encode("utf-8")) for p in posts) / 1e6


def main():
    in_venv("neologdn==0.5.6", str(ROOT / "bindings" / "python"))
    import kizuna
    import neologdn

    binary = rust_example("throughput")
    corpus = ROOT / "target" / "bench-corpus.jsonl"
    subprocess.run([str(binary), "--dump", str(corpus)], check=True)
    posts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()]

    preset = kizuna.Normalizer("neologdn")
    rows = {
        "kizuna neologdn preset (Python, a call a post)": python(posts, preset.normalize),
        "kizuna neologdn preset (Python, one list)": python_all(
            posts, lambda all_posts: preset.normalize_batch(all_posts, parallel=False)
        ),
        "kizuna neologdn preset (Rust)": rust(binary, corpus, "neologdn"),
        "ICU4X NFKC (Rust)": rust(binary, corpus, "nfkc"),
        f"neologdn {neologdn.__version__} (Python)": python(posts, neologdn.normalize),
        "unicodedata NFKC (Python)": python(posts, lambda t: unicodedata.normalize("NFKC", t)),
    }
    base = rows[f"neologdn {neologdn.__version__} (Python)"]
    print(f"{len(posts)} posts, {sum(len(p.encode()) for p in posts) / 1e6:.1f} MB, median of runs")
    print(f"{'contender':<48} {'MB/s':>9} {'x neologdn':>11}")
    for name, mbs in rows.items():
        print(f"{name:<48} {mbs:>9.1f} {mbs / base:>10.1f}x")


if __name__ == "__main__":
    main()
