"""What messages say: calls as written (receivers shown, long arguments elided), helpers named with their
class, types module-qualified, the same way in every rule."""
from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from asynccheck.lint import lint_source
from asynccheck.lint.messages import call_text

from .helpers import ALL


@pytest.mark.parametrize("source, text", [
    ("Path(cert).read_bytes()", "Path(cert).read_bytes()"),  # the receiver is a call: shown, not `(...)`
    ("self._sock.recv(4096)", "self._sock.recv(4096)"),
    ("time.sleep(1)", "time.sleep(1)"),
    ("requests.get(url, timeout=5)", "requests.get(url, timeout=5)"),
    ("self.locks[key].acquire()", "self.locks[key].acquire()"),
    ("(a or b).read()", "(a or b).read()"),
    ("factory()()", "factory()()"),
    ("f(*args, **kwargs)", "f(*args, **kwargs)"),
    # long: the longest argument list goes first, the short ones stay
    ("open(os.path.join(self.root, name, 'config.json'), 'rb')", "open(...)"),
    ("Path(some_long_expression.attribute_name).read_text(encoding='utf-8')",
     "Path(...).read_text(encoding='utf-8')"),
    # arguments over several lines, comments and all, are one `...`
    ("open(\n    path,  # the settings\n    'rb',\n)", "open(path, 'rb')"),
    ("json.dumps({\n    'a': 1,  # one\n})", "json.dumps(...)"),
    ("self.connections[request.client.host].sock.recv(1024)", "self.connections[...].sock.recv(1024)"),
    ("print('a  b')", "print('a  b')"),  # spaces inside a string are the string's
    ("(a or\n    b).read()", "(a or b).read()"),
])
def test_call_text(source, text):
    assert call_text(cst.parse_expression(source)) == text


def message(source: str, code: str) -> str:
    report = lint_source(textwrap.dedent(source), "example.py", ALL)
    (found,) = [f for f in report.findings if f.code == code]
    return found.message


@pytest.mark.parametrize("code, source, expected", [
    ("ACK103", '''
        from pathlib import Path

        async def load(cert):
            return Path(cert).read_bytes()
     ''', "`Path(cert).read_bytes()` does file-system I/O"),
    ("ACK501", '''
        from asyncio import Queue

        async def main(source):
            q = Queue()
            async for item in source:
                await q.put(item)
     ''', "`asyncio.Queue()` has no maxsize"),
    ("ACK501", '''
        import asyncio

        async def main(source):
            q = asyncio.LifoQueue(0)
            while True:
                await q.put(await source.get())
     ''', "`asyncio.LifoQueue(0)` is unbounded (a maxsize of 0 means no limit)"),
    ("ACK201", '''
        import threading

        class Cache:
            def __init__(self):
                self._lock = threading.Lock()

            async def get(self, fetch):
                with self._lock:
                    await fetch()
     ''', "`self._lock` (a `threading.Lock`) is held across an await"),
    ("ACK201", '''
        import threading

        lock = threading.RLock()

        async def get(fetch):
            lock.acquire()
            await fetch()
            lock.release()
     ''', "held at an await before `lock.release()`: it is re-entrant, so the loop's other tasks take it too "
          "while the holder is suspended (it keeps nothing out between them) and other threads that take it wait "
          "until the holder resumes; release it before awaiting, or use an `asyncio.Lock`"),  # asyncio has no RLock
    ("ACK201", '''
        import threading

        sem = threading.BoundedSemaphore(4)

        async def get(fetch):
            with sem:
                await fetch()
     ''', "or use an `asyncio.BoundedSemaphore`"),
    ("ACK302", '''
        import asyncio

        async def main(work):
            asyncio.create_task(work())
     ''', "`asyncio.create_task(work())` is dropped"),
    ("ACK402", '''
        import threading

        def start(loop, cb):
            def run():
                loop.call_soon(cb)
            threading.Thread(target=run).start()
     ''', "`loop.call_soon()` may only be called from the loop's thread, but this code runs in a thread started "
          "with `threading.Thread()`"),
    ("ACK401", '''
        import asyncio
        import threading

        async def main():
            done = asyncio.Event()
            threading.Thread(target=done.set).start()
            await done.wait()
     ''', "`done.set` of an `asyncio.Event` is handed to a thread started with `threading.Thread()`"),
    ("ACK602", '''
        import asyncio

        async def main(work):
            try:
                await work()
            except asyncio.CancelledError:
                pass
     ''', "`except asyncio.CancelledError` around an await swallows `asyncio.CancelledError`"),
    ("ACK602", '''
        import asyncio
        import contextlib

        async def main(work):
            with contextlib.suppress(asyncio.CancelledError):
                await work()
     ''', "`contextlib.suppress(...)` around an await swallows `asyncio.CancelledError`"),
    ("ACK602", '''
        from asyncio import CancelledError
        from contextlib import suppress

        async def main(work):
            with suppress(CancelledError):
                await work()
     ''', "`suppress(CancelledError)` around an await swallows `asyncio.CancelledError`"),
])
def test_names_things_the_same_way(code, source, expected):
    assert expected in message(source, code)


def test_helper_chain_names_methods_with_their_class():
    source = '''
        import time

        class Backoff:
            def wait(self):
                time.sleep(1)

        class ThreadListenerRunner:
            def __init__(self):
                self.backoff = Backoff()

            def run(self):
                self._step()

            def _step(self):
                Backoff().wait()

            async def serve(self):
                self.run()
    '''
    assert message(source, "ACK101").startswith(
        "`self.run()` blocks the event loop: `ThreadListenerRunner.run()` calls `ThreadListenerRunner._step()` "
        "-> `Backoff.wait()` -> `time.sleep(1)`, which sleeps on the event loop's thread")


def test_helper_chain_of_a_function_says_it():
    source = '''
        def read_config(path):
            with open(path) as fh:
                return fh.read()

        async def handler():
            read_config('s.ini')
    '''
    assert message(source, "ACK103").startswith(
        "`read_config('s.ini')` blocks the event loop: it calls `open(path)`, which does file-system I/O")


def test_a_tls_context_is_advised_to_be_made_once():
    """Reading certificates is a set-up: the advice is to do it once and reuse the context, not to move each
    call to a thread or to an async file library, which cannot read certificates for `ssl`."""
    source = textwrap.dedent('''
        import ssl

        def client_context(cafile):
            ctx = ssl.create_default_context(cafile=cafile)
            ctx.load_cert_chain("client.pem")
            return ctx

        async def connect(cafile):
            ssl.create_default_context()
            client_context(cafile)
            open("notes.txt").read()
    ''')
    messages = {f.line: f.message for f in lint_source(source, "tls.py").findings}
    once = "make the TLS context once (at start-up, or cached) and reuse it"
    assert once in messages[10] and "aiofiles" not in messages[10]
    assert once in messages[11] and "it calls `ssl.create_default_context(...)`" in messages[11]
    assert "aiofiles" in messages[12] and once not in messages[12]


def test_queue_advice_fits_a_producer_that_cannot_await():
    # a logging handler's emit and a protocol's data_received are plain functions: no `await queue.put()` there
    handler = message('''
        import asyncio
        import logging

        class QueueLogHandler(logging.Handler):
            def __init__(self):
                super().__init__()
                self.records = asyncio.Queue()

            def emit(self, record):
                self.records.put_nowait(self.format(record))

        async def ship(handler, sink):
            while True:
                await sink.send(await handler.records.get())
    ''', "ACK501")
    assert "cannot await" in handler and "QueueFull" in handler and "await queue.put()" not in handler
    pump = message('''
        import asyncio

        async def pump(source):
            q = asyncio.Queue()
            async for item in source:
                await q.put(item)
            return q
    ''', "ACK501")
    assert "`await queue.put()` applies backpressure" in pump
