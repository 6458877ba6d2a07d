"""Breaks found running real suites under the pytest plugin (rreal3): a module loaded by an import hook of a
library's (pytest's assertion rewriter, which `-p asynccheck` points at asynccheck's own modules too) was read
with `open()` from inside the import, and that read was reported as the program's file I/O (ACK103) at the line
that happened to trigger the import: the first `run_in_executor` of a test failed it."""
from __future__ import annotations

import asyncio
import importlib
import importlib.abc
import importlib.util
import subprocess
import sys
import textwrap

import pytest

import asynccheck


class _ReadingLoader(importlib.abc.Loader):
    """Loads a module from a file it reads with `open()` itself, as pytest's rewriter and other hooks do."""

    def __init__(self, path):
        self.path = path

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        with open(self.path, "rb") as fh:
            source = fh.read()
        exec(compile(source, str(self.path), "exec"), module.__dict__)


class _Finder(importlib.abc.MetaPathFinder):
    def __init__(self, folder):
        self.folder = folder

    def find_spec(self, name, path=None, target=None):
        candidate = self.folder / (name + ".py")
        if not candidate.exists():
            return None
        return importlib.util.spec_from_loader(name, _ReadingLoader(candidate), origin=str(candidate))


def _import_in_a_coroutine(tmp_path, name, body):
    (tmp_path / (name + ".py")).write_text(textwrap.dedent(body))
    finder = _Finder(tmp_path)
    sys.meta_path.insert(0, finder)

    async def main():
        importlib.import_module(name)
        await asyncio.sleep(0)

    try:
        with asynccheck.watch() as session:
            asyncio.run(main())
    finally:
        sys.meta_path.remove(finder)
        sys.modules.pop(name, None)
    return [f for f in session.findings if f.code == "ACK103"]


def test_a_module_an_import_hook_reads_is_not_the_programs_file_io(tmp_path):
    assert _import_in_a_coroutine(tmp_path, "rreal3_hooked_plain", "VALUE = 1\n") == []


def test_a_file_the_module_body_reads_while_imported_is_still_reported(tmp_path):
    (tmp_path / "data.txt").write_text("x")
    found = _import_in_a_coroutine(tmp_path, "rreal3_hooked_reader", f"""\
        with open({str(tmp_path / 'data.txt')!r}) as fh:
            DATA = fh.read()
        """)
    assert len(found) == 1
    # (told at the program's line that imported it; the module's own line is on the stack)
    assert any(frame.path.endswith("rreal3_hooked_reader.py") and frame.line == 1 for frame in found[0].stack)


def test_a_read_of_the_coroutine_itself_is_still_reported(tmp_path):
    (tmp_path / "data.txt").write_text("x")

    async def main():
        with open(tmp_path / "data.txt") as fh:
            return fh.read()

    with asynccheck.watch() as session:
        asyncio.run(main())
    assert [f.code for f in session.findings] == ["ACK103"]


_SUITE = {
    "conftest.py": "import pytest\npytest.register_assert_rewrite('helpers')\n",
    "helpers.py": "def double(x):\n    assert isinstance(x, int)\n    return 2 * x\n",
    "test_lazy.py": textwrap.dedent("""\
        import asyncio

        def test_first_executor_job():
            async def main():
                return await asyncio.get_running_loop().run_in_executor(None, len, "abc")
            assert asyncio.run(main()) == 3

        def test_lazy_import_of_a_rewritten_helper():
            async def main():
                import helpers  # loaded by pytest's rewriter, inside the loop
                return helpers.double(2)
            assert asyncio.run(main()) == 4
        """),
    "test_reads.py": textwrap.dedent("""\
        import asyncio

        def test_reads_a_file_on_the_loop():
            async def main():
                with open(__file__) as fh:
                    return fh.read()
            assert asyncio.run(main())
        """),
}


def test_plugin_named_with_p_fails_no_test_for_imports(tmp_path):
    for name, text in _SUITE.items():
        (tmp_path / name).write_text(text)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "asynccheck", "--asynccheck",
         "-o", "addopts=", "-W", "ignore::DeprecationWarning"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300)
    out = result.stdout
    assert "1 failed, 2 passed" in out, out + result.stderr
    assert "FAILED test_reads.py::test_reads_a_file_on_the_loop" in out
    assert "ACK103 blocking-file-io: test_reads.py:5" in out
    assert out.count("ACK103 blocking-file-io") == 1, out


# -- ACK601: a `try` nested in the handler (asgiref's SyncToAsync passes the cancel on to the task it runs for,
# in a nested try, then re-raises or ends as that task ended): the handler ends at its own POP_EXCEPT, not the
# nested one's, and a `raise` after the nested try is the handler's

_cancel_needs = pytest.mark.skipif(sys.version_info < (3, 11), reason="ACK601 at run time needs Task.cancelling()")


async def _refusing_view(started):
    started.set_result(asyncio.current_task())
    try:
        await asyncio.sleep(0.1)
    except asyncio.CancelledError:  # the work refuses the cancel on purpose (a shielded write) and finishes
        await asyncio.sleep(0.01)
    return "done"


def _thread_runs_view_on(loop, started):
    return asyncio.run_coroutine_threadsafe(_refusing_view(started), loop).result()


async def _relay():
    loop = asyncio.get_running_loop()
    started = loop.create_future()
    job = loop.run_in_executor(None, _thread_runs_view_on, loop, started)
    try:
        return await asyncio.shield(job)
    except asyncio.CancelledError:
        cancel_job = True
        task = await started
        task.cancel()  # passed on to the work
        try:
            await task
            cancel_job = False
        except asyncio.CancelledError:
            pass
        if job.done():
            raise
        if cancel_job:
            job.cancel()
        return await job  # ends as the work ended


async def _cancel_after(coro_fn, delay):
    task = asyncio.ensure_future(coro_fn())
    await asyncio.sleep(delay)
    task.cancel()
    try:
        return await task
    except asyncio.CancelledError:
        return "cancelled"


def _swallows_found(coro_fn):
    """(what the task cancelled after 50 ms ended with, the ACK601/ACK602 findings)"""
    with asynccheck.watch() as session:
        outcome = asyncio.run(_cancel_after(coro_fn, 0.05))
    return outcome, [f for f in session.findings if f.code in ("ACK601", "ACK602")]


@_cancel_needs
def test_a_handler_that_may_raise_after_a_nested_try_is_not_a_swallow():
    assert _swallows_found(_relay) == ("done", [])


async def _closing():
    await asyncio.sleep(0)
    raise OSError("gone")


async def _goes_on_after_nested_cleanup():
    for _ in range(2):
        try:
            await asyncio.sleep(0.2)
        except asyncio.CancelledError:
            try:
                await _closing()
            except OSError:
                pass
            await asyncio.sleep(0)
    return "went on"


@_cancel_needs
def test_a_handler_with_a_nested_try_and_no_raise_is_still_a_swallow():
    outcome, found = _swallows_found(_goes_on_after_nested_cleanup)
    assert outcome == "went on"
    handler = _goes_on_after_nested_cleanup.__code__.co_firstlineno + 4
    assert [(f.code, f.line) for f in found] == [("ACK601", handler)], found
