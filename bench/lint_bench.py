"""How fast is `asynccheck lint` on real async libraries, next to a bare libcst parse, flake8-async and ruff?

    python bench/lint_bench.py [--quick] [--skip-flake8] [--only parse,cold1,coldN,warm,flake8,ruff] [--timeout S]

Builds (once, under bench/.cache/) a corpus with `pip install --no-deps --target` of a dozen async libraries and a
tools venv with flake8-async and ruff; every variant runs in its own subprocess and is timed by wall clock.
Targets (issue 2): cold `--jobs 1` within 2x the bare parse; warm (unchanged tree, cache filled) 20x faster than cold.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from importlib import metadata
from pathlib import Path
from typing import Dict, List, Optional, Tuple

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
CORPUS = CACHE / "corpus"
TOOLS = CACHE / "tools"
TOOLS_READY = TOOLS / "ready"  # written last: a venv whose pip install failed halfway is rebuilt
PACKAGES = ["aiohttp", "anyio", "starlette", "httpx", "httpcore", "uvicorn", "fastapi", "aiosqlite", "websockets",
            "redis", "tornado", "sanic"]
QUICK = ["anyio", "httpx", "starlette"]
TOOL_PACKAGES = ["flake8", "flake8-async", "ruff"]
VARIANTS = ["parse", "cold1", "coldN", "warm", "flake8", "ruff"]

# Prints how many files libcst rejects, to set beside asynccheck's parse errors.
PARSE_SCRIPT = """
import sys, libcst
failed = 0
for name in sys.argv[1:]:
    try:
        libcst.parse_module(open(name, 'rb').read())
    except Exception:
        failed += 1
print(failed)
"""


def build_corpus() -> None:
    if not CORPUS.exists():
        print("building the corpus (pip install --no-deps --target) ...", flush=True)
        partial = CACHE / "corpus.partial"  # renamed when complete, so an interrupted build is not mistaken for one
        shutil.rmtree(partial, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(partial),
                        *PACKAGES], check=True)
        partial.rename(CORPUS)
    # Pins the linter to its default settings: config discovery walks up, and would find a [tool.asynccheck] table
    # the repo's own pyproject.toml may grow.
    pinned = CORPUS / "asynccheck.toml"
    if not pinned.exists():
        pinned.write_text("# empty on purpose: the bench measures asynccheck's default settings\n")


def build_tools() -> None:
    if TOOLS_READY.exists():
        return
    print("building the tools venv (flake8, flake8-async, ruff) ...", flush=True)
    shutil.rmtree(TOOLS, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(TOOLS)], check=True)
    subprocess.run([str(TOOLS / "bin" / "python"), "-m", "pip", "install", "-q", *TOOL_PACKAGES], check=True)
    TOOLS_READY.write_text("")


def corpus_versions(packages: List[str]) -> str:
    found = []
    for package in packages:
        dist = sorted(CORPUS.glob(f"{package}-*.dist-info"))
        found.append(dist[0].name[: -len(".dist-info")] if dist else package)
    return ", ".join(found)


def tool_versions() -> str:
    ours = ", ".join(f"{name} {metadata.version(name)}" for name in ("asynccheck", "libcst"))
    if not TOOLS_READY.exists():
        return ours
    script = "import sys; from importlib.metadata import version; print(', '.join(n + ' ' + version(n) for n in sys.argv[1:]))"
    tools = subprocess.run([str(TOOLS / "bin" / "python"), "-c", script, *TOOL_PACKAGES],
                           capture_output=True, text=True).stdout.strip()
    return f"{ours}, {tools}"


def compile_asynccheck() -> None:
    """Writes asynccheck's bytecode (into its __pycache__ folders, which git ignores) before anything is timed.
    An installed package has its bytecode from pip, as the venv's libcst has; an editable checkout run with
    PYTHONDONTWRITEBYTECODE, as the shared machine is, compiles its 30k lines again on every run: a second of
    CPU time in each asynccheck variant that no user spends, set beside a bare parse that pays none for libcst.
    The files are checked against the sources' times when imported, so an edited module is compiled afresh."""
    import compileall

    compileall.compile_dir(str(HERE.parent / "asynccheck"), quiet=1)


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timed(label: str, cmd: List[str], timeout: float, ok: Tuple[int, ...] = (0,)):
    """Wall time, CPU time (user + system) and the finished process, or None (with the reason printed) if it
    timed out or failed. The variants run one at a time, so the children's CPU grows by this one's alone."""
    start, cpu = time.perf_counter(), _children_cpu()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        print(f"{label}: still running after {timeout:.0f} s, left out")
        return None
    seconds, cpu = time.perf_counter() - start, _children_cpu() - cpu
    if proc.returncode not in ok:
        print(f"{label}: exit {proc.returncode}, left out\n{proc.stderr[-2000:]}")
        return None
    return seconds, cpu, proc


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"only {', '.join(QUICK)}")
    parser.add_argument("--only", default=",".join(VARIANTS), help="comma-separated variants: %(default)s")
    parser.add_argument("--skip-flake8", action="store_true", help="flake8-async takes minutes on the full corpus")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds allowed to each variant [%(default)s]")
    args = parser.parse_args()
    only = [v for v in args.only.split(",") if v]
    unknown = set(only) - set(VARIANTS)
    if unknown:
        parser.error(f"unknown variants {', '.join(sorted(unknown))}; choose from {', '.join(VARIANTS)}")
    if args.skip_flake8 and "flake8" in only:
        only.remove("flake8")

    build_corpus()
    if {"flake8", "ruff"} & set(only):
        build_tools()
    packages = QUICK if args.quick else PACKAGES
    targets = [str(CORPUS / p) for p in packages]
    files = [p for package in packages for p in sorted((CORPUS / package).rglob("*.py"))]
    lines = sum(p.read_bytes().count(b"\n") for p in files)
    print(f"corpus: {len(files)} files, {lines} lines: {corpus_versions(packages)}")
    print(f"tools: {tool_versions()}")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}\n", flush=True)
    compile_asynccheck()

    lint = [sys.executable, "-m", "asynccheck", "lint", "--exit-zero", "--format", "json"]
    rows: Dict[str, Tuple[float, str]] = {}  # variant -> (seconds, what it reported)
    cpu: Dict[str, float] = {}  # variant -> CPU seconds (user + system; steadier than wall on a busy machine)
    outputs: Dict[str, dict] = {}  # asynccheck's JSON per variant, to check they agree

    def measure(label: str, cmd: List[str], read, ok: Tuple[int, ...] = (0,)) -> Optional[str]:
        print(f"  {label} ...", flush=True)
        result = timed(label, cmd, args.timeout, ok)
        if result is None:
            return None
        seconds, cpu[label], proc = result
        rows[label] = seconds, read(label, proc)
        return label

    def read_asynccheck(label: str, proc) -> str:
        outputs[label] = data = json.loads(proc.stdout)
        kinds = Counter(e["kind"] for e in data["errors"])
        return f"{len(data['findings'])} findings; errors: {', '.join(f'{n} {k}' for k, n in sorted(kinds.items())) or 'none'}"

    def count_lines(label: str, proc) -> str:
        return f"{sum(1 for line in proc.stdout.splitlines() if line.strip())} findings"

    parse = cold1 = warm = None
    if "parse" in only:
        parse = measure("bare libcst parse (1 core)", [sys.executable, "-c", PARSE_SCRIPT, *map(str, files)],
                        lambda label, proc: f"{proc.stdout.strip()} files libcst cannot parse")
    if "cold1" in only:
        cold1 = measure("asynccheck cold --jobs 1", [*lint, "--jobs", "1", "--no-cache", *targets], read_asynccheck)
    if "coldN" in only:
        measure(f"asynccheck cold, all {os.cpu_count()} cores", [*lint, "--no-cache", *targets], read_asynccheck)
    if "warm" in only:
        cache = Path(tempfile.mkdtemp(prefix="asynccheck-bench-"))
        try:
            cached = [*lint, "--jobs", "1", "--cache-dir", str(cache), *targets]
            if measure("asynccheck --jobs 1 filling the cache", cached, read_asynccheck):
                warm = measure("asynccheck warm --jobs 1 (unchanged tree)", cached, read_asynccheck)
        finally:
            shutil.rmtree(cache, ignore_errors=True)
    if "flake8" in only:
        # -j 1: one core, as in the 372 s; exit 1 only means it found something
        measure("flake8 + flake8-async --select ASYNC (1 core)",
                [str(TOOLS / "bin" / "flake8"), "--select", "ASYNC", "-j", "1", *targets], count_lines, ok=(0, 1))
    if "ruff" in only:
        measure("ruff check --select ASYNC --no-cache",
                [str(TOOLS / "bin" / "ruff"), "check", "--select", "ASYNC", "--no-cache", "--exit-zero",
                 "--output-format", "concise", "--quiet", *targets], count_lines)

    base = rows[parse][0] if parse else None
    print(f"\n{'variant':46} {'seconds':>8} {'files/s':>8} {'lines/s':>10} {'x parse':>8}  reported")
    for label, (seconds, reported) in rows.items():
        ratio = f"{seconds / base:8.2f}" if base else f"{'-':>8}"
        print(f"{label:46} {seconds:8.2f} {len(files) / seconds:8.0f} {lines / seconds:10.0f} {ratio}  {reported}")
    print()
    # Every asynccheck variant lints the same tree: a different report (a stale or lossy cache, a job that lost
    # files) is a bug, and its timing means nothing.
    reports = {json.dumps(data, sort_keys=True) for data in outputs.values()}
    if len(reports) > 1:
        print("WARNING: the asynccheck variants reported different results: " +
              "; ".join(f"{label}: {rows[label][1]}" for label in outputs))
    if outputs:
        label, data = next(iter(outputs.items()))
        codes = Counter(f["code"] for f in data["findings"])
        print(f"asynccheck ({label}): {rows[label][1]}; by code: {dict(sorted(codes.items()))}")
    if cold1 and parse:
        print(f"cold --jobs 1 / bare parse = {rows[cold1][0] / base:.2f} (target <= 2.0); "
              f"in CPU time {cpu[cold1] / cpu[parse]:.2f} ({cpu[cold1]:.1f} s / {cpu[parse]:.1f} s)")
    if cold1 and warm:
        print(f"warm speed-up = {rows[cold1][0] / rows[warm][0]:.1f}x (target >= 20x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
