#!/usr/bin/env python3
"""Times kizuna's `neologdn` preset beside the `neologdn` Python package (and NFKC from both
ICU4X and Python's `unicodedata`) on the same 10 MiB benchmark corpus, in one run, and prints
medians and ratios.

    python3 benches/compare/neologdn_throughput.py

It makes its own virtual environment (`.venv-bench`) with the `neologdn` package, builds the
Rust `throughput` example in release mode, writes the corpus there, and times each contender
over every post of it: the median of several runs is kept. kizuna is timed from Rust here;
once the Python binding exists, the same comparison belongs in Python.
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
    size = sum(len(p.encode("utf-8")) for p in posts) / 1e6

    def run():
        for p in posts:
            normalize(p)
    return size / median_seconds(run, RUNS)[0]


def main():
    in_venv("neologdn==0.5.6")
    import neologdn

    binary = rust_example("throughput")
    corpus = ROOT / "target" / "bench-corpus.jsonl"
    subprocess.run([str(binary), "--dump", str(corpus)], check=True)
    posts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()]

    rows = {
        "kizuna neologdn preset (Rust)": rust(binary, corpus, "neologdn"),
        "ICU4X NFKC (Rust)": rust(binary, corpus, "nfkc"),
        f"neologdn {neologdn.__version__} (Python)": python(posts, neologdn.normalize),
        "unicodedata NFKC (Python)": python(posts, lambda t: unicodedata.normalize("NFKC", t)),
    }
    base = rows[f"neologdn {neologdn.__version__} (Python)"]
    print(f"{len(posts)} posts, {sum(len(p.encode()) for p in posts) / 1e6:.1f} MB, median of runs")
    print(f"{'contender':<34} {'MB/s':>9} {'x neologdn':>11}")
    for name, mbs in rows.items():
        print(f"{name:<34} {mbs:>9.1f} {mbs / base:>10.1f}x")


if __name__ == "__main__":
    main()
