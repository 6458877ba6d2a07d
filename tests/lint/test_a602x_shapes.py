"""ACK602 reported only where the code shows an awaiter that counts on the cancellation coming back (a602x,
realcode44-49): a call of the coroutine awaited or waited on with `wait_for`, a task started from it whose handle is
awaited without a cancel first, the main coroutine of `asyncio.run`, or another module of the project that does one
of these. Where no such awaiter is in sight (a library's callback, a decorator's wrapper, a handle returned or
handed on, a value returned for the task's own done callback, a public coroutine nobody in the project awaits) the
swallow costs nobody the linter can name, and it says nothing."""
from __future__ import annotations

from .helpers import check_marked, project_findings

CODES = ["ACK601", "ACK602"]

WAITED_FOR_TASK = '''
import asyncio


class Reader:
    def start(self):
        self._task = asyncio.create_task(self._read())

    async def _read(self):
        try:
            while True:
                await asyncio.sleep(1)
        except asyncio.CancelledError:  # ACK602
            print("reader stopped")

    async def wait_closed(self):
        await asyncio.wait_for(self._task, 5)
'''


def test_a_task_waited_on_with_wait_for_is_reported():
    """`wait_for`'s timeout cancels the task and counts on CancelledError to raise TimeoutError."""
    check_marked(WAITED_FOR_TASK, CODES)


def test_a_task_awaited_without_a_cancel_first_is_reported():
    """aioboto3's queue reader: the download awaits the reader's future; a cancel of the download goes into the
    reader, which swallows it, and the download carries on as if nothing happened."""
    source = WAITED_FOR_TASK.replace("        await asyncio.wait_for(self._task, 5)", "        await self._task")
    check_marked(source, CODES)


def test_a_task_its_owner_cancels_then_awaits_is_quiet():
    source = WAITED_FOR_TASK.replace(
        "        await asyncio.wait_for(self._task, 5)",
        "        self._task.cancel()\n        await self._task").replace("  # ACK602", "")
    check_marked(source, CODES)


RETURNED_HANDLE = '''
import asyncio


async def _root(queue):
    try:
        while True:
            await queue.get()
    except asyncio.CancelledError:
        pass


def spawn_tasks(queue):
    return [asyncio.create_task(_root(queue))]


def add_future(coro):
    return asyncio.ensure_future(coro)
'''


def test_a_handle_returned_or_handed_on_shows_no_awaiter():
    """kopf's `spawn_tasks` returning its root tasks to `run_tasks`, mode's `add_future`: where the handle goes the
    linter cannot see, and it no longer guesses that an awaiter waits there."""
    check_marked(RETURNED_HANDLE, CODES)


def test_a_returned_handle_awaited_in_the_module_is_reported():
    source = RETURNED_HANDLE.replace("    except asyncio.CancelledError:\n",
                                     "    except asyncio.CancelledError:  # ACK602\n") + '''

async def run(queue):
    task = asyncio.create_task(_root(queue))
    await task
'''
    check_marked(source, CODES)


LIBRARY_CALLBACKS = '''
import asyncio
import functools


def setup(sio, shell):
    sio.on("message", on_message)
    shell.register(interact)


async def on_message(sid, data):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        pass


async def interact(connection):
    try:
        await connection.read()
    except asyncio.CancelledError:
        print("bye")


def periodic(interval):
    def decorator(func):
        @functools.wraps(func)
        async def wrapper(self):
            try:
                while True:
                    await asyncio.sleep(interval)
                    await func(self)
            except asyncio.CancelledError:
                pass
        return wrapper
    return decorator


class Device:
    @periodic(30)
    async def refresh(self):
        await asyncio.sleep(0)
'''


def test_library_callbacks_and_decorator_wrappers_are_quiet():
    """socket.io's event handlers, a telnet shell's `interact`, zha's `@periodic` wrapper: whether the library
    awaits the coroutine or drops its task is the library's; nothing in the code shows an awaiter."""
    check_marked(LIBRARY_CALLBACKS, CODES)


VALUE_FOR_CALLBACK = '''
import asyncio


class Worker:
    def __init__(self):
        self.tasks = set()

    def _process(self):
        task = asyncio.create_task(self.process())
        self.tasks.add(task)
        task.add_done_callback(self._check_burst)

    def _check_burst(self, task):
        if not task.cancelled() and task.result() is False:
            print("idle")

    async def process(self):
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            return False
        return True

    async def stop(self):
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
'''


def test_a_value_returned_for_the_tasks_own_done_callback_is_quiet():
    """saq's `process()`: the False it returns in the cancel's place is read by its own done callback; the owner
    cancels and gathers."""
    check_marked(VALUE_FOR_CALLBACK, CODES)


AWAITED_THROUGH_AN_OBJECT = '''
import asyncio


class Worker:
    def __init__(self):
        self.event = asyncio.Event()

    async def start(self):
        try:
            await self.event.wait()
        except asyncio.CancelledError:  # ACK602
            pass
        finally:
            await self.stop()

    async def stop(self):
        self.event.set()


async def main():
    worker = Worker()
    async with asyncio.timeout(10):
        await worker.start()
'''


def test_a_method_awaited_through_another_object_is_reported():
    """saq's `Worker.start()` awaited by its runner: a timeout around it never raises TimeoutError."""
    check_marked(AWAITED_THROUGH_AN_OBJECT, CODES)


def test_a_public_coroutine_is_offered_to_callers_that_await_it():
    """No code of the module awaits `Worker.start()`, but a public coroutine is there to be awaited by the library's
    users; a private one (of a private class, or with a private name) no code of the project awaits is quiet."""
    public = AWAITED_THROUGH_AN_OBJECT.split("\n\nasync def main")[0] + "\n"
    check_marked(public, CODES)
    check_marked(public.replace("class Worker", "class _Worker").replace("  # ACK602", ""), CODES)
    check_marked(public.replace("def start(", "def _start(").replace("  # ACK602", ""), CODES)


def test_a_method_that_merely_shares_the_name_is_no_awaiter():
    """`await server.start()` on another class of the module that has its own `start`: not this method."""
    source = AWAITED_THROUGH_AN_OBJECT.split("\n\nasync def main")[0].replace("class Worker", "class _Worker") \
        .replace("  # ACK602", "") + '''


class Server:
    async def start(self):
        await asyncio.sleep(0)


async def main():
    server = Server()
    async with asyncio.timeout(10):
        await server.start()
'''
    check_marked(source, CODES)


def test_a_coroutine_waited_on_with_wait_for_and_the_main_of_asyncio_run_are_reported():
    source = '''
import asyncio


async def download(url):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:  # ACK602
        print("download interrupted")


async def main():
    try:
        await asyncio.wait_for(download("u"), 5)
        await asyncio.sleep(3600)
    except asyncio.CancelledError:  # ACK602
        print("bye")


asyncio.run(main())
'''
    check_marked(source, CODES)


def test_a_helper_handed_the_task_is_a_look():
    """`await stop_task(task)`: what the helper does with the task is out of sight; without an awaiter in sight the
    swallow is not reported."""
    source = '''
import asyncio


async def _pump(queue):
    try:
        while True:
            await queue.get()
    except asyncio.CancelledError:
        pass


async def stop_task(task):
    task.cancel()


async def run(queue, stopping):
    task = asyncio.create_task(_pump(queue))
    await stopping.wait()
    await stop_task(task)
'''
    check_marked(source, CODES)


def test_a_private_coroutine_awaited_in_another_module_is_reported(tmp_path):
    files = {
        "app/__init__.py": "",
        "app/consumer.py": '''
            import asyncio


            class Consumer:
                async def _wait_for_ack(self):
                    self.waiting = asyncio.get_running_loop().create_future()
                    try:
                        await asyncio.wait_for(self.waiting, timeout=1)
                    except (asyncio.TimeoutError, asyncio.CancelledError):
                        pass
        ''',
        "app/commit.py": '''
            async def commit(consumer):
                await consumer._wait_for_ack()
                print("committed")
        ''',
    }
    assert project_findings(tmp_path, files, ["ACK602"]) == {("app/consumer.py", 9, "ACK602")}


def test_a_private_coroutine_only_spawned_in_another_module_is_quiet(tmp_path):
    files = {
        "app/__init__.py": "",
        "app/consumer.py": '''
            import asyncio


            class Consumer:
                async def _wait_for_ack(self):
                    self.waiting = asyncio.get_running_loop().create_future()
                    try:
                        await asyncio.wait_for(self.waiting, timeout=1)
                    except (asyncio.TimeoutError, asyncio.CancelledError):
                        pass
        ''',
        "app/commit.py": '''
            import asyncio


            def commit(consumer):
                consumer.acker = asyncio.create_task(consumer._wait_for_ack())
        ''',
    }
    assert project_findings(tmp_path, files, ["ACK602"]) == set()


def test_a_public_coroutine_another_module_starts_as_a_task_is_no_offer(tmp_path):
    """`create_task(worker.run())` in another module: the project runs it as its task, its owner ends it; awaited
    there by name (`await worker.run()`), the awaiter's cancel goes into it."""
    worker = '''
        import asyncio


        class Worker:
            async def run(self):
                try:
                    await asyncio.sleep(3600)
                except asyncio.CancelledError:
                    print("worker stopped")
    '''
    files = {"app/__init__.py": "", "app/worker.py": worker, "app/main.py": '''
        import asyncio


        def start(worker):
            worker.task = asyncio.create_task(worker.run())
    '''}
    assert project_findings(tmp_path, files, ["ACK602"]) == set()
    files["app/main.py"] = '''
        async def serve(worker):
            await worker.run()
            print("done")
    '''
    assert project_findings(tmp_path, files, ["ACK602"]) == {("app/worker.py", 8, "ACK602")}


def test_a_public_class_of_a_private_module_offers_its_coroutines(tmp_path):
    """temporalio's `Worker.run` lives in `worker/_worker.py` and is exported by the package: public all the same.
    Other modules start `run` on other objects, but one also awaits a `run()` of an object of unknown type; its own
    module's `self._poller.run()` is another class's method."""
    files = {"app/__init__.py": "from app._worker import Worker\n", "app/_worker.py": '''
        import asyncio


        class _Poller:
            async def run(self):
                await asyncio.sleep(1)


        class Worker:
            def __init__(self):
                self._poller = _Poller()

            async def run(self):
                self._poll_task = asyncio.create_task(self._poller.run())
                try:
                    await asyncio.sleep(3600)
                except BaseException:
                    pass
    ''', "app/lambda_worker.py": '''
        import asyncio


        async def serve(deps, runner):
            asyncio.create_task(runner.run())
            worker = deps.create_worker()
            await asyncio.wait_for(worker.run(), timeout=5)
    '''}
    assert project_findings(tmp_path, files, ["ACK602"]) == {("app/_worker.py", 17, "ACK602")}
    # the same awaited through the package's name of the class (`app.Worker`, the re-export)
    files["app/lambda_worker.py"] = '''
        import asyncio
        from app import Worker


        async def serve(runner):
            asyncio.create_task(runner.run())
            worker = Worker()
            await asyncio.wait_for(worker.run(), timeout=5)
    '''
    assert project_findings(tmp_path, files, ["ACK602"]) == {("app/_worker.py", 17, "ACK602")}


def test_a_library_function_of_the_same_name_elsewhere_is_no_use_of_the_projects(tmp_path):
    """heldout72's `drain(queue, send)`: another module's `asyncio.ensure_future(writer.drain())` on a StreamWriter
    and `asyncio.run(main())` are a library's `drain` and `run`: the public coroutine stays offered to callers."""
    files = {"app/__init__.py": "", "app/workers.py": '''
        import asyncio


        async def drain(queue, send):
            while True:
                item = await queue.get()
                try:
                    await send(item)
                except asyncio.CancelledError:
                    await queue.put(item)
                    return


        async def run(queue):
            try:
                await queue.join()
            except asyncio.CancelledError:
                pass
    ''', "app/main.py": '''
        import asyncio


        def flush(writer: asyncio.StreamWriter):
            asyncio.ensure_future(writer.drain())


        async def main():
            await asyncio.sleep(0)


        def entry():
            asyncio.run(main())
    '''}
    assert project_findings(tmp_path, files, ["ACK602"]) == {("app/workers.py", 9, "ACK602"),
                                                              ("app/workers.py", 17, "ACK602")}
