"""No input crashes the linter: lint the whole standard library of this Python and count internal errors.

    python bench/stdlib_smoke.py [--jobs N]

Prints files, lines, seconds, findings by code, the files that are not valid Python (the stdlib ships a few on
purpose, for its own tests) and exits 1 on any internal error or crash.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections import Counter
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=0)
    args = parser.parse_args()
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "asynccheck.toml"
        # the defaults skip folders named build/dist/...; the stdlib has none of those but has site-packages
        config.write_text('select = ["ALL"]\nexclude = ["site-packages", "__pycache__"]\n')
        cmd = [sys.executable, "-m", "asynccheck", "lint", "--no-cache", "--exit-zero", "--format", "json",
               "--config", str(config), str(stdlib)]
        if args.jobs:
            cmd += ["--jobs", str(args.jobs)]
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1) or "Traceback" in proc.stderr:
        print(f"CRASH: exit {proc.returncode}\n{proc.stderr[-3000:]}")
        return 1
    data = json.loads(proc.stdout)
    files = [p for p in stdlib.rglob("*.py") if "site-packages" not in p.parts]
    lines = sum(p.read_bytes().count(b"\n") for p in files)
    print(f"Python {sys.version.split()[0]} stdlib: {len(files)} files, {lines} lines, linted in {seconds:.1f} s")
    print("findings by code:", dict(sorted(Counter(f["code"] for f in data["findings"]).items())))
    internal = [e for e in data["errors"] if e["kind"] == "internal"]
    for e in data["errors"]:
        if e["kind"] != "internal":
            print(f"  not checkable ({e['kind']}): {Path(e['path']).relative_to(stdlib)}: {e['message'][:90]}")
    for e in internal:
        print(f"INTERNAL ERROR: {e['path']}: {e['message']}")
    print(f"internal errors: {len(internal)}")
    return 1 if internal else 0


if __name__ == "__main__":
    sys.exit(main())
