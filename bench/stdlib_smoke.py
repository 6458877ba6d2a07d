"""No input crashes the linter: lint the whole standard library of this Python and count internal errors.

    python bench/stdlib_smoke.py [--jobs N]

Prints files, lines, seconds, findings by code, the files that are not valid Python (the stdlib ships a few on
purpose, for its own tests) and exits 1 on any internal error or crash (an exit status other than 0/1, a traceback).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections import Counter
from pathlib import Path

THIRD_PARTY = ("site-packages", "dist-packages")  # inside the stdlib folder, but not the stdlib


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=0, help="processes [default: all cores]")
    args = parser.parse_args()
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "asynccheck.toml"
        # ALL: a default-off rule must not crash either. Our own exclude list, because the default one skips
        # folders named venv/build/dist, and the stdlib has a `venv` package.
        exclude = ", ".join(f'"{name}"' for name in (*THIRD_PARTY, "__pycache__"))
        config.write_text(f'select = ["ALL"]\nexclude = [{exclude}]\n')
        cmd = [sys.executable, "-m", "asynccheck", "lint", "--exit-zero", "--format", "json", "--no-cache",
               "--config", str(config), str(stdlib)]
        if args.jobs:
            cmd += ["--jobs", str(args.jobs)]
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        seconds = time.perf_counter() - start
    try:
        data = json.loads(proc.stdout)
    except ValueError:
        data = None
    if proc.returncode not in (0, 1) or "Traceback" in proc.stderr or data is None:
        print(f"CRASH: exit {proc.returncode}\n{proc.stderr[-3000:]}")
        return 1

    files = [p for p in stdlib.rglob("*.py") if not set(THIRD_PARTY) & set(p.parts)]
    lines = sum(p.read_bytes().count(b"\n") for p in files)
    print(f"Python {sys.version.split()[0]} stdlib at {stdlib}: {len(files)} files, {lines} lines, "
          f"linted in {seconds:.1f} s on {args.jobs or os.cpu_count()} cores")
    codes = Counter(f["code"] for f in data["findings"])
    print(f"findings: {len(data['findings'])}, by code: {dict(sorted(codes.items()))}")
    unreadable = [e for e in data["errors"] if e["kind"] != "internal"]
    internal = [e for e in data["errors"] if e["kind"] == "internal"]
    print(f"files not checkable: {len(unreadable)} (invalid on purpose, or beyond libcst's grammar)")
    for e in unreadable:
        print(f"  {e['kind']}: {os.path.relpath(e['path'], stdlib)}:{e['line']}: {e['message'][:100]}")
    for e in internal:
        print(f"INTERNAL ERROR: {e['path']}:{e['line']}: {e['message']}")
    print(f"internal errors: {len(internal)}")
    return 1 if internal else 0


if __name__ == "__main__":
    sys.exit(main())
