"""``asynccheck run``: run a program under the runtime checker and report what it did wrong."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Callable, Optional, Tuple

import click

from asynccheck.cli import EXIT_USAGE

EXIT_FINDINGS = 3  # the program succeeded, but --fail-on-findings and there are findings


def _split(values: Tuple[str, ...]) -> Tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


@click.command("run", context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False})
@click.option("-m", "as_module", is_flag=True, help="TARGET is a module, run as `python -m TARGET`.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github"]), default="text",
              show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file instead of standard error.")
@click.option("--select", multiple=True, metavar="RULES", help="Report only these rules.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Do not report these rules.")
@click.option("--stall-ms", type=click.FloatRange(min=1), default=None,
              help="A task step longer than this is ACK120 [default: 100, or stall-ms in the config].")
@click.option("--hang-ms", type=click.FloatRange(min=1), default=None,
              help="A step longer than this has the loop stuck: say so at once, with where and which locks are "
                   "held [default: 5000, or hang-ms in the config].")
@click.option("--fail-on-findings", is_flag=True,
              help="Exit with status 3 when the program succeeded but there are findings.")
@click.option("--raise", "raise_on_finding", is_flag=True,
              help="Raise asynccheck.runtime.CheckerError at the offending call (for debugging).")
@click.option("--include-site-packages", is_flag=True, default=None,
              help="Point findings at lines inside installed packages too.")
@click.option("--track-origins", is_flag=True,
              help="Record where every coroutine is created, for exact ACK301 lines (slower).")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Do not report the findings recorded in this file (or `baseline` in the config): only new ones.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Record this run's findings in this file (the report is still given).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Read settings from this file.")
@click.argument("target")
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def run(as_module: bool, fmt: str, output: Optional[Path], select: Tuple[str, ...], ignore: Tuple[str, ...],
        stall_ms: Optional[float], hang_ms: Optional[float], fail_on_findings: bool, raise_on_finding: bool,
        include_site_packages: Optional[bool], track_origins: bool, baseline_file: Optional[Path],
        write_baseline: Optional[Path], config_file: Optional[Path], target: str,
        args: Tuple[str, ...]) -> None:
    """Run a Python program (TARGET [ARGS]...) under the runtime checker.

    The program runs as `python TARGET ARGS` would (or `python -m TARGET ARGS` with -m): same sys.argv,
    __main__, standard streams and exit status. When it ends, the report goes to standard error, or to
    --output. Options for asynccheck come before TARGET; everything after it belongs to the program.
    """
    from asynccheck import config as config_mod
    from asynccheck.checker import Session, program
    from asynccheck.findings import Report
    from asynccheck.report import render

    if not as_module and not os.path.exists(target):
        click.echo(f"asynccheck: error: can't open file {target!r}: no such file", err=True)
        sys.exit(EXIT_USAGE)
    try:
        start = Path(target) if not as_module else Path.cwd()
        cfg = config_mod.discover([start], config_file).override(
            select=_split(select) or None, ignore=_split(ignore), stall_ms=stall_ms, hang_ms=hang_ms,
            include_site_packages=include_site_packages,
        )
    except config_mod.ConfigError as exc:
        click.echo(f"asynccheck: error: {exc}", err=True)
        sys.exit(EXIT_USAGE)

    from asynccheck.baseline import Baseline, BaselineError

    baseline_path = baseline_file or cfg.baseline
    try:
        baseline = Baseline.load(baseline_path) if baseline_path is not None and write_baseline is None else None
    except BaselineError as exc:
        click.echo(f"asynccheck: error: {exc}", err=True)
        sys.exit(EXIT_USAGE)

    session = Session(cfg, raise_on_finding=raise_on_finding, track_origins=track_origins)
    parent = os.getpid()
    ended: list = [None]  # the program's exit status, once it has one
    reported = [0]  # findings in the report (after the baseline)
    written = set()  # pids that wrote their report: a forked child inherits the parent's entry, not its own

    def write_report() -> None:
        if os.getpid() in written:
            return
        written.add(os.getpid())
        session.stop()
        report = session.report()
        notes = []
        if write_baseline is not None and os.getpid() == parent:
            Baseline.of(report.findings, cfg.root).write(write_baseline)
            notes.append(f"Wrote {len(report.findings)} finding(s) to the baseline {write_baseline}.")
        elif baseline is not None:
            applied = baseline.apply(report.findings, cfg.root)
            report = Report(applied.findings, report.errors)
            notes.append(applied.summary(baseline_path))
        if os.getpid() == parent:
            reported[0] = len(report.findings)
        destination = output
        if os.getpid() != parent:
            # a forked child that ran on: its own report, only if it has something to say, never over the parent's
            if not report.findings:
                return
            destination = output.with_name(f"{output.name}.{os.getpid()}") if output is not None else None
        text = render(report, fmt)
        if fmt == "text" and not report.findings and ended[0] not in (None, 0):
            # "All checks passed!" would overclaim: only the part of the program that ran was checked
            text = f"No findings; the program ended with status {ended[0]}, so only the part that ran was checked.\n"
        if destination is not None:
            destination.write_text(text, encoding="utf-8")
        else:
            if fmt == "text":
                heading = f"asynccheck: report of forked process {os.getpid()}\n" if os.getpid() != parent else ""
                text = "\n" + heading + text
            sys.stderr.write(text)
        for note in filter(None, notes):
            sys.stderr.write(note + "\n")
        sys.stderr.flush()

    def on_hang(notice: str) -> None:
        # the program may never end (a deadlock): tell now, and leave a report where one was asked for
        report = session.report()
        if output is not None:
            output.write_text(render(report, fmt), encoding="utf-8")
        sys.stderr.write("\n" + notice)
        if report.findings:
            sys.stderr.write("  findings so far:\n" + render(report, "text"))
        sys.stderr.flush()

    session.runtime.watchdog.on_hang = on_hang
    _report_on_sigterm(write_report)
    real_exit = os._exit

    def _exit(status: int) -> None:  # os._exit skips every cleanup: write the report first
        ended[0] = status
        try:
            write_report()
        except Exception:
            pass
        real_exit(status)

    runner = program.Program(target, list(args), as_module)
    if as_module and not runner.module_exists():
        sys.exit(1)  # python's own message is printed; a program that never started has no report
    session.start()
    os._exit = _exit
    try:
        status = ended[0] = runner.run()
    finally:
        os._exit = real_exit
        write_report()
        runner.namespace = {}
    if runner.interrupted:
        program.die_of_sigint()
    if fail_on_findings and status == 0 and reported[0]:
        status = EXIT_FINDINGS
    sys.stdout.flush()
    sys.exit(status)


def _report_on_sigterm(write_report: Callable[[], None]) -> None:
    """A program killed by SIGTERM (a service being stopped) ends with the report too, then dies of the signal
    as it would have. Only where SIGTERM does its default; a program that sets its own handler replaces ours."""
    import signal

    if not hasattr(signal, "SIGTERM") or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        return

    def on_sigterm(signum: int, frame: Any) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        try:
            write_report()
        finally:
            os.kill(os.getpid(), signal.SIGTERM)

    signal.signal(signal.SIGTERM, on_sigterm)
