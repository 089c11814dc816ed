"""How different the letters of many writers are, per language and target.

    python benchmarks/variation.py [--writers 200] [--case 33.23]

Renders one letter per writer (a name, no note, no address) to each target of the case in
each of its languages, and prints the number of distinct letter bodies and the median
pairwise share of identical sentences (both defined in tests/variety.py).
Issue #5 asks, for 200 writers, for at least 150 distinct bodies and a median under 50%.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import variety

from ua_letters.cases.lookup import find
from ua_letters.cases.model import missing_text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=200)
    parser.add_argument("--case", default="33.23")
    args = parser.parse_args()
    case = find(args.case, []).case
    names = variety.writer_names(args.writers)
    print(f"{case.label}, {args.writers} writers (no note), one letter each per target")
    print(f"{'language':<9}{'target':<22}{'distinct':>9}{'median shared':>15}{'seconds':>9}")
    for language in (tag for tag in case.languages if not missing_text(case, tag)):
        for target in case.targets:
            start = time.perf_counter()
            letters = variety.letters_for(case, target.id, language, names)
            spread = variety.spread(letters)
            took = time.perf_counter() - start
            print(f"{language:<9}{target.id:<22}{spread.distinct:>9}"
                  f"{spread.median_shared:>14.1%}{took:>9.2f}")
    print("targets: distinct >= 75% of writers, median shared < 50%")


if __name__ == "__main__":
    main()
