"""``asynccheck lint``: the static checker over files and folders."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional, Tuple

import click

from asynccheck.cli import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE

FORMATS = ("text", "json", "sarif", "github")


def _split(values: Tuple[str, ...]) -> Tuple[str, ...]:
    """`--select ACK1,ACK2 --select ACK3` -> ("ACK1", "ACK2", "ACK3")."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


@click.command("lint")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--select", multiple=True, metavar="RULES",
              help="Check only these rules (codes, prefixes like ACK1, names, categories or ALL); replaces the default set.")
@click.option("--extend-select", multiple=True, metavar="RULES", help="Check these rules in addition (e.g. ACK502).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Do not check these rules.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format [default: text, or github inside GitHub Actions].")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to this file.")
@click.option("--statistics", is_flag=True, help="Show how many findings each rule has, instead of the findings.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Processes to use [default: all cores].")
@click.option("--no-cache", is_flag=True, help="Read and check every file afresh.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where to keep the cache [default: .asynccheck_cache in the project root].")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Read settings from this file (a pyproject.toml or asynccheck.toml).")
@click.option("--fix", is_flag=True, help="Apply the safe fixes in place, then report what is left.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff and change nothing.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: also the fixes that may change behaviour.")
@click.option("-q", "--quiet", is_flag=True, help="No progress display (it is shown only on a terminal anyway).")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Do not report the findings recorded in this file (or `baseline` in the config): only new ones.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Record the current findings in this file, report nothing and exit 0.")
def lint(paths: Tuple[Path, ...], select: Tuple[str, ...], extend_select: Tuple[str, ...], ignore: Tuple[str, ...],
         fmt: Optional[str], output: Optional[Path], statistics: bool, exit_zero: bool, jobs: Optional[int],
         no_cache: bool, cache_dir: Optional[Path], config_file: Optional[Path], fix: bool, diff: bool,
         unsafe_fixes: bool, quiet: bool, baseline_file: Optional[Path], write_baseline: Optional[Path]) -> None:
    """Check Python files for asyncio anti-patterns.

    PATHS are files or folders (default: the current folder). Folders are searched for *.py files,
    skipping .git, virtual environments, .gitignore'd files and `exclude` patterns.

    Exit status: 0 no findings, 1 findings or files that could not be parsed, 2 usage or configuration error
    (a path that does not exist is one: the others are still checked and reported).

    \b
    To silence a finding, end its line with `# noqa: ACK101`. flake8-async's and
    ruff's comments for the same diagnosis count too: `# noqa: ASYNC230`,
    `# ruff: ignore[asyncio-dangling-task]`, ruff's ranges and file-level forms
    (docs/configuration.md).
    """
    from asynccheck import config as config_mod
    from asynccheck.report import render

    targets = list(paths) or [Path(".")]
    # a mistyped path is a usage error (exit 2), but the paths that exist are still checked and reported
    missing = [str(p) for p in targets if not p.exists()]
    try:
        cfg = config_mod.discover(targets, config_file).override(
            select=_split(select) or None, ignore=_split(ignore), extend_select=_split(extend_select)
        )
    except config_mod.ConfigError as exc:
        click.echo(f"asynccheck: error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    from asynccheck.lint.run import Run

    run = Run(cfg, jobs=jobs, use_cache=not no_cache, cache_dir=cache_dir)
    progress = None if quiet else Progress.on_terminal(sys.stderr)
    run.progress = progress
    try:
        report = run.check_paths(targets)
    finally:
        if progress is not None:
            progress.close()
    if fix or diff:
        changed = _apply_fixes(run, report, unsafe_fixes, write=not diff)
        if diff:
            sys.exit(EXIT_FINDINGS if changed and not exit_zero else EXIT_CLEAN)
        if changed:
            run = Run(cfg, jobs=jobs, use_cache=not no_cache, cache_dir=cache_dir)
            report = run.check_paths(targets)
    if write_baseline is not None:
        _write_baseline(report, cfg, write_baseline)
        sys.exit(EXIT_USAGE if missing else EXIT_CLEAN)
    report, stale_note = _apply_baseline(report, cfg, baseline_file)
    fmt = fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    text = render(report, fmt, statistics=statistics)
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            click.echo(f"asynccheck: error: cannot write {output}: {exc.strerror or exc}", err=True)
            sys.exit(EXIT_USAGE)
    elif text:
        click.echo(text, nl=not text.endswith("\n"))
    if stale_note:
        click.echo(stale_note, err=True)
    if missing:
        click.echo(f"asynccheck: error: no such file or folder: {', '.join(missing)}", err=True)
        sys.exit(EXIT_USAGE)
    failed = bool(report.findings or report.errors)
    sys.exit(EXIT_FINDINGS if failed and not exit_zero else EXIT_CLEAN)


class Progress:
    """Files done of all and time taken, on one line of a terminal's standard error, redrawn at most ten times a
    second and erased at the end. Nothing at all where stderr is not a terminal (CI logs, pipes)."""

    def __init__(self, stream):
        import time

        self.stream, self.clock = stream, time.monotonic
        self.start = self.last = self.clock()
        self.shown = False

    @classmethod
    def on_terminal(cls, stream) -> Optional["Progress"]:
        isatty = getattr(stream, "isatty", None)
        return cls(stream) if isatty is not None and isatty() and os.environ.get("TERM") != "dumb" else None

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if now - self.last < 0.1 and done < total:
            return
        self.last = now
        self.stream.write(f"\r\033[Kasynccheck: {done}/{total} files, {now - self.start:.1f} s")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()


def _write_baseline(report, cfg, path: Path) -> None:
    from asynccheck.baseline import Baseline

    Baseline.of(report.findings, cfg.root).write(path)
    count = len(report.findings)
    click.echo(f"Wrote {count} finding{'s' if count != 1 else ''} to the baseline {path}.", err=True)


def _apply_baseline(report, cfg, explicit: Optional[Path]):
    """The report without the findings the baseline accepts, and a note on entries that no longer occur."""
    path = explicit or cfg.baseline
    if path is None:
        return report, None
    from asynccheck.baseline import Baseline, BaselineError
    from asynccheck.findings import Report

    try:
        applied = Baseline.load(path).apply(report.findings, cfg.root)
    except BaselineError as exc:
        click.echo(f"asynccheck: error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    return Report(applied.findings, report.errors), applied.summary(path)


def _apply_fixes(run, report, unsafe: bool, write: bool) -> int:
    """Fix (or, when not ``write``, print the diff of) every fixable file; the number of files changed."""
    from asynccheck.lint import fix as fixes

    sources = {path: source for path, source, _, _ in run.items}
    changed = 0
    total = 0
    for file_fix in fixes.fix_run(run, report, unsafe):
        if file_fix.error:
            click.echo(f"{file_fix.path}: {file_fix.error}", err=True)
            continue
        changed += 1
        total += file_fix.applied
        if write:
            fixes.write(file_fix, sources[file_fix.path])
        else:
            click.echo(file_fix.diff(), nl=False)
    if write and total:
        click.echo(f"Fixed {total} finding{'s' if total != 1 else ''} in {changed} file{'s' if changed != 1 else ''}.",
                   err=True)
    hidden = sum(1 for f in report.findings if f.fixable and f.rule.fix == "unsafe") if not unsafe else 0
    if hidden:
        click.echo(f"{hidden} more fix{'es' if hidden != 1 else ''} available with --unsafe-fixes.", err=True)
    return changed
