"""``asynccheck run`` itself, without click: what the command does (``execute``), and a parser for the usual
command lines (``parse``) so that running a program does not pay for importing click (~20 ms).

``parse`` accepts only what it understands exactly: the options of ``asynccheck run`` (cli/run.py declares
them for click, with their help) spelled ``--name value``, ``--name=value``, ``-o value`` or ``-m``, with valid
values, then TARGET. Anything else (``--help``, an unknown or misspelled option, a bad value, ``--``) returns
None and the command line goes to click, which gives its usual help or error. A test holds the two in step.

Imports here are made where they are needed: a program with nothing to report never loads the report
formats, the baseline, or the configuration's TOML parser when there is no configuration file.
"""
from __future__ import annotations

import errno
import functools
import math
import os
import sys
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

EXIT_USAGE = 2  # as asynccheck.cli (not imported from there: it is the package this module is loaded from)
EXIT_FINDINGS = 3  # the program succeeded, but --fail-on-findings and there are findings
FORMATS = ("text", "json", "sarif", "github")

# option -> (parameter, kind); kinds: "flag", "text", "format", "path", "ms", "many"
OPTIONS: Dict[str, Tuple[str, str]] = {
    "-m": ("as_module", "flag"),
    "--format": ("fmt", "format"),
    "--output": ("output", "path"),
    "-o": ("output", "path"),
    "--select": ("select", "many"),
    "--ignore": ("ignore", "many"),
    "--stall-ms": ("stall_ms", "ms"),
    "--hang-ms": ("hang_ms", "ms"),
    "--fail-on-findings": ("fail_on_findings", "flag"),
    "--raise": ("raise_on_finding", "flag"),
    "--include-site-packages": ("include_site_packages", "flag"),
    "--track-origins": ("track_origins", "flag"),
    "--baseline": ("baseline_file", "path"),
    "--write-baseline": ("write_baseline", "path"),
    "--config": ("config_file", "path"),
    "--no-children": ("no_children", "flag"),
}
DEFAULTS: Dict[str, Any] = {
    "as_module": False, "fmt": "text", "output": None, "select": (), "ignore": (), "stall_ms": None,
    "hang_ms": None, "fail_on_findings": False, "raise_on_finding": False, "include_site_packages": None,
    "track_origins": False, "baseline_file": None, "write_baseline": None, "config_file": None,
    "no_children": False,
}


def parse(args: List[str]) -> Optional[Dict[str, Any]]:
    """The parameters of ``execute`` for ``asynccheck run ARGS``, or None to leave the command line to click."""
    if os.environ.get("_ASYNCCHECK_COMPLETE"):
        return None  # shell completion is click's
    params = dict(DEFAULTS)
    rest = list(args)
    while rest and rest[0].startswith("-"):
        word = rest.pop(0)
        name, has_value, value = word.partition("=")
        known = OPTIONS.get(name if name.startswith("--") else word)
        if known is None:
            return None
        param, kind = known
        if kind == "flag":
            if has_value:
                return None
            params[param] = True
            continue
        if not has_value:
            if not rest:
                return None
            value = rest.pop(0)
        converted = _convert(kind, value)
        if converted is None:
            return None
        params[param] = params[param] + (converted,) if kind == "many" else converted
    if not rest or rest[0] == "-":
        return None  # no TARGET (or "-"): click says what is wrong
    params["target"], params["args"] = rest[0], tuple(rest[1:])
    return params


def _convert(kind: str, value: str) -> Any:
    """The value as click would give it, or None where click might see it differently (it then decides)."""
    if not value or value.startswith("-"):
        return None
    if kind == "format":
        return value if value in FORMATS else None
    if kind == "ms":
        try:
            number = float(value)
        except ValueError:
            return None
        return number if math.isfinite(number) and number >= 1 else None
    if kind == "path":  # click.Path(dir_okay=False): an existing path must be a readable non-folder
        if os.path.exists(value) and (os.path.isdir(value) or not os.access(value, os.R_OK)):
            return None
        return Path(value)
    return value


def main(args: List[str]) -> Optional[int]:
    """Run ``asynccheck run ARGS`` if ``parse`` takes them (never returns then); None otherwise."""
    params = parse(args)
    if params is None:
        return None
    # what click's standalone mode does around a command, for the same endings
    try:
        execute(**params)
    except (EOFError, KeyboardInterrupt):
        sys.stderr.write("\nAborted!\n")  # interrupted outside the program (which has its own handling)
        sys.stderr.flush()
        sys.exit(1)
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        sys.stdout, sys.stderr = _Pacified(sys.stdout), _Pacified(sys.stderr)  # type: ignore[assignment]
        sys.exit(1)
    return 0  # pragma: no cover - execute always exits


class _Pacified:
    """A standard stream whose reader went away (a closed pipe): flushing it at exit says nothing. With
    ``any_error``, no failure to flush says anything (the text left in it is the checker's own)."""

    def __init__(self, stream: Any, any_error: bool = False):
        self._stream = stream
        self._any_error = any_error

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            if exc.errno != errno.EPIPE and not self._any_error:
                raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _tell(text: str) -> None:
    """Write the checker's own words on stderr, where python would have written nothing: a stderr that is closed
    (``2>&-``: None), closed by the program, or whose reader has gone takes none of them, and the program's exit
    status stays its own."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(text)
        stream.flush()
    except ValueError:  # closed by the program: python's flush at exit skips it too
        pass
    except OSError:
        # the text stays in the stream's buffer: python's own flush at exit would fail on it and exit 120
        sys.stderr = _Pacified(stream, any_error=True)  # type: ignore[assignment]


def _error(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def _split(values: Tuple[str, ...]) -> Tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def execute(as_module: bool, fmt: str, output: Optional[Path], select: Tuple[str, ...], ignore: Tuple[str, ...],
            stall_ms: Optional[float], hang_ms: Optional[float], fail_on_findings: bool, raise_on_finding: bool,
            include_site_packages: Optional[bool], track_origins: bool, baseline_file: Optional[Path],
            write_baseline: Optional[Path], config_file: Optional[Path], target: str,
            args: Tuple[str, ...], no_children: bool = False) -> None:
    """Run the program under the checker, write the report, and exit with the program's status."""
    from asynccheck import config as config_mod
    from asynccheck.checker import Session, program
    from asynccheck.cli.process_name import take_interpreter_name

    if not as_module and not os.path.exists(target):
        _error(f"asynccheck: error: can't open file {target!r}: no such file")
        sys.exit(EXIT_USAGE)
    try:
        start = Path(target) if not as_module else Path.cwd()
        cfg = config_mod.discover([start], config_file).override(
            select=_split(select) or None, ignore=_split(ignore), stall_ms=stall_ms, hang_ms=hang_ms,
            include_site_packages=include_site_packages,
        )
    except config_mod.ConfigError as exc:
        _error(f"asynccheck: error: {exc}")
        sys.exit(EXIT_USAGE)

    baseline_path = baseline_file or cfg.baseline
    baseline = None
    if baseline_path is not None and write_baseline is None:
        from asynccheck.baseline import Baseline, BaselineError

        try:
            baseline = Baseline.load(baseline_path)
        except BaselineError as exc:
            _error(f"asynccheck: error: {exc}")
            sys.exit(EXIT_USAGE)

    take_interpreter_name()  # (before any thread of ours starts: each takes the name of the thread starting it)
    session = Session(cfg, raise_on_finding=raise_on_finding, track_origins=track_origins)
    parent = os.getpid()
    ended: list = [None]  # the program's exit status, once it has one
    reported = [0]  # findings in the report (after the baseline)
    # pids that wrote their report: a forked child inherits the parent's entry, not its own. Taken in one step
    # (setdefault): on SIGTERM the report may be written from a thread of the checker's, while the program ends
    written: Dict[int, object] = {}
    children: Any = None  # the spawn and forkserver children, once the program imports multiprocessing.spawn

    def write_report(final: bool = True) -> None:
        # not final: the program replaces itself (os.exec*), and goes on checked if the exec fails
        if final:
            mine = object()
            if written.setdefault(os.getpid(), mine) is not mine:
                return
            session.stop(uncaught=runner.uncaught)
        report = session.report()
        if children is not None and os.getpid() == parent:
            from asynccheck.cli.children import merged
            from asynccheck.findings import Report

            report = Report(merged(report.findings, children.gather()), report.errors).sorted()
        notes = []
        if write_baseline is not None and os.getpid() == parent:
            from asynccheck.baseline import Baseline

            Baseline.of(report.findings, cfg.root).write(write_baseline)
            notes.append(f"Wrote {len(report.findings)} finding(s) to the baseline {write_baseline}.")
        elif baseline is not None:
            from asynccheck.findings import Report

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
        text = _render(report, fmt)
        if fmt == "text" and not report.findings and not final:
            text = "No findings before the program replaced itself (os.exec*): only the part before was checked.\n"
        elif fmt == "text" and not report.findings and ended[0] not in (None, 0):
            # "All checks passed!" would overclaim: only the part of the program that ran was checked
            text = f"No findings; the program ended with status {ended[0]}, so only the part that ran was checked.\n"
        if destination is not None:
            destination.write_text(text, encoding="utf-8")
        else:
            if fmt == "text":
                heading = f"asynccheck: report of forked process {os.getpid()}\n" if os.getpid() != parent else ""
                text = "\n" + heading + text
            _tell(text)
        for note in filter(None, notes):
            _tell(note + "\n")

    def on_hang(notice: str) -> None:
        # the program may never end (a deadlock): tell now, and leave a report where one was asked for
        report = session.report()
        if output is not None:
            output.write_text(_render(report, fmt), encoding="utf-8")
        _tell("\n" + notice + ("  findings so far:\n" + _render(report, "text") if report.findings else ""))

    session.runtime.watchdog.on_hang = on_hang
    from asynccheck.cli.sigterm import ReportOnSigterm

    on_sigterm = ReportOnSigterm(write_report)
    if on_sigterm.install():
        session.runtime.more_threads.append(lambda: on_sigterm.watching)
    real_exit = os._exit

    def _exit(status: int) -> None:  # os._exit skips every cleanup: write the report first
        ended[0] = status
        try:
            with on_sigterm.writing():
                write_report()
        except Exception:
            pass
        real_exit(status)

    # os.exec* ends this process image without any cleanup: the report of the run so far is written first, as
    # coverage.py saves its data then. execl/execlp/execvp... all end in these two, execvp once per PATH folder:
    # the report is written for the one file that can run (a failed exec goes on checked, and reports at its
    # end). No garbage collection then (finalizers of the program's objects would run where python runs none).
    real_execs = {name: getattr(os, name) for name in ("execv", "execve") if hasattr(os, name)}

    def _exec(real: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(real)
        def exec_(path: Any, *args: Any, **kwargs: Any) -> Any:
            if session.active and written.get(os.getpid()) is None and _runnable(path):
                try:
                    write_report(final=False)
                except Exception:
                    pass
            return real(path, *args, **kwargs)

        return exec_

    runner = program.Program(target, list(args), as_module)
    if as_module and not runner.module_exists():
        sys.exit(1)  # python's own message is printed; a program that never started has no report
    session.start()
    if not no_children:
        def check_children(spawn: Any) -> None:  # (cli/children.py is loaded only by a program that can spawn)
            nonlocal children
            from asynccheck.cli.children import Children

            children = Children(cfg, fmt, output, raise_on_finding, track_origins)
            children.patch(session.runtime, spawn)

        session.runtime.on_import.when_imported("multiprocessing.spawn", check_children)
    os._exit = _exit
    for name, real in real_execs.items():
        setattr(os, name, _exec(real))
    try:
        status = ended[0] = runner.run()
    finally:
        os._exit = real_exit
        for name, real in real_execs.items():
            setattr(os, name, real)
        with on_sigterm.writing():  # (a SIGTERM now is handled once the report is written)
            write_report()
        runner.namespace = {}
        runner.uncaught = None  # (sys.last_value keeps it, freed where python frees it: held here, later)
    if runner.interrupted:
        program.die_of_sigint()
    if fail_on_findings and status == 0 and reported[0]:
        status = EXIT_FINDINGS
    # stdout is flushed by python's own exit, as for the program under python: closed (None), it is skipped; its
    # reader gone, python says so and exits 120
    sys.exit(status)


def _runnable(path: Any) -> bool:
    """Whether an exec of ``path`` can replace the process (execvp tries every PATH folder in turn)."""
    try:
        name = os.fspath(path)
    except TypeError:  # a file descriptor (fexecve)
        return True
    return os.access(name, os.X_OK) and not os.path.isdir(name)


def _render(report: Any, fmt: str) -> str:
    from asynccheck.report import render

    return render(report, fmt)
