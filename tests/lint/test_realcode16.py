"""Shapes found by linting real asyncio applications (REPLs, language servers, dashboard and notebook servers,
terminal UIs): each look-alike must stay quiet, beside the close case that must still be flagged."""
from __future__ import annotations

import textwrap

from asynccheck.config import Config
from asynccheck.lint import lint_source
from tests.lint.helpers import check_marked

BLOCKING = ["ACK101", "ACK103", "ACK106"]


def test_a_module_global_filled_on_the_first_call_is_read_once_per_process():
    # the settings are parsed on the first call (at start-up, in practice) and handed back from the global on
    # every later one, as with `functools.cache` on a function of no arguments, double-checked lock or not;
    # only a caller that sets the flag parameter asks for the read again
    check_marked(
        """
        import threading

        _options = None
        _settings = None
        _lock = threading.Lock()


        def get_options(force=False):
            global _options
            options = _options
            if options and not force:
                return options
            with _lock:
                if _options and not force:
                    return _options
                with open("/etc/app.toml") as f:
                    _options = f.read()
            return _options


        def get_option(key):
            return get_options()[key]


        def settings():
            global _settings
            if _settings is None:
                with open("/etc/app.ini") as f:
                    _settings = f.read()
            return _settings


        async def handler(request):
            request.limit = get_option("limit")
            request.mode = settings()


        async def reload(request):
            get_options(force=True)  # ACK103
            get_options(force=False)
        """,
        BLOCKING,
    )


def test_a_global_keyed_refreshed_or_never_filled_reads_again():
    # a dict keyed by an argument reads once per key (as `lru_cache(path)` does); an expiry test reads again
    # whenever it expires; a function that never stores what it read reads on every call
    check_marked(
        """
        import time

        _by_path = {}
        _settings = None
        _stamp = 0.0


        def load(path):
            global _by_path
            if path not in _by_path:
                with open(path) as f:
                    _by_path[path] = f.read()
            return _by_path[path]


        def refreshed():
            global _settings, _stamp
            if _settings is None or time.monotonic() - _stamp > 60:
                with open("/etc/app.ini") as f:
                    _settings = f.read()
                _stamp = time.monotonic()
            return _settings


        def peeked():
            global _settings
            if _settings is not None:
                return _settings
            with open("/etc/app.ini") as f:
                return f.read()


        async def handler(request):
            load(request.path)  # ACK103
            refreshed()  # ACK103
            peeked()  # ACK103
        """,
        BLOCKING,
    )


def test_a_method_decorated_to_run_in_an_executor_returns_a_future_at_once():
    # tornado's `run_on_executor` and asgiref's `sync_to_async` hand the body to a worker thread: the call
    # returns a future (or a coroutine) however it is then awaited; a plain helper still blocks
    check_marked(
        """
        import time
        from asgiref.sync import sync_to_async
        from tornado.concurrent import run_on_executor
        from tornado.gen import convert_yielded


        class Shadow:
            @run_on_executor
            def read_lines(self):
                with open(self.path) as f:
                    return f.readlines()

            @run_on_executor(executor="_pool")
            def write_lines(self, lines):
                with open(self.path, "w") as f:
                    f.writelines(lines)

            def read_now(self):
                with open(self.path) as f:
                    return f.readlines()

            async def sync(self):
                self.lines = await convert_yielded(self.read_lines())
                pending = self.write_lines(self.lines)
                await pending
                return await convert_yielded(self.read_now())  # ACK103


        @sync_to_async
        def fetch_row(pk):
            time.sleep(0.1)


        def fetch_now(pk):
            time.sleep(0.1)


        async def view(pk):
            row = fetch_row(pk)
            await row
            fetch_now(pk)  # ACK101
        """,
        BLOCKING,
    )


def test_a_tornado_loop_held_in_a_local_runs_a_coroutine_callback():
    # tornado's IOLoop runs what a callback returns, a coroutine included, whether the loop is read in the call
    # or kept in a local first; an asyncio loop in a local does not
    check_marked(
        """
        import asyncio
        import tornado.ioloop


        class Handler:
            async def check_connected(self):
                await asyncio.sleep(0)

            async def get(self):
                loop = tornado.ioloop.IOLoop.current()
                loop.call_later(5, self.check_connected)
                running = asyncio.get_running_loop()
                running.call_later(5, self.check_connected)  # ACK301
        """,
        ["ACK301"],
    )


def test_a_read_of_a_non_blocking_descriptor_returns_at_once():
    # catching `BlockingIOError` says the descriptor (a self-pipe, a wake-up pipe) is non-blocking: the read
    # returns what is there or raises; a read whose only handler is `OSError` may wait on a file
    check_marked(
        """
        import os


        async def on_wake(pipe_rd):
            try:
                data = os.read(pipe_rd, 4096)
            except BlockingIOError:
                return None
            return data


        def drain(fd):
            try:
                return os.read(fd, 4096)
            except (BlockingIOError, InterruptedError):
                return b""


        async def tick(fd):
            drain(fd)


        async def slurp(fd):
            try:
                return os.read(fd, 4096)  # ACK103
            except OSError:
                return None
        """,
        BLOCKING,
    )


def test_a_swallow_awaited_last_by_a_tasks_own_function_ends_the_task():
    # the watcher breaks out on a cancel and returns; the task's function awaits it last, so nothing carries
    # on: the task ends completed instead of cancelled (ACK602). A caller with work after the await carries on,
    # and so do the callers of one that others await (ACK601).
    check_marked(
        """
        import asyncio


        async def watch(stop):
            while True:
                try:
                    await asyncio.sleep(1)
                except asyncio.CancelledError:  # ACK602
                    break
                if stop.is_set():
                    break


        async def start_watching(stop):
            print("watching")
            await watch(stop)


        def begin(stop):
            return asyncio.create_task(start_watching(stop))


        async def poll():
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:  # ACK601
                pass


        async def run():
            await poll()
            print("carried on")


        async def wait_closed(conn):
            try:
                await conn.closed()
            except asyncio.CancelledError:  # ACK601
                pass


        async def close(conn):
            conn.abort()
            await wait_closed(conn)
        """,
        ["ACK601", "ACK602"],
    )


def test_a_process_join_is_said_to_wait_for_a_process():
    report = lint_source(textwrap.dedent(
        """
        import multiprocessing


        async def stop(worker: multiprocessing.Process):
            worker.join(5)
        """), "example.py", Config())
    messages = [f.message for f in report.findings if f.code == "ACK106"]
    assert len(messages) == 1 and "another thread or process" in messages[0], messages


def test_a_task_kept_in_an_attribute_and_awaited_in_the_same_pass_runs_one_at_a_time():
    # the timer keeps the running invocation in an attribute (so that a stop can cancel it) and awaits it before
    # the next pass; awaiting another attribute leaves the new task running beside the next ones
    check_marked(
        """
        import asyncio


        class Timer:
            async def _invoke(self):
                await asyncio.sleep(0)

            async def run(self):
                while not self.stopped:
                    self._current = asyncio.create_task(self._invoke())
                    await self._current

            async def fan_out(self, source):
                while True:
                    await source.get()
                    self._last = asyncio.create_task(self._invoke())  # ACK502
                    await self._previous
        """,
        ["ACK502"],
    )


def test_the_sync_hugging_face_inference_client_waits_for_the_network():
    # each task method, and the OpenAI-style namespace, is one request; the async twin's calls are coroutines,
    # a call handed to a worker thread waits there, and reading a setting makes no request
    check_marked(
        """
        import asyncio
        from huggingface_hub import AsyncInferenceClient, InferenceClient

        hf = InferenceClient()
        ahf = AsyncInferenceClient()


        def routes(app, enabled):
            if enabled:
                from huggingface_hub import InferenceClient as Client

                client = Client()

            @app.post("/edit")
            async def edit(body):
                reply = client.chat_completion(model="m", messages=[])  # ACK102
                again = client.chat.completions.create(model="m", messages=[])  # ACK102
                return reply, again, client.model


        async def ask(prompt):
            first = await ahf.chat_completion(messages=[])
            second = await asyncio.to_thread(hf.text_generation, prompt)
            ahf.text_generation(prompt)  # ACK301
            return first, second, hf.text_generation(prompt)  # ACK102
        """,
        ["ACK102", "ACK301"],
    )
