"""Shapes found wrong on real async libraries (small async utility libraries and SDKs): each flagged shape beside
the look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked


def test_awaiting_a_task_from_the_done_set_of_asyncio_wait_cannot_swallow_the_callers_cancel():
    # a task `asyncio.wait` returned as done is finished: `await t` returns or raises at once and cannot suspend,
    # so the CancelledError caught is that (cancelled) task's outcome; a task from the pending set, or any
    # other await in the try, can still take this task's own cancel
    check_marked('''
        import asyncio

        class Keeper:
            def __init__(self, log):
                self.log = log
                self.watchers = {}

            async def release(self, key):
                self.watchers[key].cancel()
                done, _ = await asyncio.wait([self.watchers[key]])
                for fut in done:
                    try:
                        await fut
                    except asyncio.CancelledError:
                        pass
                    except Exception:
                        self.log.exception("watcher failed")

            async def drain(self, jobs):
                _, pending = await asyncio.wait(jobs, timeout=1)
                for fut in pending:
                    try:
                        await fut
                    except asyncio.CancelledError:  # ACK601
                        pass

            async def settle(self, jobs, flush):
                done, _ = await asyncio.wait(jobs)
                for fut in done:
                    try:
                        await fut
                        await flush()
                    except asyncio.CancelledError:  # ACK601
                        pass
    ''', ["ACK601"])


def test_a_dropped_task_is_reported_whether_or_not_its_coroutine_suspends():
    # A coroutine with no await finishes in its task's first step, which the loop's ready queue holds: it
    # cannot be collected mid-flight. realcode24 left such tasks unreported; the labelled sets written since
    # (heldout20, 24, 29, 32) count them as dangling all the same: the code gives the task away with nothing to
    # say it ran or failed (an exception raised by what it calls is only logged when the task is freed), and
    # whether it suspends changes with the next edit of its body (`requests.post` made async by a fix). So
    # every dropped handle below is reported, as before that change.
    check_marked('''
        import asyncio
        import functools

        def traced(fn):
            return fn

        class Store:
            def __init__(self):
                self.timer = None
                self.items = {}

            def __setstate__(self, state):
                self.__dict__.update(state)
                asyncio.ensure_future(self._schedule())  # ACK302

            async def _schedule(self):
                if self.timer is None or self.timer.done():
                    self.timer = asyncio.create_task(self._expire())

            async def _expire(self):
                await asyncio.sleep(1)
                self.items.clear()

            def poke(self):
                asyncio.ensure_future(self._expire())  # ACK302

            async def on_change(self):
                pass

            def notify(self):
                asyncio.ensure_future(self.on_change())  # ACK302

            async def refresh(self):
                self.items.clear()

            def kick(self):
                asyncio.ensure_future(self.refresh())  # ACK302

            async def check(self):
                if not self.items:
                    raise LookupError("empty store")

            def verify(self):
                asyncio.ensure_future(self.check())  # ACK302

            @traced
            async def sweep(self):
                self.items.clear()

            def later(self):
                asyncio.ensure_future(self.sweep())  # ACK302

        class RemoteStore(Store):
            async def refresh(self):
                self.items = await fetch_all()

        def enqueue(loop, batch):
            async def dispatch():
                batch.flush()

            async def dispatch_slowly():
                await asyncio.sleep(0)
                batch.flush()

            loop.call_soon(asyncio.ensure_future, dispatch())  # ACK302
            loop.call_soon(asyncio.ensure_future, dispatch_slowly())  # ACK302
            loop.call_soon(functools.partial(asyncio.ensure_future, dispatch()))  # ACK302
    ''', ["ACK302"])


def test_a_put_on_a_one_way_state_transition_runs_once_per_object():
    # the put sits where `self.state` moves from BODY to DONE and nothing ever moves it back: however often the
    # callback handed out runs, it queues one item per object. A state machine that comes round again (DONE back
    # to IDLE, or a reset nobody guards) queues one item per round, so it stays an open-ended producer
    check_marked('''
        import asyncio
        import enum

        class State(enum.Enum):
            START = 1
            BODY = 2
            DONE = 3

        class Exchange:
            def __init__(self, app):
                self.app = app
                self.state = State.START
                self.inbox = asyncio.Queue()

            async def receive(self):
                return await self.inbox.get()

            async def send(self, message):
                if self.state is State.START and message["type"] == "start":
                    self.state = State.BODY
                elif self.state is State.BODY and message["type"] == "body":
                    if not message.get("more"):
                        self.state = State.DONE
                        await self.inbox.put({"type": "finished"})

            async def run(self):
                await self.app(self.receive, self.send)

        class Channel:
            def __init__(self, app):
                self.app = app
                self.state = "idle"
                self.inbox = asyncio.Queue()  # ACK501

            async def receive(self):
                return await self.inbox.get()

            async def send(self, message):
                if self.state == "idle":
                    self.state = "busy"
                    await self.inbox.put(message)

            def finish(self):
                if self.state == "busy":
                    self.state = "idle"

            async def run(self):
                await self.app(self.receive, self.send, self.finish)

        class Session:
            def __init__(self, app):
                self.app = app
                self.state = State.START
                self.inbox = asyncio.Queue()  # ACK501

            async def receive(self):
                return await self.inbox.get()

            async def send(self, message):
                if self.state is State.START:
                    self.state = State.DONE
                    await self.inbox.put(message)

            def reset(self):
                self.state = State.START

            async def run(self):
                await self.app(self.receive, self.send, self.reset)
    ''', ["ACK501"])
