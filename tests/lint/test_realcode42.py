"""Shapes found by linting more real asyncio applications (home automation, self-hosted web apps, trading bots):
each look-alike must stay clean or be reported for the right reason, beside the close case that still flags."""
import textwrap

from asynccheck.lint import lint_source
from tests.lint.helpers import ALL, check_marked


def _messages(source: str, code: str):
    report = lint_source(textwrap.dedent(source), "example.py", ALL)
    assert not report.errors, report.errors
    return [f.message for f in report.findings if f.code == code]


def test_a_bare_marker_decorator_registers_nothing():
    # `@callback` (Home Assistant's "safe to run on the loop" marker) hands the function back unchanged: its
    # `stop()` that leaves one end-of-stream `None` runs when called, once, not per event. The queue is unbounded
    # for the put per datagram, and that is the reason the report must give. Called, as a framework's
    # `@app.callback(...)`, the decorator registers the function, which then runs per event.
    messages = _messages('''
        import asyncio
        from homeassistant.core import callback

        class Receiver(asyncio.DatagramProtocol):
            def __init__(self):
                self.queue = asyncio.Queue()
                self.running = True

            @callback
            def datagram_received(self, data, addr):
                if not self.running:
                    return
                self.queue.put_nowait(data)

            @callback
            def stop(self):
                self.queue.put_nowait(b"")

            async def packets(self):
                while data := await self.queue.get():
                    yield data
    ''', "ACK501")
    assert len(messages) == 1 and "datagram_received()" in messages[0] and "stop()" not in messages[0], messages
    check_marked('''
        import asyncio

        class Updates:
            def __init__(self, app):
                self.queue = asyncio.Queue()  # ACK501

                @app.callback("update")
                def update(value):
                    self.queue.put_nowait(value)

            async def next(self):
                return await self.queue.get()
    ''', ["ACK501"])


def test_awaiting_a_module_task_another_function_cancels_is_the_idiom():
    # a module-level background task with `start_x()`/`stop_x()`: `stop_x()` cancels it through a local copy
    # (`task = _worker; _worker = None; task.cancel()`), and a service that awaits it catches that cancel, as with
    # a `self._task` another method cancels. A global task nobody here cancels, or a local that only shares the
    # global's name, is still a swallowed cancellation.
    check_marked('''
        import asyncio

        _worker = None
        _reader = None

        async def run_worker():
            while True:
                await asyncio.sleep(1)

        async def start_worker():
            global _worker
            _worker = asyncio.create_task(run_worker())

        async def stop_worker():
            global _worker
            if not _worker:
                return
            task = _worker
            _worker = None
            task.cancel()

        async def serve():
            await start_worker()
            try:
                await _worker
            except asyncio.CancelledError:
                pass

        async def serve_reader():
            try:
                await _reader
            except asyncio.CancelledError:  # ACK602
                pass

        async def serve_own(make):
            _worker = make()
            try:
                await _worker
            except asyncio.CancelledError:  # ACK602
                pass
    ''', ["ACK601", "ACK602"])


def test_a_blocking_call_right_before_the_process_ends_stalls_no_loop():
    # a restart helper starts the new copy and then `os._exit(0)` (or replaces itself with `os.execl`): the loop
    # never runs again, so the Popen cannot stall it. `sys.exit()` raises and unwinds through the loop, and an
    # exit only on some later branch leaves the other path running on: both still report.
    check_marked('''
        import os
        import subprocess
        import sys
        import time

        def restart():
            if sys.argv[0].endswith(".py"):
                os.execl(sys.executable, sys.executable, *sys.argv)
            else:
                subprocess.Popen([sys.executable], env=dict(os.environ))
                os._exit(0)

        def restart_politely():
            subprocess.Popen([sys.executable])
            time.sleep(1)
            sys.exit(0)

        async def on_update():
            restart()

        async def on_update_politely():
            restart_politely()  # ACK104

        async def crash(path):
            subprocess.run(["sync", path])
            os._exit(1)

        async def maybe_crash(path, fatal):
            subprocess.run(["sync", path])  # ACK104
            if fatal:
                os._exit(1)
    ''', ["ACK101", "ACK104"])
