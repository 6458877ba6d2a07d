"""The ``asynccheck`` command. Subcommands load lazily so ``asynccheck run`` never imports libcst."""
from __future__ import annotations

import importlib
from typing import Any, Dict, List, Optional

import click

from asynccheck import __version__

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


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> List[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> Optional[click.Command]:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, _, attr = target.partition(":")
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="asynccheck")
def cli() -> None:
    """Find asyncio anti-patterns: statically (lint) and in a running program (run).

    Both share one rule catalogue: see `asynccheck rules`.
    """


def main(argv: Optional[List[str]] = None) -> Any:
    return cli.main(args=argv, prog_name="asynccheck")
