"""``asynccheck server``: the language server. pygls is optional (the ``lsp`` extra), so it is imported here,
when the command runs, and its absence is a usage error with the way out."""
from __future__ import annotations

import sys

import click

from asynccheck.cli import EXIT_USAGE


@click.command("server")
@click.option("--stdio", is_flag=True, help="Talk LSP over stdin and stdout (the default and only transport; "
                                            "accepted because many editors pass it).")
def server(stdio: bool) -> None:
    """Run a language server (LSP over stdio) for editors.

    It lints each open file as you type, from the unsaved text, with the facts of the whole project (a
    coroutine defined in another module is known), using the project's configuration and lint cache. Findings
    are warnings with the rule's code, linked to its documentation; code actions apply a finding's fix, all
    the safe fixes of the file, or add `# noqa: CODE` to the line. Setup for VS Code, Neovim, Helix and Emacs:
    docs/editors.md.

    Needs the `lsp` extra: pip install 'asynccheck[lsp]'.
    """
    try:
        from asynccheck.server import serve
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in ("pygls", "lsprotocol", "cattrs", "attrs"):
            raise
        click.echo(f"asynccheck: error: the language server needs pygls ({exc}); "
                   "install it with: pip install 'asynccheck[lsp]'", err=True)
        sys.exit(EXIT_USAGE)
    serve()
