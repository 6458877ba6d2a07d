"""Whether `asynccheck lint` reports the same findings whatever the hash seed and the number of workers.

Cross-module facts are worked out by walks over the project (helper chains, exported spawners, callbacks); one that
depends on the order of a set or a dict gives findings that come and go with PYTHONHASHSEED, and, with workers,
with which worker saw which file first (realcode14 found one: 29 findings of one package appeared under some seeds
only). This lints a tree under a few seeds, with one worker and with several, without the cache, and prints what
differs. Not a test: a tree worth checking is large (the lint bench's corpus, a real package).

    .venv/bin/python bench/seed_check.py [DIR ...] [--seeds 1,2,3] [--jobs 2] [--select ALL]

With no DIR it checks the lint bench's corpus (bench/.cache/corpus: run `bench/lint_bench.py --only cold1` once to
build it). Exit status 1 when any two runs differ.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Set, Tuple

CORPUS = Path(__file__).parent / ".cache" / "corpus"

Finding = Tuple[str, int, int, str, str]


def lint(paths: List[str], seed: str, jobs: int, select: str) -> Set[Finding]:
    command = [sys.executable, "-m", "asynccheck", "lint", "--no-cache", "--exit-zero", "--format", "json",
               "--jobs", str(jobs), *paths]
    if select:
        command[4:4] = ["--select", select]
    done = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ, PYTHONHASHSEED=seed))
    if done.returncode not in (0, 1):
        raise SystemExit(f"lint failed under seed {seed}:\n{done.stderr[-2000:]}")
    data = json.loads(done.stdout)
    found = data["findings"] if isinstance(data, dict) else data
    return {(f["path"], f["line"], f["column"], f["code"], f["message"]) for f in found}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="what to lint (default: the lint bench's corpus)")
    parser.add_argument("--seeds", default="1,2,3", help="comma-separated PYTHONHASHSEED values")
    parser.add_argument("--jobs", type=int, default=2, help="workers of the runs with several (besides --jobs 1)")
    parser.add_argument("--select", default="ALL", help="rules to run ('' for the defaults)")
    args = parser.parse_args()
    paths = args.paths or [str(CORPUS)]
    if not args.paths and not CORPUS.is_dir():
        print(f"{CORPUS} is missing: run `bench/lint_bench.py --only cold1` once to build it", file=sys.stderr)
        return 2
    runs: Dict[str, Set[Finding]] = {}
    for seed in args.seeds.split(","):
        for jobs in sorted({1, args.jobs}):
            name = f"seed {seed}, --jobs {jobs}"
            runs[name] = lint(paths, seed, jobs, args.select)
            print(f"{name}: {len(runs[name])} findings", flush=True)
    names = list(runs)
    first = runs[names[0]]
    differ = False
    for name in names[1:]:
        only_first, only_here = first - runs[name], runs[name] - first
        if only_first or only_here:
            differ = True
            print(f"\n{names[0]} and {name} differ:")
            for mark, findings in (("-", only_first), ("+", only_here)):
                for path, line, column, code, message in sorted(findings)[:20]:
                    print(f"  {mark} {path}:{line}:{column} {code} {message[:100]}")
    print("\nthe same findings in every run" if not differ else "\nfindings depend on the seed or the workers")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
