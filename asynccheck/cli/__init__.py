"""The ``asynccheck`` command. Subcommands load lazily so ``asynccheck run`` never imports libcst; a usual
``asynccheck run`` command line does not even import click (see cli/runner.py): its start-up is the checked
program's."""
from __future__ import annotations

import sys
from typing import Any, Dict, List, Optional

# command name -> "module:attribute"
COMMANDS: Dict[str, str] = {
    "lint": "asynccheck.cli.lint:lint",
    "run": "asynccheck.cli.run:run",
    "rules": "asynccheck.cli.catalogue:rules_command",
    "rule": "asynccheck.cli.catalogue:rule_command",
    "server": "asynccheck.cli.server:server",
}

# Exit statuses, documented in docs/cli.md.
EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


def main(argv: Optional[List[str]] = None) -> Any:
    args = sys.argv[1:] if argv is None else list(argv)
    if args[:1] == ["run"]:
        from asynccheck.cli import runner

        runner.main(args[1:])  # exits, unless the command line is click's to explain
    from asynccheck.cli.group import cli

    return cli.main(args=argv, prog_name="asynccheck")


def __getattr__(name: str) -> Any:
    # the click group, for those who drive it themselves (tests, click's CliRunner): loaded on first use
    if name in ("cli", "LazyGroup"):
        from asynccheck.cli import group

        return getattr(group, name)
    raise AttributeError(f"module 'asynccheck.cli' has no attribute {name!r}")
