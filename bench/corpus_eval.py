"""Precision and recall of the linter on a labelled corpus (one case per top-level def/class).

Labels on a case's first line: `# expect: <category>[, ?<category>]`, `# expect: clean`, `# near: <category>`.
A `?category` is a judgement call: reporting it or not are both right. A set may be laid out as a package (its
modules importing each other): the files of its sub-folders are read too, named by their path inside the set.

    python bench/corpus_eval.py ../shared/corpus-sample [--select ACK110] [--ignore ACK602] [-v]

Prints the totals, then tp/fp/fn, precision and recall per category, then each case that missed or over-reported.
The opt-in ACK502 (unbounded-spawn, a category of the corpus) is always on; --select adds more.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from asynccheck import config as config_mod
from asynccheck import rules
from asynccheck.lint import lint_paths

EXPECT = re.compile(r"#\s*expect:\s*([^#]+)")


def cases(path: Path):
    lines = path.read_text(encoding="utf-8").splitlines()
    starts = [i for i, line in enumerate(lines, 1) if re.match(r"(async\s+def|def|class)\s", line)]
    for n, start in enumerate(starts):
        end = (starts[n + 1] - 1) if n + 1 < len(starts) else len(lines)
        # decorators and comments above a def belong to it
        match = EXPECT.search(lines[start - 1])
        if not match:
            continue
        labels = [x.strip() for x in match.group(1).split(",") if x.strip()]
        must = {x for x in labels if x != "clean" and not x.startswith("?")}
        may = {x[1:] for x in labels if x.startswith("?")}
        yield start, end, must, may, lines[start - 1].strip()


def _key(path: Path, corpus: Path) -> str:
    """A file's path inside the corpus: a set may be a package with same-named modules in its sub-packages."""
    try:
        return path.resolve().relative_to(corpus.resolve()).as_posix()
    except ValueError:
        return path.name


def unread_labels(corpus: Path):
    """`file:line` of each `# expect:` that no case reads: on a decorator or anywhere but a def/class line."""
    for path in sorted(corpus.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if EXPECT.search(line) and not re.match(r"(async\s+def|def|class)\s", line):
                yield f"{_key(path, corpus)}:{number}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--select", action="append", default=[])
    parser.add_argument("--ignore", action="append", default=[], help="rules to leave out (to weigh one rule's share)")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    cfg = config_mod.Config(root=args.corpus.resolve()).override(extend_select=["ACK502", *args.select],
                                                                     ignore=args.ignore)
    report = lint_paths([args.corpus], cfg, jobs=1, use_cache=False)
    by_file = {}
    for f in report.findings:
        by_file.setdefault(_key(Path(f.path), args.corpus), []).append(f)
    tp = fp = fn = 0
    per: dict = {"tp": Counter(), "fp": Counter(), "fn": Counter()}
    bad_cases = []
    total = 0
    for path in sorted(args.corpus.rglob("*.py")):
        for start, end, must, may, header in cases(path):
            total += 1
            found = [f for f in by_file.get(_key(path, args.corpus), []) if start <= f.line <= end]
            got = {rules.BY_CODE[f.code].category for f in found}
            tp += len(must & got)
            fn += len(must - got)
            extra = got - must - may
            fp += len(extra)
            per["tp"].update(must & got)
            per["fn"].update(must - got)
            per["fp"].update(extra)
            if (must - got) or extra:
                bad_cases.append((_key(path, args.corpus), start, header, sorted(must - got), sorted(extra), found))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"cases {total}  tp {tp}  fp {fp}  fn {fn}  precision {precision:.3f}  recall {recall:.3f}")
    for category in sorted(set().union(*per.values())):
        t, p, n = (per[kind][category] for kind in ("tp", "fp", "fn"))
        print(f"  {category:24} tp {t:3}  fp {p:2}  fn {n:2}  precision {t / (t + p) if t + p else 1.0:.3f}  "
              f"recall {t / (t + n) if t + n else 1.0:.3f}")
    for where in unread_labels(args.corpus):
        print(f"  warning: {where}: a label not on a def/class line is not read (a decorated case takes its "
              "label on the def line)")
    for name, line, header, missed, extra, found in bad_cases:
        print(f"  {name}:{line}: missed {missed} extra {extra}   {header[:90]}")
        if args.verbose:
            for f in found:
                print(f"      {f.line}: {f.code} {f.message[:100]}")
    print(f"errors: {[e.to_dict() for e in report.errors]}" if report.errors else "errors: none")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # (piped into `head`)
        sys.exit(0)
