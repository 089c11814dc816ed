"""Start-up cost of one letter from cold, side by side with `python -c "import typer"`.

    python benchmarks/startup.py [--runs 20]

Runs both commands alternately (so machine noise hits both alike), each letter with
XDG_CACHE_HOME pointing at a fresh empty folder, so nothing a previous run left behind
helps (Jinja's bytecode cache included). Prints the medians and their ratio; issue #11
asks for at most 8.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 8.0


def timed(command: list[str], cwd: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    script = shutil.which("ua-letter", path=str(Path(sys.executable).parent)) or "ua-letter"
    baseline = [sys.executable, "-c", "import typer"]
    letter = [script, "generate", "33.23", "--to", "ma-xingrui"]
    typer_times, letter_times = [], []
    with tempfile.TemporaryDirectory() as cwd:  # no ./cases: the shipped case is used
        for run in range(args.runs):
            cache = Path(cwd) / f"cache-{run}"  # a fresh, empty cache folder for each letter
            cache.mkdir()
            env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
            typer_times.append(timed(baseline, cwd, env))
            letter_times.append(timed(letter, cwd, env))
    t, g = statistics.median(typer_times), statistics.median(letter_times)
    print(f'python -c "import typer"                          median {t * 1000:6.1f} ms')
    print(f"ua-letter generate 33.23 --to ma-xingrui (cold)  median {g * 1000:6.1f} ms")
    print(f"ratio {g / t:.2f} (target <= {TARGET:g}), {args.runs} runs each, interleaved, "
          "empty cache folder for every letter")


if __name__ == "__main__":
    main()
