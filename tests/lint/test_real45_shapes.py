"""Shapes from the fourth round of reading findings on real code nobody here wrote (bench/real/real45-labels.tsv)."""
from __future__ import annotations

from .helpers import check_marked

# A job runner that dispatches on the job's kind: `target` starts as whatever the job holds and is cast to a
# coroutine function only on the path that awaits it; the other paths call a plain callback or hand it off.
_RUNNER_HEAD = '''
    from typing import TYPE_CHECKING, Any, Callable, Coroutine, cast


    class Runner:
'''


def test_cast_to_a_coroutine_function_in_a_branch_that_returns_does_not_reach_the_plain_call():
    check_marked(_RUNNER_HEAD + '''
        async def execute(self, job, call):
            target = job.target
            if job.is_coroutine:
                if TYPE_CHECKING:
                    target = cast(Callable[..., Coroutine[Any, Any, int]], target)
                return await target(call)
            if job.is_callback:
                if TYPE_CHECKING:
                    target = cast(Callable[..., int], target)
                return target(call)
            return await self.in_executor(target, call)
    ''', ["ACK301"])


def test_cast_without_type_checking_guard_in_a_returning_branch():
    check_marked(_RUNNER_HEAD + '''
        async def execute(self, job, call):
            target = job.target
            if job.is_coroutine:
                target = cast(Callable[..., Coroutine[Any, Any, int]], target)
                return await target(call)
            return target(call)
    ''', ["ACK301"])


def test_read_reached_by_the_cast_and_the_unknown_value_is_not_called_a_coroutine():
    # after the `if`, `target` may still be the job's plain callable: nothing says calling it makes a coroutine
    check_marked(_RUNNER_HEAD + '''
        async def execute(self, job, call):
            target = job.target
            if job.is_coroutine:
                target = cast(Callable[..., Coroutine[Any, Any, int]], target)
            return target(call)
    ''', ["ACK301"])


def test_cast_that_reaches_the_dropped_call_is_still_reported():
    check_marked(_RUNNER_HEAD + '''
        async def execute(self, job, call):
            target = job.target
            if job.is_coroutine:
                target = cast(Callable[..., Coroutine[Any, Any, int]], target)
                return target(call)  # ACK301
            return await self.in_executor(target, call)

        async def run_all(self, job, call):
            target = job.target
            target = cast(Callable[..., Coroutine[Any, Any, int]], target)
            target(call)  # ACK301
    ''', ["ACK301"])


def test_single_cast_binding_is_still_a_coroutine_function():
    check_marked(_RUNNER_HEAD + '''
        async def execute(self, job, call):
            target = cast(Callable[..., Coroutine[Any, Any, int]], job.target)
            target(call)  # ACK301
    ''', ["ACK301"])
