#!/usr/bin/env python3
"""Runs two builds of the `throughput` example in turn and prints the median of each and of
the pair ratios: on a shared machine whose speed drifts from hour to hour, only runs made side
by side compare.

    python3 benches/tools/alternate.py RUNS BINARY_A BINARY_B [throughput arguments...]

For example, to set a change against the commit before it (build each, copy the binary):

    cargo build --release -p kizuna-benches --example throughput
    cp target/release/examples/throughput /tmp/throughput-new
    python3 benches/tools/alternate.py 8 /tmp/throughput-old /tmp/throughput-new \\
        --input posts.jsonl classify
"""
import json
import statistics
import subprocess
import sys


def posts_per_second(binary, arguments):
    out = subprocess.run([binary, *arguments], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)["posts_per_s"]


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    runs, first, second, arguments = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
    pairs = [(posts_per_second(first, arguments), posts_per_second(second, arguments))
             for _ in range(runs)]
    ratios = [b / a for a, b in pairs]
    print(f"A median {statistics.median(a for a, _ in pairs):,.0f} posts/s, "
          f"B median {statistics.median(b for _, b in pairs):,.0f} posts/s, "
          f"B/A median of {runs} pair ratios {statistics.median(ratios):.3f} "
          f"(lowest {min(ratios):.3f}, highest {max(ratios):.3f})")


if __name__ == "__main__":
    main()
