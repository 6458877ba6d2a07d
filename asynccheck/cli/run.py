"""``asynccheck run`` for click: its options and help. The command itself is cli/runner.py, which also parses
the usual command lines without click (a test keeps the two lists of options in step)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional, Tuple

import click

from asynccheck.cli.runner import EXIT_FINDINGS, FORMATS, execute

__all__ = ["run", "EXIT_FINDINGS"]


@click.command("run", context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False})
@click.option("-m", "as_module", is_flag=True, help="TARGET is a module, run as `python -m TARGET`.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
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
@click.option("--no-children", is_flag=True,
              help="Do not check the child interpreters the program starts with multiprocessing's spawn and "
                   "forkserver methods (checked by default, their findings merged into this report).")
@click.argument("target")
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def run(as_module: bool, fmt: str, output: Optional[Path], select: Tuple[str, ...], ignore: Tuple[str, ...],
        stall_ms: Optional[float], hang_ms: Optional[float], fail_on_findings: bool, raise_on_finding: bool,
        include_site_packages: Optional[bool], track_origins: bool, baseline_file: Optional[Path],
        write_baseline: Optional[Path], config_file: Optional[Path], no_children: bool, target: str,
        args: Tuple[str, ...]) -> None:
    """Run a Python program (TARGET [ARGS]...) under the runtime checker.

    The program runs as `python TARGET ARGS` would (or `python -m TARGET ARGS` with -m): same sys.argv,
    __main__, standard streams and exit status. When it ends, the report goes to standard error, or to
    --output. Options for asynccheck come before TARGET; everything after it belongs to the program.
    """
    execute(as_module, fmt, output, select, ignore, stall_ms, hang_ms, fail_on_findings, raise_on_finding,
            include_site_packages, track_origins, baseline_file, write_baseline, config_file, target, args,
            no_children=no_children)
