#!/usr/bin/env python3
"""Runs two builds of the `throughput` example in turn and prints the median of each and of
the pair ratios: on a shared machine whose speed drifts from hour to hour, only runs made side
by side compare.

    python3 benches/tools/alternate.py [--together] RUNS BINARY_A BINARY_B [throughput arguments...]

For example, to set a change against the commit before it (build each, copy the binary):

    cargo build --release -p kizuna-benches --example throughput
    cp target/release/examples/throughput /tmp/throughput-new
    python3 benches/tools/alternate.py 8 /tmp/throughput-old /tmp/throughput-new \\
        --input posts.jsonl classify

With `--together` the two builds run at the same time instead, each pinned to a core of its
own (`taskset`), and swap cores from one run to the next: a machine whose speed swings from
minute to minute then slows both alike. The two share the last-level cache and the memory
bus, so a change in how much memory a build touches can show less than it would alone.
"""
import json
import statistics
import subprocess
import sys


def start(binary, arguments, core=None):
    pinned = ["taskset", "-c", str(core)] if core is not None else []
    return subprocess.Popen([*pinned, binary, *arguments], stdout=subprocess.PIPE, text=True)


def posts_per_second(process):
    out, _ = process.communicate()
    if process.returncode != 0:
        sys.exit(f"{process.args} exited with {process.returncode}")
    return json.loads(out)["posts_per_s"]


def pair(first, second, arguments, together, run):
    """One run of each build: in turn, or at once on cores 0 and 1 (swapped every other run)."""
    if not together:
        a = posts_per_second(start(first, arguments))
        return a, posts_per_second(start(second, arguments))
    cores = (0, 1) if run % 2 == 0 else (1, 0)
    a, b = start(first, arguments, cores[0]), start(second, arguments, cores[1])
    return posts_per_second(a), posts_per_second(b)


def main():
    together = "--together" in sys.argv[1:2]
    args = sys.argv[2:] if together else sys.argv[1:]
    if len(args) < 3:
        sys.exit(__doc__)
    runs, first, second, arguments = int(args[0]), args[1], args[2], args[3:]
    pairs = [pair(first, second, arguments, together, run) for run in range(runs)]
    ratios = [b / a for a, b in pairs]
    print(f"A median {statistics.median(a for a, _ in pairs):,.0f} posts/s, "
          f"B median {statistics.median(b for _, b in pairs):,.0f} posts/s, "
          f"B/A median of {runs} pair ratios {statistics.median(ratios):.3f} "
          f"(lowest {min(ratios):.3f}, highest {max(ratios):.3f})")


if __name__ == "__main__":
    main()
