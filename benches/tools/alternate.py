#!/usr/bin/env python3
"""Runs two builds of the `throughput` example in turn (or at once, with `--together`) and
prints the median of each and of the pair ratios: on a shared machine whose speed drifts from
hour to hour, only runs made side by side compare.

    python3 benches/tools/alternate.py [--together] RUNS BINARY_A BINARY_B \\
        [throughput arguments...]

For example, to set a change against the commit before it (build each, copy the binary):

    cargo build --release -p kizuna-benches --example throughput
    cp target/release/examples/throughput /tmp/throughput-new
    python3 benches/tools/alternate.py 8 /tmp/throughput-old /tmp/throughput-new \\
        --input posts.jsonl classify

`--together` (first, if given) runs the two builds at the same time instead, each pinned to a
core of its own with `taskset` (Linux), and swaps cores from one run to the next (give an even
RUNS, so each build gets each core as often): a machine whose speed swings from minute to
minute then slows both much more alike. It needs CPUs 0 and 1 to be two real cores, not two
threads of one (`lscpu -e` tells). The two share the last-level cache and the memory bus, so a
change in how much memory a build touches can show less than it would alone; and the build
that finishes first leaves the other alone for the rest of its run, which pulls the ratio a
little towards 1.
"""
import json
import statistics
import subprocess
import sys


def start(binary, arguments, core=None):
    pinned = ["taskset", "-c", str(core)] if core is not None else []
    try:
        return subprocess.Popen([*pinned, binary, *arguments], stdout=subprocess.PIPE, text=True)
    except OSError as error:
        sys.exit(f"cannot run {binary}: {error}")


def posts_per_second(processes):
    """Waits for every process, then reads each one's rate (exits if any failed)."""
    outputs = [process.communicate()[0] for process in processes]
    rates = []
    for process, out in zip(processes, outputs):
        if process.returncode != 0:
            sys.exit(f"{' '.join(process.args)} exited with {process.returncode}")
        try:
            rates.append(json.loads(out)["posts_per_s"])
        except (ValueError, KeyError):
            sys.exit(f"{' '.join(process.args)} printed no posts_per_s: {out[:200]!r}")
    return rates


def pair(first, second, arguments, together, run):
    """One run of each build: in turn, or at once on cores 0 and 1 (swapped every other run)."""
    if not together:
        (a,) = posts_per_second([start(first, arguments)])
        (b,) = posts_per_second([start(second, arguments)])
        return a, b
    cores = (0, 1) if run % 2 == 0 else (1, 0)
    a, b = start(first, arguments, cores[0]), start(second, arguments, cores[1])
    return tuple(posts_per_second([a, b]))


def main():
    together = sys.argv[1:2] == ["--together"]
    args = sys.argv[2:] if together else sys.argv[1:]
    if len(args) < 3:
        sys.exit(__doc__)
    if not args[0].isdecimal() or int(args[0]) == 0:
        sys.exit(f"RUNS must be a whole number of at least 1, not {args[0]!r}\n\n{__doc__}")
    runs, first, second, arguments = int(args[0]), args[1], args[2], args[3:]
    pairs = [pair(first, second, arguments, together, run) for run in range(runs)]
    ratios = [b / a for a, b in pairs]
    print(f"A median {statistics.median(a for a, _ in pairs):,.0f} posts/s, "
          f"B median {statistics.median(b for _, b in pairs):,.0f} posts/s, "
          f"B/A median of {runs} pair ratios {statistics.median(ratios):.3f} "
          f"(lowest {min(ratios):.3f}, highest {max(ratios):.3f})")


if __name__ == "__main__":
    main()
