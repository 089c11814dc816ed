"""Start-up cost of one letter, side by side with `python -c "import typer"`.

    python benchmarks/startup.py [--runs 30]

Runs both commands alternately (so machine noise hits both alike) after a warm-up run
that fills the case and template caches, and prints the medians and their ratio.
Issue #2 asks for a ratio of at most 2.0.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(command: list[str], cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    script = shutil.which("ua-letter", path=str(Path(sys.executable).parent)) or "ua-letter"
    baseline = [sys.executable, "-c", "import typer"]
    letter = [script, "generate", "33.23", "--to", "ma-xingrui"]
    with tempfile.TemporaryDirectory() as cwd:  # no ./cases: the shipped case is used
        timed(letter, cwd)
        typer_times, letter_times = [], []
        for _ in range(args.runs):
            typer_times.append(timed(baseline, cwd))
            letter_times.append(timed(letter, cwd))
    t, g = statistics.median(typer_times), statistics.median(letter_times)
    print(f'python -c "import typer"                 median {t * 1000:6.1f} ms')
    print(f"ua-letter generate 33.23 --to ma-xingrui  median {g * 1000:6.1f} ms")
    print(f"ratio {g / t:.2f} (target <= 2.0), {args.runs} runs each, interleaved")


if __name__ == "__main__":
    main()
