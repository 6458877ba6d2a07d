"""The click group behind ``asynccheck``: subcommands load lazily, so ``asynccheck run`` never imports libcst."""
from __future__ import annotations

import importlib
from typing import List, Optional

import click

from asynccheck import __version__
from asynccheck.cli import COMMANDS


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
