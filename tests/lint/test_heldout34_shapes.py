"""Shapes found wrong on a thirty-fourth held-out set (services spread over a package: config, clients,
repositories, workers, entry points): each flagged shape beside the look-alikes that must stay quiet."""
from __future__ import annotations

import textwrap
from pathlib import Path

from asynccheck.config import Config
from asynccheck.lint import lint_paths

from .helpers import check_marked

THREADS = ["ACK401", "ACK402"]


def test_a_loop_future_unpacked_from_a_declared_thread_queue_is_the_loops_object():
    # the thread gets the future out of a `queue.Queue` declared to hold (request, asyncio.Future) pairs: the
    # element's declared type reaches the names it is unpacked into, as it does for a plain `x = q.get()`
    check_marked('''
        import asyncio
        import queue
        import threading

        class Renderer:
            def __init__(self, engine):
                self._engine = engine
                self._requests: queue.Queue[tuple[str, asyncio.Future[bytes]]] = queue.Queue()
                threading.Thread(target=self._loop, daemon=True).start()

            def _loop(self):
                while True:
                    template, done = self._requests.get()
                    done.set_result(self._engine.render(template))  # ACK401

            async def render(self, template):
                done = asyncio.get_running_loop().create_future()
                self._requests.put((template, done))
                return await done
    ''', THREADS)


def test_the_declared_element_reaches_names_unpacked_from_an_awaited_get_too():
    # on the loop's own thread the same unpacking is harmless; in a thread started on a helper it is not
    check_marked('''
        import asyncio
        import queue
        import threading

        jobs: "asyncio.Queue[tuple[int, asyncio.Event]]" = asyncio.Queue(maxsize=10)

        async def serve():
            while True:
                number, seen = await jobs.get()
                seen.set()

        def poll(source: queue.Queue[tuple[int, asyncio.Event]]):
            number, seen = source.get_nowait()
            seen.set()  # ACK401

        def start(source):
            threading.Thread(target=poll, args=(source,)).start()
    ''', THREADS)


def test_pairs_from_an_undeclared_queue_or_of_thread_safe_objects_stay_quiet():
    check_marked('''
        import asyncio
        import queue
        import threading
        import concurrent.futures

        class Plain:
            def __init__(self):
                self._requests = queue.Queue()
                threading.Thread(target=self._loop, daemon=True).start()

            def _loop(self):
                while True:
                    template, done, loop = self._requests.get()
                    loop.call_soon_threadsafe(done.set_result, template.upper())

        class ThreadFutures:
            def __init__(self):
                self._requests: queue.Queue[tuple[str, concurrent.futures.Future[str]]] = queue.Queue()
                threading.Thread(target=self._loop, daemon=True).start()

            def _loop(self):
                while True:
                    text, done = self._requests.get()
                    done.set_result(text.upper())

            async def upper(self, text):
                done = concurrent.futures.Future()
                self._requests.put((text, done))
                return await asyncio.wrap_future(done)
    ''', THREADS)


def test_callbacks_given_to_a_websocket_client_app_run_on_the_thread_that_runs_it():
    # websocket-client's WebSocketApp calls its on_* callbacks from `run_forever()`, which blocks: it is run on
    # a thread of its own, so the loop's objects the callbacks touch are touched off the loop
    check_marked('''
        import asyncio
        import threading
        import websocket

        class Ticker:
            def __init__(self, url):
                self.prices = asyncio.Queue(maxsize=100)
                self.closed = asyncio.Event()
                self._app = websocket.WebSocketApp(url, on_message=self._price, on_close=self._gone)

            def _price(self, ws, message):
                self.prices.put_nowait(message)  # ACK401

            def _gone(self, ws, code, reason):
                self.closed.set()  # ACK401

            def start(self):
                threading.Thread(target=self._app.run_forever, daemon=True).start()
    ''', THREADS)


def test_websocket_client_callbacks_that_hand_over_to_the_loop_or_keep_plain_state_stay_quiet():
    check_marked('''
        import asyncio
        import threading
        import websocket

        class Ticker:
            def __init__(self, url, loop):
                self.loop = loop
                self.prices = asyncio.Queue(maxsize=100)
                self.last = None
                self._app = websocket.WebSocketApp(url, on_message=self._price, on_error=self._failed)

            def _price(self, ws, message):
                self.last = message
                self.loop.call_soon_threadsafe(self.prices.put_nowait, message)

            def _failed(self, ws, error):
                print("ticker error", error)

            def start(self):
                threading.Thread(target=self._app.run_forever, daemon=True).start()

        class Stream:
            def __init__(self, url):
                self.ready = asyncio.Event()
                self._conn = None

            async def on_message(self, message):
                self.ready.set()
    ''', THREADS)


def test_a_task_chained_to_a_named_done_callback_that_never_reads_it_is_dropped():
    # a named callback that never reads the parameter it is handed the task in keeps nothing and sees no
    # exception, exactly as `lambda _: ...` does: the task is held by nobody
    check_marked('''
        import asyncio
        import logging

        log = logging.getLogger(__name__)

        def _announce(_task):
            log.info("step finished")

        class Pipeline:
            def __init__(self, steps):
                self._steps = list(steps)

            def _advance(self, _done=None):
                if self._steps:
                    step = asyncio.ensure_future(self._steps.pop(0)())  # ACK302
                    step.add_done_callback(self._advance)

            def start(self):
                asyncio.create_task(self._steps.pop(0)()).add_done_callback(_announce)  # ACK302
    ''', ["ACK302"])


def test_named_done_callbacks_keep_nothing_while_the_task_runs():
    # (heldout34 had these quiet: each callback looks at or stores the task, but only once it is done; until
    # then the task holds the callback, not the reverse. A task also added to a set is kept.)
    check_marked('''
        import asyncio
        import logging

        log = logging.getLogger(__name__)
        _running = set()

        def _report(task):
            if not task.cancelled() and task.exception() is not None:
                log.error("step failed", exc_info=task.exception())

        def _forward(*args):
            _running.update(args)

        class Pipeline:
            def __init__(self, steps):
                self._steps = list(steps)
                self._live = set()

            def _track(self, task):
                def later():
                    self._live.discard(task)
                asyncio.get_running_loop().call_soon(later)

            def start(self):
                asyncio.create_task(self._steps.pop(0)()).add_done_callback(_report)  # ACK302
                asyncio.create_task(self._steps.pop(0)()).add_done_callback(self._track)  # ACK302
                asyncio.create_task(self._steps.pop(0)()).add_done_callback(_forward)  # ACK302
                step = asyncio.create_task(self._steps.pop(0)())
                self._live.add(step)
                step.add_done_callback(lambda _: log.info("done"))
    ''', ["ACK302"])


def test_a_task_local_appended_only_to_a_list_that_is_counted_is_dropped():
    # the task goes from a local into a local list that is only counted: as dropped as when the list is filled
    # with the spawning call itself
    check_marked('''
        import asyncio

        async def launch(handlers, event):
            pending = set()
            for handler in handlers:
                job = asyncio.ensure_future(handler(event))  # ACK302
                job.set_name(handler.__name__)
                pending.add(job)
            return len(pending)
    ''', ["ACK302"])


def test_task_locals_appended_to_lists_that_are_awaited_returned_or_kept_stay_quiet():
    check_marked('''
        import asyncio

        async def launch_and_wait(handlers, event):
            pending = []
            for handler in handlers:
                job = asyncio.ensure_future(handler(event))
                pending.append(job)
            await asyncio.gather(*pending)
            return len(pending)

        def launch_for_caller(handlers, event):
            pending = []
            for handler in handlers:
                job = asyncio.ensure_future(handler(event))
                pending.append(job)
            return pending

        class Launcher:
            def __init__(self):
                self.running = []

            def launch(self, handlers, event):
                started = self.running
                for handler in handlers:
                    job = asyncio.ensure_future(handler(event))
                    started.append(job)
                return len(started)
    ''', ["ACK302"])


def _project(root: Path, files: dict) -> set:
    for name, text in files.items():
        (root / name).write_text(textwrap.dedent(text).lstrip("\n"))
    report = lint_paths([root], Config(root=root).override(select=["ALL"]), jobs=1, use_cache=False)
    assert not report.errors, report.errors
    return {(Path(f.path).name, f.line, f.code) for f in report.findings if f.code in THREADS}


_SIGNALS = '''
    import asyncio

    class Signal:
        def __init__(self, loop):
            self.loop = loop
            self.fired = asyncio.Event()

        def fire(self):
            self.fired.set()

        def fire_threadsafe(self):
            self.loop.call_soon_threadsafe(self.fired.set)

        def describe(self):
            return f"signal fired={self.fired.is_set()}"

        def run_own(self):
            async def main():
                done = asyncio.Event()
                done.set()
            asyncio.run(main())

    def poke(loop):
        loop.call_soon(print, "poked")
'''


def test_a_thread_calling_another_modules_function_that_touches_the_loop_is_reported(tmp_path):
    # the thread's own code touches nothing of the loop's: the helper it calls, in another module, does
    found = _project(tmp_path, {"signals.py": _SIGNALS, "watch.py": '''
        import threading
        import time

        from signals import Signal, poke

        def start_watch(signal: Signal, loop):
            def run():
                while True:
                    time.sleep(1)
                    signal.fire()
                    poke(loop)

            threading.Thread(target=run, daemon=True).start()
    '''})
    assert found == {("watch.py", 10, "ACK401"), ("watch.py", 11, "ACK402")}


def test_another_modules_functions_that_hand_over_run_their_own_loop_or_are_called_on_the_loop_stay_quiet(tmp_path):
    found = _project(tmp_path, {"signals.py": _SIGNALS, "watch.py": '''
        import asyncio
        import threading
        import time

        from signals import Signal

        def start_watch(signal: Signal):
            def run():
                while True:
                    time.sleep(1)
                    signal.fire_threadsafe()
                    print(signal.describe())
                    signal.run_own()

            threading.Thread(target=run, daemon=True).start()

        async def on_loop(signal: Signal):
            signal.fire()
            await asyncio.sleep(0)
    '''})
    assert found == set()
