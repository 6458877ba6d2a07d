"""Shapes from the fourth round of reading findings on real code nobody here wrote (bench/real/real45-labels.tsv)."""
from __future__ import annotations

import pytest

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


@pytest.mark.parametrize("after_the_branch", [
    "return target(call)",  # only the job's own value reaches here: the cast's branch returned
    "target = job.fallback\n            return target(call)",  # rebound to another unknown value
])
def test_cast_in_a_returning_branch_does_not_reach_the_read_after_it(after_the_branch):
    check_marked(_RUNNER_HEAD + f'''
        async def execute(self, job, call):
            target = job.target
            if job.is_coroutine:
                target = cast(Callable[..., Coroutine[Any, Any, int]], target)
                return await target(call)
            {after_the_branch}

        async def maybe(self, job, call):
            # after the `if`, `target` may still be the job's plain callable: nothing says calling it makes one
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


# A file upload handed out by a generator context manager: the `with` binds the path it yields, whose reads and
# writes touch the disk like any other path's.
_MANAGERS = '''
    import asyncio
    from contextlib import asynccontextmanager, contextmanager
    from pathlib import Path
    from typing import AsyncIterator, Generator, Iterator


    @contextmanager
    def uploaded(file_id: str) -> Iterator[Path]:
        yield Path("/uploads") / file_id


    @contextmanager
    def workdir(name: str) -> Generator[Path, None, None]:
        yield Path("/tmp") / name


    @asynccontextmanager
    async def scratch(name: str) -> AsyncIterator[Path]:
        yield Path("/tmp") / name


    @contextmanager
    def label(name: str) -> Iterator[str]:
        yield name
'''


def test_path_yielded_by_a_context_manager_generator_is_a_path():
    check_marked(_MANAGERS + '''

    async def validate(file_id):
        with uploaded(file_id) as certificate:
            return certificate.read_text(encoding="utf-8")  # ACK103


    async def prepare(name):
        with workdir(name) as folder:
            folder.mkdir()  # ACK103
        async with scratch(name) as folder:
            folder.write_text("x")  # ACK103


    class Store:
        @contextmanager
        def _opened(self, name) -> Iterator[Path]:
            yield Path(name)

        async def save(self, name, data):
            with self._opened(name) as target:
                target.write_bytes(data)  # ACK103
    ''', ["ACK103"])


def test_context_manager_yields_left_alone_where_they_do_not_block():
    check_marked(_MANAGERS + '''

    async def offloaded(file_id):
        with uploaded(file_id) as certificate:
            return await asyncio.to_thread(certificate.read_text, encoding="utf-8")


    async def text_only(name):
        with label(name) as text:
            return text.upper()


    def sync_validate(file_id):
        with uploaded(file_id) as certificate:
            return certificate.read_text(encoding="utf-8")


    class Uploads:
        def uploaded(self, file_id) -> Iterator[str]:
            yield file_id

        async def name(self, file_id):
            with self.uploaded(file_id) as found:
                return found.read_text()
    ''', ["ACK103"])
