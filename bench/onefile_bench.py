"""What does linting ONE file cost, next to the whole tree and to a bare libcst parse? (issue 9)

    python bench/onefile_bench.py [--copies 3] [--big-lines 50000] [--jobs-tree N] [--only-named] [--named F ...] [--keep]

Builds, in a temporary folder, a large tree: `--copies` copies of the lint_bench corpus (bench/.cache/corpus, built
by `bench/lint_bench.py`), each copy's top-level packages renamed (`aiohttp` -> `aiohttp_1`, in imports too) so
that every copy is a distinct set of modules of one project; and a second tree holding one generated module of
`--big-lines` lines (plus a small helper module it imports). Every variant runs in a fresh subprocess; wall time
and peak RSS (`ru_maxrss` of the subprocess and its children) are printed:

  one file        `asynccheck lint --no-cache --jobs 1 <file>` for a few files of the large tree
  whole tree      `asynccheck lint --no-cache --jobs 1 <tree>` (and with `--jobs-tree N` cores); not with --only-named
  bare parse      `libcst.parse_module` of the same file, or of every file of the tree one by one

Targets: one named file cold in under 2 s and 300 MB; no file above ~2x its bare parse (time and memory); a
whole-tree run's peak memory under 2x the largest single parse.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import List, Tuple

HERE = Path(__file__).resolve().parent
CORPUS = HERE / ".cache" / "corpus"
if not CORPUS.exists():
    CORPUS = Path("/work/main/bench/.cache/corpus")
PACKAGES = ["aiohttp", "anyio", "starlette", "httpx", "httpcore", "uvicorn", "fastapi", "aiosqlite", "websockets",
            "redis", "tornado", "sanic"]
# files linted one by one (relative to a copy), chosen for their cross-module imports
NAMED = ["tornado/test/circlerefs_test.py", "starlette/middleware/base.py", "aiohttp/web_runner.py", "httpx/_client.py",
         "redis/asyncio/cluster.py"]

PARSE_ONE = "import sys, libcst; libcst.parse_module(open(sys.argv[1], 'rb').read())"
PARSE_ALL = """
import sys, libcst
for name in open(sys.argv[1]).read().split('\\n'):
    if name:
        try:
            libcst.parse_module(open(name, 'rb').read())
        except Exception:
            pass
"""


def measure(cmd: List[str], cwd: Path) -> Tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MB) of ``cmd`` and its children, measured from a fresh process so
    that ru_maxrss is this command's. CPU time is printed too: on a busy machine wall time says little."""
    probe = (
        "import json, resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
        "t = time.perf_counter() - t\n"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(json.dumps([t, u.ru_utime + u.ru_stime, u.ru_maxrss / 1024]))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe, *cmd], cwd=cwd, capture_output=True, text=True, check=True)
    wall, cpu, mb = json.loads(out.stdout.strip().splitlines()[-1])
    return wall, cpu, mb


def build_tree(root: Path, copies: int) -> Path:
    tree = root / "tree"
    tree.mkdir()
    (tree / "asynccheck.toml").write_text("# defaults\n")
    pattern = re.compile(r"\b(" + "|".join(PACKAGES) + r")\b")
    for k in range(1, copies + 1):
        for package in PACKAGES:
            for src in (CORPUS / package).rglob("*.py"):
                rel = src.relative_to(CORPUS)
                dest = tree / f"{package}_{k}" / rel.relative_to(package)
                dest.parent.mkdir(parents=True, exist_ok=True)
                text = src.read_text(encoding="utf-8", errors="surrogateescape")
                dest.write_text(pattern.sub(lambda m: f"{m.group(1)}_{k}", text), encoding="utf-8",
                                errors="surrogateescape")
    return tree


BIG_BLOCK = '''

class Handler{i}(helpers.Base):
    """Generated handler {i}."""

    retries = {i}

    async def fetch(self, url):
        data = await self.session.get(url)
        helpers.notify(url)
        return data

    def parse(self, text):
        values = [int(v) for v in text.split(",") if v]
        return sum(values) + self.retries


async def run_{i}(session, urls):
    handler = Handler{i}()
    handler.session = session
    results = []
    for url in urls:
        results.append(await handler.fetch(url))
    helpers.load_settings("settings_{i}.json")
    return [handler.parse(str(r)) for r in results]
'''

HELPERS = '''
import json


class Base:
    session = None


async def notify(url):
    return url


def _read(path):
    with open(path) as fh:
        return json.load(fh)


def load_settings(path):
    return _read(path)
'''


def build_big(root: Path, lines: int) -> Path:
    tree = root / "big"
    (tree / "gen").mkdir(parents=True)
    (tree / "asynccheck.toml").write_text("# defaults\n")
    (tree / "gen" / "__init__.py").write_text("")
    (tree / "gen" / "helpers.py").write_text(HELPERS)
    per_block = BIG_BLOCK.count("\n")
    parts = ['"""Generated module."""\nfrom gen import helpers\n']
    parts.extend(BIG_BLOCK.format(i=i) for i in range(max(1, lines // per_block)))
    (tree / "gen" / "big.py").write_text("".join(parts))
    return tree / "gen" / "big.py"


def lint_cmd(target: Path, jobs: int = 1) -> List[str]:
    return [sys.executable, "-m", "asynccheck", "lint", "--no-cache", "--exit-zero", "--format", "json",
            "--jobs", str(jobs), str(target)]


def row(label: str, wall: float, cpu: float, mb: float, base: Tuple[float, float, float] = None) -> None:
    ratio = f"  {cpu / base[1]:5.2f}x  {mb / base[2]:5.2f}x" if base else ""
    print(f"{label:<62} {wall:7.2f} s {cpu:7.2f} s {mb:7.0f} MB{ratio}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--big-lines", type=int, default=50_000)
    parser.add_argument("--jobs-tree", type=int, default=0, help="also lint the tree with N cores (0: skip)")
    parser.add_argument("--named", nargs="*", help="files to lint one by one, relative to a copy (e.g. httpx/_api.py)")
    parser.add_argument("--only-named", action="store_true", help="skip the whole-tree variants (they take minutes)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit("no corpus: run bench/lint_bench.py once to build it")
    root = Path(tempfile.mkdtemp(prefix="onefile-bench-"))
    try:
        tree = build_tree(root, args.copies)
        big = build_big(root, args.big_lines)
        files = sorted(tree.rglob("*.py"))
        n_lines = sum(p.read_bytes().count(b"\n") for p in files)
        big_lines = big.read_bytes().count(b"\n")
        print(f"tree: {len(files)} files, {n_lines:,} lines ({args.copies} renamed copies of {CORPUS}); "
              f"big module: {big_lines:,} lines, {big.stat().st_size / 1e6:.1f} MB")
        print(f"{'variant':<62} {'wall':>9} {'CPU':>9} {'peak RSS':>10}  x parse (CPU, memory)")
        for rel in args.named or NAMED:
            target = tree / (rel.split("/")[0] + "_1") / rel.split("/", 1)[1]
            size = target.read_bytes().count(b"\n")
            base = measure([sys.executable, "-c", PARSE_ONE, str(target)], tree)
            row(f"bare parse {rel} ({size} lines)", *base)
            row("asynccheck lint --no-cache <that one file>", *measure(lint_cmd(target), tree), base)
        base = measure([sys.executable, "-c", PARSE_ONE, str(big)], big.parent)
        row("bare parse of the big module", *base)
        row("asynccheck lint <the big module>", *measure(lint_cmd(big), big.parent.parent), base)
        if args.only_named:
            return
        largest = max(files, key=lambda p: p.stat().st_size)
        one = measure([sys.executable, "-c", PARSE_ONE, str(largest)], tree)
        row(f"bare parse of the tree's largest file ({largest.relative_to(tree)})", *one)
        listing = root / "files.txt"
        listing.write_text("\n".join(map(str, files)))
        base = measure([sys.executable, "-c", PARSE_ALL, str(listing)], tree)
        row("bare parse of every file of the tree, 1 core", *base)
        tree_run = measure(lint_cmd(tree), tree)
        row("asynccheck lint <tree> --jobs 1", *tree_run, base)
        if args.jobs_tree:
            row(f"asynccheck lint <tree> --jobs {args.jobs_tree}", *measure(lint_cmd(tree, args.jobs_tree), tree), base)
        print(f"whole-tree peak RSS / largest single parse: {tree_run[2] / one[2]:.2f}")
    finally:
        if args.keep:
            print(f"kept: {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
