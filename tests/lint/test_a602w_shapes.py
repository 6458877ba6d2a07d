"""ACK602 task roots on the shapes real applications left (a602w, realcode46): a module's function that shares its
name with another object's method, a private loop its task's function ends by awaiting, an entry taken out of a
collection of tasks before its cancel, and tasks started through the project's own `create_task` wrapper. Each is
quiet only while the task's owner alone cancels it; a waiter that relies on the cancel (`wait_for`, a plain await
without a cancel first) keeps it reported."""
from __future__ import annotations

from .helpers import check_marked, project_findings

CODES = ["ACK601", "ACK602"]

SHARED_NAME = '''
import asyncio


async def process_message(session, payload):
    try:
        message = await session.emitter.process_message(payload)
        await session.on_message(message)
    except asyncio.CancelledError:
        pass


async def on_message(session, payload):
    session.current_task = asyncio.create_task(process_message(session, payload))


async def on_stop(session):
    if session.current_task:
        session.current_task.cancel()
'''


def test_a_module_function_named_like_another_objects_method():
    """chainlit's socket handlers: `process_message` runs as the session's current task, which only the stop
    handler cancels; `session.emitter.process_message(...)`, awaited inside it, is another object's method and no
    use of the module's function."""
    check_marked(SHARED_NAME, CODES)


def test_a_module_function_whose_task_is_waited_on_stays_reported():
    source = SHARED_NAME.replace("        session.current_task.cancel()",
                                 "        await asyncio.wait_for(session.current_task, 5)").replace(
        "    except asyncio.CancelledError:\n", "    except asyncio.CancelledError:  # ACK602\n")
    check_marked(source, CODES)


def test_a_method_of_that_name_spawned_and_awaited_is_no_owner_of_the_module_function():
    """The spawner sees only `self.process_message()`, another class's method: nothing starts the module's
    function as a task, so its swallow is judged as a coroutine awaited by whoever calls it."""
    source = SHARED_NAME.replace(
        "    session.current_task = asyncio.create_task(process_message(session, payload))",
        "    session.current_task = asyncio.create_task(session.process_message(payload))").replace(
        "    except asyncio.CancelledError:\n", "    except asyncio.CancelledError:  # ACK602\n")
    check_marked(source, CODES)


TAIL_LOOP = '''
import asyncio
import contextlib


async def _mixed_loop(transport, buffer):
    while True:
        try:
            buffer.append(await transport.receive())
        except asyncio.CancelledError:
            break


async def queue_to_buffer(transport, buffer, mixed):
    if mixed:
        return await _mixed_loop(transport, buffer)
    while True:
        buffer.append(await transport.receive())


class Server:
    async def lifespan(self, transport):
        future = queue_to_buffer(transport, [], True)
        task = asyncio.get_running_loop().create_task(future)
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(task, timeout=1.0)
'''


def test_a_private_loop_the_task_ends_with():
    """litserve's response loop: the task's function hands over to a private variant with `return await`; the
    lifespan cancels the task, then waits for it. The variant's ending is the task's, which its owner ended."""
    check_marked(TAIL_LOOP, CODES)


def test_a_private_loop_of_a_task_awaited_without_a_cancel_stays_reported():
    # (the wait outside any suppress of the cancel: an awaiter that suppresses it itself relies on nothing, a602v)
    source = TAIL_LOOP.replace("            task.cancel()\n", "").replace(
        "        except asyncio.CancelledError:\n", "        except asyncio.CancelledError:  # ACK602\n").replace(
        "            with contextlib.suppress(asyncio.CancelledError):\n                await",
        "            await")
    check_marked(source, CODES)


def test_a_private_loop_its_caller_goes_on_after_stays_reported():
    """Awaited as any but the last thing its caller does, the caller carries on after the swallowed cancel."""
    source = TAIL_LOOP.replace("        return await _mixed_loop(transport, buffer)",
                               "        await _mixed_loop(transport, buffer)\n        await transport.close()").replace(
        "        except asyncio.CancelledError:\n", "        except asyncio.CancelledError:  # ACK601\n")
    check_marked(source, CODES)


POPPED = '''
import asyncio


class Streams:
    def __init__(self):
        self._readers = {}
        self._options = {}

    def open(self, key, stream):
        self._readers[key] = asyncio.create_task(self._read(stream))

    async def close(self, key):
        self._options.pop(key, None)
        reader = self._readers.pop(key, None)
        if reader is not None:
            reader.cancel()
            await reader

    async def _read(self, stream):
        while True:
            try:
                await stream.read()
            except asyncio.CancelledError:
                break
'''


def test_an_entry_popped_then_cancelled_and_awaited():
    """The task taken out of the mapping is one of its tasks: cancelled, then awaited, by its owner."""
    check_marked(POPPED, CODES)


def test_an_entry_popped_and_awaited_without_a_cancel_is_reported():
    """(Before, `.pop()` was a look and the await of what it took out went unseen.)"""
    source = POPPED.replace("            reader.cancel()\n", "").replace(
        "            except asyncio.CancelledError:\n", "            except asyncio.CancelledError:  # ACK602\n")
    check_marked(source, CODES)


def test_an_entry_got_and_waited_for_is_reported():
    source = POPPED.replace("        reader = self._readers.pop(key, None)", "        reader = self._readers.get(key)").replace(
        "            reader.cancel()\n            await reader", "            await asyncio.wait_for(reader, 5)").replace(
        "            except asyncio.CancelledError:\n", "            except asyncio.CancelledError:  # ACK602\n")
    check_marked(source, CODES)


WRAPPER = '''
import asyncio
import logging


def create_task_logged(coro, *, name=None):
    task = asyncio.create_task(coro, name=name)

    def _log(t):
        if not t.cancelled() and t.exception() is not None:
            logging.error("task %s failed", name)

    task.add_done_callback(_log)
    return task
'''

WATCHDOG = '''
import asyncio

from app.utils import create_task_logged


class Watchdog:
    _task = None

    async def start(self):
        self._task = create_task_logged(self._monitor(), name="monitor")

    async def stop(self):
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def _monitor(self):
        while True:
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                break
'''


def test_a_task_started_through_the_projects_wrapper(tmp_path):
    """browser-use's watchdogs: `create_task_with_error_handling(self._monitor(), ...)` in another module starts the
    task and returns it, keeping it nowhere: the watchdog holds it as if from `create_task`, and only its `stop()`
    cancels it."""
    files = {"app/__init__.py": "", "app/utils.py": WRAPPER, "app/watch.py": WATCHDOG}
    assert project_findings(tmp_path, files, CODES) == set()


def test_a_task_started_through_the_wrapper_and_waited_for_is_reported(tmp_path):
    watchdog = WATCHDOG.replace("            self._task.cancel()\n", "").replace(
        "            await asyncio.gather(self._task, return_exceptions=True)",
        "            await asyncio.wait_for(self._task, 5)")
    files = {"app/__init__.py": "", "app/utils.py": WRAPPER, "app/watch.py": watchdog}
    assert project_findings(tmp_path, files, CODES) == {("app/watch.py", 20, "ACK602")}


def test_a_wrapper_that_keeps_the_task_itself_is_no_spawner_for_its_caller(tmp_path):
    """A helper that adds the task to a set of its own may wait on it anywhere: the caller's root is judged as one
    nothing here starts; private, and awaited by no code of the project, it shows no awaiter (a602x)."""
    keeper = WRAPPER.replace("    return task", "    _running.add(task)\n    return task") + "\n\n_running = set()\n"
    files = {"app/__init__.py": "", "app/utils.py": keeper, "app/watch.py": WATCHDOG}
    assert project_findings(tmp_path, files, CODES) == set()


def test_the_wrapper_in_the_same_module():
    source = WRAPPER + WATCHDOG.replace("from app.utils import create_task_logged\n", "")
    check_marked(source, CODES)


RUN_UNTIL_COMPLETE = '''
import asyncio


class Runtime:
    def __init__(self):
        self._loop = asyncio.new_event_loop()

    def run_forever(self):
        self._loop.run_until_complete(self._loop_body())

    async def _loop_body(self):
        try:
            await asyncio.gather(self.serve(), self.wait_for_cancel())
        except asyncio.CancelledError:
            print("cancelled")

    async def serve(self):
        await asyncio.sleep(1)

    async def wait_for_cancel(self):
        await asyncio.sleep(1)


async def main():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("bye")


def entry():
    asyncio.get_event_loop().run_until_complete(main())
'''


def test_the_main_coroutine_run_until_complete_runs():
    """jina's runtime: `run_until_complete` runs the coroutine as a task only the sync caller waits on; Ctrl-C
    interrupts the loop without cancelling it, so its cancel can only be a shutdown's cancel of every task."""
    check_marked(RUN_UNTIL_COMPLETE, CODES)


def test_the_main_coroutine_asyncio_run_runs_stays_reported():
    """`asyncio.run` cancels its main task on Ctrl-C (3.11+): swallowing it returns instead of raising
    KeyboardInterrupt; `# noqa: ACK602` says it is meant."""
    source = RUN_UNTIL_COMPLETE.replace("    asyncio.get_event_loop().run_until_complete(main())",
                                        "    asyncio.run(main())").replace(
        "    except asyncio.CancelledError:\n        print(\"bye\")",
        "    except asyncio.CancelledError:  # ACK602\n        print(\"bye\")")
    check_marked(source, CODES)


def test_a_run_until_complete_of_another_object_and_an_awaited_main():
    """An awaited main stays reported; a private coroutine handed to another object's `run_until_complete` goes
    where the linter does not follow: no awaiter in sight (a602x)."""
    source = RUN_UNTIL_COMPLETE.replace("        self._loop.run_until_complete(self._loop_body())",
                                        "        self._runner.run_until_complete(self._loop_body())").replace(
        "    asyncio.get_event_loop().run_until_complete(main())",
        "    asyncio.get_event_loop().run_until_complete(main())\n\n\nasync def twice():\n    await main()").replace(
        "    except asyncio.CancelledError:\n        print(\"bye\")",
        "    except asyncio.CancelledError:  # ACK602\n        print(\"bye\")")
    check_marked(source, CODES)


OUTCOME_READ = '''
import asyncio


class Shard:
    async def start(self):
        self._ready = asyncio.Event()
        keep_alive = asyncio.create_task(self._keep_alive())
        await asyncio.wait([asyncio.ensure_future(self._ready.wait()), keep_alive],
                           return_when=asyncio.FIRST_COMPLETED)
        if not self._ready.is_set():
            keep_alive.result()
            raise RuntimeError("closed before it was ready")
        self._keep_alive_task = keep_alive

    async def close(self):
        self._keep_alive_task.cancel()
        await asyncio.gather(self._keep_alive_task, return_exceptions=True)

    async def _keep_alive(self):
        while True:
            try:
                await asyncio.sleep(30)
            except asyncio.CancelledError:
                return
'''


def test_the_outcome_of_a_finished_task_read_with_result():
    """hikari's shard: `keep_alive.result()` once the race says the task ended reads its outcome; it waits for
    nothing, so no waiter's cancel goes through it."""
    check_marked(OUTCOME_READ, CODES)


def test_a_threads_wait_on_run_coroutine_threadsafe_stays_reported():
    """`run_coroutine_threadsafe(...).result()` blocks the thread until the coroutine ends, and its timeout cancels
    it: swallowed, `result(5)` returns instead of raising TimeoutError."""
    check_marked('''
import asyncio


class Bridge:
    def call(self, loop):
        future = asyncio.run_coroutine_threadsafe(self._serve(), loop)
        return future.result(5) is None

    async def _serve(self):
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:  # ACK602
            return
''', CODES)


SAFE_WRAPPER = '''
import asyncio
import logging


async def safe_wrapper(coro):
    try:
        return await coro
    except asyncio.CancelledError:
        raise
    except Exception:
        logging.exception("unhandled error in background task")


def safe_ensure_future(coro, *args, **kwargs):
    return asyncio.ensure_future(safe_wrapper(coro), *args, **kwargs)
'''

PINGER = '''
import asyncio

from app.async_utils import safe_ensure_future


class OrderBookSource:
    _ping_task = None

    async def listen(self, ws):
        self._ping_task = safe_ensure_future(self._ping(ws))

    async def stop(self):
        if self._ping_task is not None:
            self._ping_task.cancel()
            self._ping_task = None

    async def _ping(self, ws):
        while True:
            try:
                await ws.send("ping")
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                break
'''


def test_a_task_started_inside_the_projects_catching_wrapper(tmp_path):
    """hummingbot's `safe_ensure_future(coro)`: a task running `safe_wrapper(coro)`, which awaits the coroutine and
    logs its errors; the owner's cancel goes through the wrapper into `_ping`, which only its `stop()` cancels."""
    files = {"app/__init__.py": "", "app/async_utils.py": SAFE_WRAPPER, "app/source.py": PINGER}
    assert project_findings(tmp_path, files, CODES) == set()


def test_a_task_started_inside_the_catching_wrapper_and_awaited_is_reported(tmp_path):
    source = PINGER.replace("            self._ping_task.cancel()", "            await self._ping_task")
    files = {"app/__init__.py": "", "app/async_utils.py": SAFE_WRAPPER, "app/source.py": source}
    assert project_findings(tmp_path, files, CODES) == {("app/source.py", 22, "ACK602")}
