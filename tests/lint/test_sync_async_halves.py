"""ACK401/ACK402 on code a library shares between its sync and async halves: a foreign-thread use is claimed
only where the thread's side really reaches a loop object."""
from __future__ import annotations

from tests.lint.helpers import check_marked, project_findings

CODES = ("ACK401", "ACK402")


def test_a_router_both_sessions_feed_is_the_async_halfs_on_the_sync_halfs_thread():
    check_marked('''
        import asyncio
        import threading
        from collections import deque

        class _Lane:
            def __init__(self):
                self.queue = deque()
                self.wake = asyncio.Event()

        class _Router:
            def __init__(self):
                self.lanes = {}
                self.condition = threading.Condition()

            def dispatch(self, key, event):
                with self.condition:
                    lane = self.lanes.setdefault(key, _Lane())
                    lane.queue.append(event)
                    lane.wake.set()
                    self.condition.notify_all()

        class Session:
            """The sync half: reads on a thread of its own; its lanes wait on the condition."""
            def __init__(self, connection):
                self.connection = connection
                self._router = _Router()
                threading.Thread(target=self._read, daemon=True).start()

            def _read(self):
                for key, event in self.connection:
                    self._router.dispatch(key, event)

        class AsyncSession:
            def __init__(self, connection):
                self.connection = connection
                self._router = _Router()

            async def _read(self):
                async for key, event in self.connection:
                    self._router.dispatch(key, event)

        class Bridge:
            """An async class that starts a thread into the same router: the loop's objects are reached."""
            def __init__(self):
                self._router = _Router()

            async def serve(self):
                threading.Thread(target=self._pump, daemon=True).start()
                await asyncio.sleep(10)

            def _pump(self):
                # (reported at the call that brings the router's loop side to the thread, as for another
                # module's helper: the async half calls the same method rightly)
                self._router.dispatch(1, 2)  # ACK401
    ''', CODES)


def test_a_base_class_method_the_sync_subclass_runs_in_a_thread():
    check_marked('''
        import asyncio
        import threading

        class Base:
            def __init__(self):
                self._changed = asyncio.Event()

            def _apply(self, item):
                self._changed.set()

        class SyncWorker(Base):
            def start(self):
                threading.Thread(target=self._run, daemon=True).start()

            def _run(self):
                while True:
                    self._apply(1)

        class AsyncWorker(Base):
            async def run(self):
                while True:
                    self._apply(1)
                    await asyncio.sleep(1)

        class OwnEvent:
            """Its own asyncio.Event, set from its own thread: claimed."""
            def __init__(self):
                self.done = asyncio.Event()
                threading.Thread(target=self._run).start()

            def _run(self):
                self._finish()

            def _finish(self):
                self.done.set()  # ACK401

        class Unshared:
            """No coroutine runs `_touch`: the thread is the only side that reaches it."""
            def __init__(self, loop):
                self.loop = loop
                self.ready = asyncio.Event()

            def _touch(self):
                self.ready.set()  # ACK401 (in the inherited helper, as in OwnEvent._finish)

        class UnsharedWorker(Unshared):
            def start(self):
                threading.Thread(target=self._run).start()

            def _run(self):
                self._touch()
    ''', CODES)


def test_an_object_known_only_by_an_isinstance_test_is_not_a_loop_object_reached(tmp_path):
    found = project_findings(tmp_path, {
        "lib/__init__.py": "",
        "lib/diagnostics.py": '''
            import asyncio

            def emit(observer, event):
                result = observer(event)
                if isinstance(result, asyncio.Future):
                    result.add_done_callback(print)

            def settle(future: asyncio.Future, value):
                future.set_result(value)
        ''',
        "lib/runner.py": '''
            import threading
            from lib.diagnostics import emit, settle

            class Runner:
                def start(self, observer, future):
                    threading.Thread(target=self._go, args=(observer, future)).start()

                def _go(self, observer, future):
                    emit(observer, "started")
                    settle(future, 1)
        ''',
    }, CODES)
    assert found == {("lib/runner.py", 10, "ACK401")}, found
