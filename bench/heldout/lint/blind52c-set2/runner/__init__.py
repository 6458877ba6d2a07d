"""A CI job runner: a web API that starts builds, streams their logs and reports results."""
from .shell import checkout, run_step, wait_quietly
from .store import ResultStore

__all__ = ["checkout", "run_step", "wait_quietly", "ResultStore"]
