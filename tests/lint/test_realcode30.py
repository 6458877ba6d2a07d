"""Shapes found wrong or overclaimed on real async libraries (realcode30): each beside the real anti-pattern of
its kind, which is still reported."""
from __future__ import annotations

from asynccheck.lint import lint_source

from .helpers import ALL, check_marked


def test_ensure_future_given_the_loop_this_thread_runs_needs_no_running_loop():
    # A client that runs its own loop on a thread it starts schedules its reader there with
    # `ensure_future(coro, loop=own_loop)` before `run_until_complete`: handing the loop in is `loop.create_task`,
    # on the thread that owns that loop. Without `loop=` there is no running loop in the thread, and with a loop
    # that the thread does not run the call touches another thread's loop: both still reported
    check_marked('''
        import asyncio
        import threading


        class Client:
            def __init__(self, main_loop):
                self.main_loop = main_loop
                self.worker = None
                self.reader = None

            def start(self):
                threading.Thread(target=self._run).start()

            def _run(self):
                self.worker = asyncio.new_event_loop()
                asyncio.set_event_loop(self.worker)
                self.reader = asyncio.ensure_future(self._read(), loop=self.worker)
                pinger = asyncio.ensure_future(self._ping(), loop=self.worker)
                self.worker.run_until_complete(asyncio.gather(self.reader, pinger))

            async def _read(self):
                await asyncio.sleep(1)

            async def _ping(self):
                await asyncio.sleep(1)


        class Broken:
            def __init__(self, main_loop):
                self.main_loop = main_loop

            def start(self):
                threading.Thread(target=self._run).start()
                threading.Thread(target=self._notify).start()

            def _run(self):
                loop = asyncio.new_event_loop()
                asyncio.ensure_future(self._read())  # ACK402
                loop.run_until_complete(asyncio.sleep(1))

            def _notify(self):
                asyncio.ensure_future(self._read(), loop=self.main_loop)  # ACK402

            async def _read(self):
                await asyncio.sleep(1)
    ''', ["ACK402"])


def test_ensure_future_with_a_foreign_loop_is_told_as_a_thread_safety_slip():
    # The running-loop claim is false once `loop=` is given; what is left to say is that the loop is not this
    # thread's
    report = lint_source('''
import asyncio
import threading


def notify(loop, coro):
    asyncio.ensure_future(coro, loop=loop)


threading.Thread(target=notify, args=(None, None)).start()
''', "example.py", ALL)
    messages = [f.message for f in report.findings if f.code == "ACK402"]
    assert len(messages) == 1
    assert "running loop" not in messages[0]
    assert "thread" in messages[0]


def test_a_call_on_a_pipeline_the_function_executes_queues_a_command():
    # A pipeline's methods queue a command and hand the pipeline back (awaitable, so `await pipe.hset(...)` is
    # written too): one left unawaited is queued all the same, and a bare `pipe.execute()` runs the batch. A
    # receiver whose `execute` takes the work as arguments is a connection, not a buffer: its other calls, awaited
    # at one place and dropped at another, are still the forgotten await; so is a dropped `execute(...)` itself
    check_marked('''
        async def save(pipe, key, state):
            pipe.hget(key, "data")
            rows = await pipe.execute()
            if rows[0] is None:
                pipe.hset(key, "data", "{}")
            await pipe.hset(key, "state", state)


        async def store(db, key, state):
            await db.execute("BEGIN")
            await db.insert(key, state)
            db.insert(key + "-old", state)  # ACK301
            db.execute("COMMIT")  # ACK301
            await db.execute("END")


        async def send(client, a, b):
            await client.post(a)
            client.post(b)  # ACK301
    ''', ["ACK301"])


_POLLER = '''
import asyncio


class Poller:
    async def _poll(self):
        try:
            while True:
                await asyncio.sleep(1)
        except asyncio.CancelledError:
            return

    async def poll(self):
        await self.setup()
        await self._poll()

    async def poll_forever(self):
        while self.running:
            await self._poll()
'''


def test_a_swallowed_cancel_points_at_the_caller_that_goes_round_again():
    # A polling loop that returns when cancelled is awaited last by `poll()` (which only passes the return up)
    # and in a loop by `poll_forever()`, which starts it again: that loop is the caller that carries on. With
    # only the passing-up caller it is still reported, pointing there
    report = lint_source(_POLLER, "example.py", ALL)
    (finding,) = [f for f in report.findings if f.code == "ACK601"]
    assert finding.line == 10
    assert [r.line for r in finding.related] == [19]
    alone = _POLLER.replace("while self.running:\n            await self._poll()", "self.running = False")
    report = lint_source(alone, "example.py", ALL)
    (finding,) = [f for f in report.findings if f.code == "ACK601"]
    assert [r.line for r in finding.related] == [15]


def test_cancelled_tasks_awaited_through_as_completed_or_a_set_filled_with_them():
    # Cancel the tasks, then wait for each to end and swallow the CancelledError each raises: reached through
    # `asyncio.as_completed(tasks)`, or a set filled only with the tasks whose `cancel()` took, it is the same
    # idiom as `await task` after `task.cancel()`. A set that also holds a task nobody cancelled, or
    # `as_completed` over other tasks, awaits work that may suspend: a cancel there is this task's own
    check_marked('''
        import asyncio
        from contextlib import suppress


        async def stop_each(tasks):
            for task in tasks:
                task.cancel()
            for done in asyncio.as_completed(tasks):
                try:
                    await done
                except asyncio.CancelledError:
                    pass
            await asyncio.sleep(0)


        async def stop_taken(tasks):
            pending = set()
            for task in tasks:
                if task.cancel():
                    pending.add(task)
            with suppress(asyncio.CancelledError):
                await asyncio.gather(*pending)


        async def stop_mixed(tasks, other):
            pending = []
            for task in tasks:
                if task.cancel():
                    pending.append(task)
            pending.append(other)
            with suppress(asyncio.CancelledError):  # ACK602
                await asyncio.gather(*pending)


        async def stop_others(tasks, others):
            for task in tasks:
                task.cancel()
            for done in asyncio.as_completed(others):
                try:
                    await done
                except asyncio.CancelledError:  # ACK601
                    pass
            await asyncio.sleep(0)
    ''', ["ACK601", "ACK602"])


def test_a_fake_channel_in_test_support_code_is_filled_by_the_test():
    # A fake for tests (a module that imports unittest.mock) streams what the test hands its subscribers: the
    # test is a bounded script, not a peer that outruns the consumer. The same channel in library code, fed by
    # the transport's callback, still grows without limit
    fake = '''
import asyncio
from unittest.mock import AsyncMock


class FakeChannel:
    def __init__(self):
        self.subscribers = []
        self.publish = AsyncMock()

    async def subscribe(self, callback):
        self.subscribers.append(callback)

    async def stream(self):
        queue = asyncio.Queue()

        def callback(message):
            queue.put_nowait(message)

        await self.subscribe(callback)
        while True:
            yield await queue.get()
'''
    assert [f.code for f in lint_source(fake, "example.py", ALL).findings if f.code == "ACK501"] == []
    real = fake.replace("from unittest.mock import AsyncMock", "from .transport import Sender as AsyncMock")
    assert [f.line for f in lint_source(real, "example.py", ALL).findings if f.code == "ACK501"] == [15]
