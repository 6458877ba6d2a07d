"""How fast is `asynccheck lint` on real async libraries, next to a bare libcst parse, flake8-async and ruff?

    python bench/lint_bench.py [--quick] [--skip-flake8] [--only parse,cold1,coldN,warm,flake8,ruff]

Builds (once, under bench/.cache/) a corpus with `pip install --no-deps --target` of a dozen async libraries and a
tools venv with flake8-async and ruff; every variant runs in its own subprocess and is timed by wall clock.
Targets (issue 2): cold `--jobs 1` within 2x the bare parse; warm (unchanged tree, cache filled) 20x faster than cold.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
CORPUS = CACHE / "corpus"
TOOLS = CACHE / "tools"
PACKAGES = ["aiohttp", "anyio", "starlette", "httpx", "httpcore", "uvicorn", "fastapi", "aiosqlite", "websockets",
            "redis", "tornado", "sanic"]
QUICK = ["anyio", "httpx", "starlette"]

PARSE_SCRIPT = """
import sys, libcst
for name in sys.argv[1:]:
    try:
        libcst.parse_module(open(name, 'rb').read())
    except Exception:
        pass
"""


def build_corpus() -> None:
    if not CORPUS.exists():
        print("building the corpus (pip install --no-deps --target) ...", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(CORPUS), *PACKAGES],
                       check=True)
    if not (TOOLS / "bin" / "ruff").exists():
        print("building the tools venv (flake8, flake8-async, ruff) ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(TOOLS)], check=True)
        subprocess.run([str(TOOLS / "bin" / "pip"), "install", "-q", "flake8", "flake8-async", "ruff"], check=True)


def corpus_files(packages) -> list:
    files = []
    for package in packages:
        files.extend(sorted((CORPUS / package).rglob("*.py")))
    return files


def versions(packages) -> str:
    found = []
    for package in packages:
        dist = sorted(CORPUS.glob(f"{package}-*.dist-info"))
        found.append(dist[0].name[: -len(".dist-info")] if dist else package)
    return ", ".join(found)


def timed(cmd, timeout: float, **kw):
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kw)
    return time.perf_counter() - start, proc


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"only {', '.join(QUICK)}")
    parser.add_argument("--skip-flake8", action="store_true", help="flake8-async takes minutes on the full corpus")
    parser.add_argument("--only", default="parse,cold1,coldN,warm,flake8,ruff")
    parser.add_argument("--timeout", type=float, default=1800)
    args = parser.parse_args()
    only = set(args.only.split(","))
    if args.skip_flake8:
        only.discard("flake8")
    build_corpus()
    packages = QUICK if args.quick else PACKAGES
    files = corpus_files(packages)
    lines = sum(p.read_bytes().count(b"\n") for p in files)
    targets = [str(CORPUS / p) for p in packages]
    print(f"corpus: {len(files)} files, {lines} lines: {versions(packages)}")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}\n")

    lint = [sys.executable, "-m", "asynccheck", "lint", "--exit-zero", "--format", "json", "--select", "ALL"]
    rows = {}
    summary = ""
    if "parse" in only:
        rows["bare libcst parse (1 core)"], _ = timed([sys.executable, "-c", PARSE_SCRIPT, *map(str, files)], args.timeout)
    if "cold1" in only:
        rows["asynccheck cold --jobs 1"], proc = timed([*lint, "--no-cache", "--jobs", "1", *targets], args.timeout)
        data = json.loads(proc.stdout)
        kinds = {}
        for e in data["errors"]:
            kinds[e["kind"]] = kinds.get(e["kind"], 0) + 1
        summary = f"asynccheck reported {len(data['findings'])} findings, errors by kind: {kinds or 'none'}"
    if "coldN" in only:
        rows[f"asynccheck cold, all {os.cpu_count()} cores"], _ = timed([*lint, "--no-cache", *targets], args.timeout)
    if "warm" in only:
        cache = Path(tempfile.mkdtemp(prefix="asynccheck-bench-"))
        try:
            timed([*lint, "--jobs", "1", "--cache-dir", str(cache), *targets], args.timeout)
            rows["asynccheck warm (unchanged tree)"], _ = timed(
                [*lint, "--jobs", "1", "--cache-dir", str(cache), *targets], args.timeout)
        finally:
            shutil.rmtree(cache, ignore_errors=True)
    if "flake8" in only:
        try:
            rows["flake8 + flake8-async --select ASYNC"], _ = timed(
                [str(TOOLS / "bin" / "flake8"), "--select", "ASYNC", "-j", "1", *targets], args.timeout)
        except subprocess.TimeoutExpired:
            print(f"flake8-async: still running after {args.timeout:.0f} s, left out")
    if "ruff" in only:
        rows["ruff check --select ASYNC"], _ = timed(
            [str(TOOLS / "bin" / "ruff"), "check", "--select", "ASYNC", "--no-cache", "--exit-zero", *targets], args.timeout)

    base = rows.get("bare libcst parse (1 core)")
    print(f"{'variant':42} {'seconds':>9} {'files/s':>9} {'lines/s':>10} {'x parse':>8}")
    for name, secs in rows.items():
        ratio = f"{secs / base:8.2f}" if base else "       -"
        print(f"{name:42} {secs:9.2f} {len(files) / secs:9.0f} {lines / secs:10.0f} {ratio}")
    print()
    if summary:
        print(summary)
    cold = rows.get("asynccheck cold --jobs 1")
    if cold and base:
        print(f"cold --jobs 1 / bare parse = {cold / base:.2f} (target <= 2.0)")
    warm = rows.get("asynccheck warm (unchanged tree)")
    if cold and warm:
        print(f"warm speed-up = {cold / warm:.1f}x (target >= 20x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
