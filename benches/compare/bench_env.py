"""What the comparison scripts share: the repository root, the `.venv-bench` virtual
environment they run in, and the release build of the Rust examples they time."""
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv-bench"


def in_venv(*packages):
    """Re-runs the calling script inside .venv-bench with `packages` installed."""
    python = VENV / "bin" / "python"
    if Path(sys.prefix).resolve() == VENV.resolve():
        return
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", *packages], check=True)
    os.execv(str(python), [str(python), *sys.argv])


def rust_example(name):
    """Builds the `kizuna-benches` example `name` in release mode and returns its path."""
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "kizuna-benches",
                    "--example", name], check=True, cwd=ROOT)
    return ROOT / "target" / "release" / "examples" / name


def median_seconds(work, runs=5):
    """Runs `work` `runs` times; returns the median wall time in seconds and the last result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result
