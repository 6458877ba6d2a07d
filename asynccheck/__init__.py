"""asynccheck: find asyncio anti-patterns statically (``asynccheck lint``) and at run time (``asynccheck run``).

PYTEST_DONT_REWRITE: under ``asynccheck run -m pytest`` this package is imported before pytest, whose assertion
rewriting of the plugin's package would warn that it came too late (the marker is pytest's; nothing here asserts
for a user to read)."""
from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "watch"]


def __getattr__(name: str) -> Any:
    # Lazy so that `import asynccheck` (the CLI, the flake8 plugin) never pays for the runtime.
    if name == "watch":
        from asynccheck.checker import watch

        return watch
    raise AttributeError(f"module 'asynccheck' has no attribute {name!r}")
