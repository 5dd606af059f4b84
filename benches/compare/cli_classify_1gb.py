"""`kizuna classify` over a 1 GB JSON Lines export on every core, against reading the file.

The export is the shipped sample repeated to 1 GiB (in a temporary directory, removed after).
Contenders, one run of this script, medians of 3:
  - reading the file straight from the disk (`dd iflag=direct`, no page cache): the floor
    "disk-read-bound" means;
  - reading it from the page cache (`cat > /dev/null`);
  - a Python loop that only parses and re-writes every line (`json.loads` + `json.dumps`),
    the least a script doing the same job would spend before classifying anything (1 run).
Prints throughput, kizuna's peak memory (ru_maxrss of its own runs) and the ratios.

Usage: python3 benches/compare/cli_classify_1gb.py
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_env import ROOT, median_seconds  # noqa: E402

GIB = 1 << 30


def build_cli():
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "kizuna-cli"], check=True, cwd=ROOT)
    return ROOT / "target" / "release" / "kizuna"


def make_export(path):
    sample = (ROOT / "examples" / "data" / "sample_export.jsonl").read_bytes()
    with open(path, "wb") as out:
        written = 0
        while written < GIB:
            out.write(sample)
            written += len(sample)
    return written


def run(args):
    """Runs `args` quietly; returns its own peak resident memory in MiB (from wait4, so the
    cargo build before it and the other contenders do not count)."""
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, args)
    return usage.ru_maxrss / 1024


def python_round_trip(path):
    with open(path, encoding="utf-8") as lines, open(os.devnull, "w", encoding="utf-8") as out:
        for line in lines:
            out.write(json.dumps(json.loads(line), ensure_ascii=False))
            out.write("\n")


def main():
    kizuna = build_cli()
    work = Path(tempfile.mkdtemp(prefix="kizuna-1gb-"))
    try:
        export = work / "export.jsonl"
        size = make_export(export)
        records = sum(1 for _ in open(export, "rb"))
        direct, _ = median_seconds(
            lambda: run(["dd", f"if={export}", "of=/dev/null", "bs=4M", "iflag=direct"]), runs=3)
        cached, _ = median_seconds(lambda: run(["cat", str(export)]), runs=3)
        peaks = []
        classify, _ = median_seconds(
            lambda: peaks.append(run([str(kizuna), "classify", str(export), "-o", os.devnull])),
            runs=3)
        peak_mib = max(peaks)
        python, _ = median_seconds(lambda: python_round_trip(export), runs=1)
    finally:
        shutil.rmtree(work)

    mb = size / 1e6
    print(f"export: {mb:,.0f} MB, {records:,} records; {os.cpu_count()} cores")
    rows = [
        ("disk read (dd iflag=direct)", direct),
        ("page-cache read (cat)", cached),
        ("kizuna classify (all cores)", classify),
        ("Python json.loads + json.dumps only", python),
    ]
    for name, seconds in rows:
        print(f"{name:38} {seconds:7.2f} s  {mb / seconds:8.1f} MB/s  {records / seconds / 1e3:8.0f} k records/s")
    print(f"kizuna classify peak memory: {peak_mib:.0f} MiB")
    print(f"kizuna classify = {direct / classify:.3f}x disk read speed, "
          f"{python / classify:.2f}x the Python parse-and-write loop")


if __name__ == "__main__":
    main()
