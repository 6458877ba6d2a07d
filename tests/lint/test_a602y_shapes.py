"""ACK602 task roots on the shapes real applications left (a602y): an awaiter that swallows the cancel itself
(freqtrade's consumer), Home Assistant's and tornado's spawners, tasks made in a dict comprehension, and a
coroutine function handed on by reference in another module."""
from __future__ import annotations

from .helpers import check_marked, project_findings

CODES = ["ACK601", "ACK602"]

SWALLOWING_AWAITER = '''
import asyncio


class Consumer:
    def start(self, loop):
        self._loop = loop
        self._main_task = asyncio.run_coroutine_threadsafe(self._main(), loop=loop)

    async def _shutdown(self):
        if self._sub_tasks:
            for task in self._sub_tasks:
                task.cancel()
            await asyncio.gather(*self._sub_tasks, return_exceptions=True)
        self._main_task.cancel()

    async def _main(self):
        try:
            self._sub_tasks = [self._loop.create_task(self._handle(p)) for p in range(3)]
            await asyncio.gather(*self._sub_tasks)
        except asyncio.CancelledError:
            pass
        finally:
            self._loop.stop()

    async def _handle(self, p):
        try:
            await asyncio.sleep(p)
        except asyncio.CancelledError:
            pass
'''


def test_tasks_awaited_by_an_awaiter_that_swallows_the_cancel_itself():
    """freqtrade's shape: the spawner gathers its tasks inside a `try` whose handler swallows the cancel; cancelled
    there it goes on past the `try` either way, so the tasks' swallowing costs it nothing."""
    check_marked(SWALLOWING_AWAITER, CODES)


def test_an_awaiter_that_relies_on_the_cancel_keeps_the_finding():
    """The same tasks awaited one by one where the awaiter re-raises, or awaits more after them in the same `try`:
    the tasks' swallowing turns its cancel into a normal return."""
    awaited = SWALLOWING_AWAITER.replace("            await asyncio.gather(*self._sub_tasks)\n",
                                         "            await self._sub_tasks[0]\n")
    reraising = awaited.replace("        except asyncio.CancelledError:\n            pass\n        finally:",
                                "        except asyncio.CancelledError:\n            raise\n        finally:")
    assert reraising != awaited != SWALLOWING_AWAITER
    for source in (reraising, awaited.replace(
            "            await self._sub_tasks[0]\n",
            "            await self._sub_tasks[0]\n            await asyncio.sleep(1)\n")):
        lines = source.splitlines()
        last = max(i for i, line in enumerate(lines) if "except asyncio.CancelledError:" in line)
        lines[last] += "  # ACK602"
        check_marked("\n".join(lines) + "\n", CODES)


HOME_ASSISTANT = '''
import asyncio

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant


class Hub:
    def __init__(self, hass: HomeAssistant, entry: ConfigEntry):
        self._start_task = hass.async_create_task(self._start_client())
        entry.async_create_background_task(hass, self._listen(), "demo listen")

    async def _start_client(self) -> None:
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            return

    async def _listen(self) -> None:
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            pass

    async def async_unload(self) -> None:
        self._start_task.cancel()
        await asyncio.gather(self._start_task, return_exceptions=True)
'''


def test_home_assistant_tasks_cancelled_on_unload():
    """`hass.async_create_task`, cancelled by the hub's unload and then gathered; a config entry's background task
    (its coroutine is the second argument), which the entry cancels when it is unloaded."""
    check_marked(HOME_ASSISTANT, CODES)


def test_home_assistant_task_awaited_without_a_cancel_stays_reported():
    source = HOME_ASSISTANT.replace("        self._start_task.cancel()\n", "").replace(
        "        await asyncio.gather(self._start_task, return_exceptions=True)\n",
        "        await self._start_task\n").replace(
        "        except asyncio.CancelledError:\n            return\n",
        "        except asyncio.CancelledError:  # ACK602\n            return\n")
    assert source.count("# ACK602") == 1
    check_marked(source, CODES)


def test_a_project_method_named_like_home_assistants_is_no_spawner():
    source = '''
        import asyncio

        class Jobs:
            def async_create_task(self, coro):
                return coro

        async def job():
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:  # handed to a call: no awaiter in sight (a602x)
                pass

        def start(jobs: Jobs):
            jobs.async_create_task(job())
    '''
    check_marked(source, CODES)


def test_tornado_convert_yielded_spawns_a_task_root():
    """`gen.convert_yielded(coro)` wraps the coroutine in a task: dropped, its owner alone ends it; handed to
    `add_future`, where the linter does not follow it, no awaiter is in sight (a602x); awaited on the spot, the
    awaiter's cancel passes through."""
    source = '''
        import asyncio
        from tornado import gen
        from tornado.ioloop import IOLoop

        class Stream:
            def start(self):
                IOLoop.current().add_future(gen.convert_yielded(self._pump()), lambda f: None)
                gen.convert_yielded(self._drain())

            async def _pump(self):
                try:
                    await asyncio.sleep(1)
                except asyncio.CancelledError:
                    pass

            async def _drain(self):
                try:
                    await asyncio.sleep(1)
                except asyncio.CancelledError:
                    pass

            async def flush(self):
                await gen.convert_yielded(self._flush())

            async def _flush(self):
                try:
                    await asyncio.sleep(1)
                except asyncio.CancelledError:  # ACK602
                    pass
    '''
    check_marked(source, CODES)


def test_tasks_made_in_a_dict_comprehension_and_cancelled_through_its_values():
    source = '''
        import asyncio

        class Pool:
            def start(self, names):
                self._readers = {name: asyncio.create_task(self._read(name)) for name in names}

            async def close(self):
                for task in self._readers.values():
                    task.cancel()
                await asyncio.gather(*self._readers.values(), return_exceptions=True)

            async def _read(self, name):
                try:
                    await asyncio.sleep(1)
                except asyncio.CancelledError:
                    pass
    '''
    check_marked(source, CODES)
    # awaited elsewhere without a cancel: the awaiter's cancel passes through
    check_marked(source.replace("except asyncio.CancelledError:", "except asyncio.CancelledError:  # ACK602") + '''
            async def wait_read(self, name):
                await self._readers[name]
    ''', CODES)


REFERENCE_PASSES = {
    "pkg/__init__.py": "",
    "pkg/_connection.py": '''
        import asyncio

        class Connection:
            async def _run(self):
                try:
                    await asyncio.sleep(1)
                except asyncio.CancelledError:
                    pass

            async def _pump(self):
                try:
                    await asyncio.sleep(1)
                except asyncio.CancelledError:
                    pass
    ''',
    "pkg/server.py": '''
        import asyncio
        from pkg._connection import Connection

        class Server:
            def start(self, conn: Connection):
                asyncio.create_task(conn._run())
                asyncio.create_task(conn._pump())
    ''',
    "pkg/tools.py": '''
        import functools

        async def flush(conn):
            run = functools.partial(conn._run)
            await run()
    ''',
}


def test_a_task_root_handed_on_by_reference_in_another_module(tmp_path):
    """`_run` is spawned and dropped in one module, and another hands it on by reference (`partial(conn._run)`)
    and awaits what it makes: the linter does not follow a reference handed on, so no awaiter is in sight and it is
    quiet (a602x: left alone for want of sight); awaited by name there, it is reported."""
    assert project_findings(tmp_path, REFERENCE_PASSES, CODES) == set()
    files = dict(REFERENCE_PASSES, **{"pkg/tools.py": '''
        async def flush(conn):
            await conn._run()
            print("flushed")
    '''})
    assert project_findings(tmp_path, files, CODES) == {("pkg/_connection.py", 7, "ACK602")}


def test_a_task_root_imported_by_name_and_spawned_in_another_module(tmp_path):
    """The import of a private coroutine function by name is no use of it: the module that imports and only
    spawns it makes it a task root."""
    files = {
        "pkg/__init__.py": "",
        "pkg/_work.py": '''
            import asyncio

            async def _poll(feed):
                try:
                    await feed.refresh()
                except asyncio.CancelledError:
                    pass
        ''',
        "pkg/runner.py": '''
            import asyncio
            from pkg._work import _poll

            def start(feed):
                asyncio.create_task(_poll(feed))
        ''',
    }
    assert project_findings(tmp_path, files, CODES) == set()
