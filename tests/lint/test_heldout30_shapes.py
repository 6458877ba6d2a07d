"""Shapes found wrong on a thirtieth held-out set (callback- and protocol-style asyncio, code written before
`asyncio.run`): each flagged shape beside the look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked, project_findings

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108"]


def test_a_hook_that_a_base_protocols_callback_calls_on_self_runs_on_the_loop():
    # `data_received` splits lines and calls `self.line_received(line)`: the subclass's override runs on the
    # loop's thread, two calls down from the loop, as much as `data_received` itself does
    check_marked('''
        import asyncio
        import subprocess
        import time

        class LineReceiver(asyncio.Protocol):
            def data_received(self, data):
                for line in data.split(b"\\n"):
                    self._dispatch(line)

            def _dispatch(self, line):
                if line:
                    self.line_received(line)

            def line_received(self, line):
                pass

        class Shell(LineReceiver):
            def line_received(self, line):
                out = subprocess.run(line.split(), capture_output=True)  # ACK104
                self.transport.write(out.stdout)

        class Slow(Shell):
            def line_received(self, line):
                time.sleep(0.1)  # ACK101
    ''', BLOCKING)


def test_a_hook_of_a_plain_class_or_a_hook_handed_to_a_thread_stays_quiet():
    # a socketserver-style base that merely names its hook alike runs in the server's thread, not on a loop;
    # an override that hands the work to a thread, and a method no callback calls, block nothing on the loop
    check_marked('''
        import asyncio
        import socketserver
        import subprocess
        import time

        class LineHandler(socketserver.StreamRequestHandler):
            def handle(self):
                for line in self.rfile:
                    self.line_received(line)

            def line_received(self, line):
                pass

        class ThreadedShell(LineHandler):
            def line_received(self, line):
                subprocess.run(line.split())
                time.sleep(0.1)

        class LineReceiver(asyncio.Protocol):
            def data_received(self, data):
                for line in data.split(b"\\n"):
                    self.line_received(line)

            def line_received(self, line):
                pass

        class OffloadedShell(LineReceiver):
            def line_received(self, line):
                asyncio.get_running_loop().run_in_executor(None, subprocess.run, line.split())

            def replay(self, path):
                time.sleep(1)
    ''', BLOCKING)


def test_a_protocol_base_of_another_module_makes_its_subclass_a_protocol(tmp_path):
    # the framing base lives in its own module: the override of its hook, and the subclass's own callbacks, run
    # on the loop just as in one file
    found = project_findings(tmp_path, {
        "__init__.py": "",
        "framing.py": '''
            import asyncio

            class MessageProtocol(asyncio.BufferedProtocol):
                def get_buffer(self, sizehint):
                    return bytearray(sizehint)

                def buffer_updated(self, nbytes):
                    self.message_received(b"")

                def message_received(self, message):
                    raise NotImplementedError
        ''',
        "server.py": '''
            import time

            from .framing import MessageProtocol

            class Audit(MessageProtocol):
                def message_received(self, message):
                    with open("/var/log/audit", "ab") as fh:
                        fh.write(message)

                def connection_lost(self, exc):
                    time.sleep(0.5)
        ''',
    }, BLOCKING)
    assert {(name, line) for name, line, _ in found} == {("server.py", 7), ("server.py", 8), ("server.py", 11)}


def test_a_class_of_another_module_that_is_no_protocol_gives_its_hook_names_nothing(tmp_path):
    # the same names on a plain class of another module (a parser fed from a thread), and a protocol base whose
    # callbacks never call the method the subclass defines
    found = project_findings(tmp_path, {
        "__init__.py": "",
        "framing.py": '''
            import asyncio

            class MessageParser:
                def data_received(self, data):
                    self.message_received(data)

                def message_received(self, message):
                    pass

            class Quiet(asyncio.Protocol):
                def data_received(self, data):
                    pass
        ''',
        "server.py": '''
            import time

            from .framing import MessageParser, Quiet

            class Audit(MessageParser):
                def message_received(self, message):
                    with open("/var/log/audit", "ab") as fh:
                        fh.write(message)

                def data_received(self, data):
                    time.sleep(0.5)

            class Replayer(Quiet):
                def message_received(self, message):
                    time.sleep(0.5)
        ''',
    }, BLOCKING)
    assert found == set()


def test_a_protocols_transport_written_from_a_thread_is_reported():
    # transports are not thread-safe; the one `connection_made` is handed is a transport whether or not the
    # parameter is annotated (a datagram protocol's is a datagram transport)
    check_marked('''
        import asyncio
        import threading
        import time
        from concurrent.futures import ThreadPoolExecutor

        pool = ThreadPoolExecutor(4)

        class Answering(asyncio.Protocol):
            def connection_made(self, transport):
                self.transport = transport

            def data_received(self, data):
                threading.Thread(target=self._slow_answer, args=(data,)).start()

            def _slow_answer(self, data):
                time.sleep(0.2)
                self.transport.write(data.upper())  # ACK401

        class Echo(asyncio.DatagramProtocol):
            def connection_made(self, transport):
                self.transport = transport

            def datagram_received(self, data, addr):
                pool.submit(self._reply, data, addr)

            def _reply(self, data, addr):
                self.transport.sendto(data, addr)  # ACK401
    ''', ["ACK401"])


def test_a_transport_handed_back_to_the_loop_or_a_look_alike_written_from_a_thread_stays_quiet():
    # the reply handed to the loop with call_soon_threadsafe; a writer of a plain class whose method shares the
    # callback's name (a sync client, no protocol); the transport written on the loop itself
    check_marked('''
        import asyncio
        import threading
        import time

        class Answering(asyncio.Protocol):
            def __init__(self, loop):
                self.loop = loop

            def connection_made(self, transport):
                self.transport = transport

            def data_received(self, data):
                self.transport.write(b"working\\n")
                threading.Thread(target=self._slow_answer, args=(data,)).start()

            def _slow_answer(self, data):
                time.sleep(0.2)
                self.loop.call_soon_threadsafe(self.transport.write, data.upper())

        class SyncClient:
            def connection_made(self, transport):
                self.transport = transport

            def start(self, data):
                threading.Thread(target=self._send, args=(data,)).start()

            def _send(self, data):
                self.transport.write(data)
    ''', ["ACK401"])


def test_the_transport_of_a_protocol_whose_base_is_in_another_module_is_a_transport(tmp_path):
    # the base is re-exported by the package; the subclass's connection_made is handed the base's kind of
    # transport, which a worker thread then writes; a subclass of a plain class of that module is handed anything
    (tmp_path / "wire").mkdir()
    found = project_findings(tmp_path, {
        "__init__.py": "",
        "wire/__init__.py": "from .base import Datagrams, Lines, Sink\n",
        "wire/base.py": '''
            import asyncio

            class Lines(asyncio.Protocol):
                def data_received(self, data):
                    for line in data.splitlines():
                        self.line_received(line)

                def line_received(self, line):
                    pass

            class Datagrams(asyncio.DatagramProtocol):
                pass

            class Sink:
                def connection_made(self, transport):
                    pass
        ''',
        "app.py": '''
            import threading

            from .wire import Datagrams, Lines, Sink

            class Greeter(Lines):
                def connection_made(self, transport):
                    self.transport = transport

                def line_received(self, line):
                    threading.Thread(target=self._greet, args=(line,)).start()

                def _greet(self, line):
                    self.transport.write(b"hello " + line)

            class Pong(Datagrams):
                def connection_made(self, transport):
                    self.transport = transport

                def datagram_received(self, data, addr):
                    threading.Thread(target=self.transport.sendto, args=(b"pong", addr)).start()

            class FileSink(Sink):
                def connection_made(self, transport):
                    self.transport = transport
                    threading.Thread(target=self._flush).start()

                def _flush(self):
                    self.transport.write(b"")
        ''',
    }, ["ACK401"])
    assert {(name, line) for name, line, _ in found} == {("app.py", 13), ("app.py", 20)}


def test_a_lambda_handed_to_a_helper_that_calls_it_on_the_loop_runs_there():
    # a retry helper of the module calls the callable it is handed in its coroutine body; a protocol callback
    # that runs what it is given does too; the lambda's blocking call blocks the loop
    check_marked('''
        import asyncio
        import sqlite3
        import time

        import requests

        async def with_retries(op, attempts=3):
            for attempt in range(attempts):
                try:
                    return op()
                except OSError:
                    await asyncio.sleep(2 ** attempt)

        async def fetch(url):
            return await with_retries(lambda: requests.get(url, timeout=5))  # ACK102

        class Store:
            def __init__(self, path):
                self.db = sqlite3.connect(path)

            async def _guarded(self, action, label):
                started = time.monotonic()
                result = action()
                print(label, time.monotonic() - started)
                return result

            async def count(self):
                return await self._guarded(label="count", action=lambda: self.db.execute("select 1"))  # ACK105
    ''', BLOCKING)


def test_a_lambda_handed_to_a_helper_that_runs_it_in_a_thread_or_off_the_loop_stays_quiet():
    # the helper hands the callable to a thread, or is a sync helper (nothing says it runs on the loop), or
    # rebinds the parameter before calling it; a lambda passed where the helper only stores it is not called
    check_marked('''
        import asyncio
        import functools

        import requests

        async def in_thread(op):
            return await asyncio.to_thread(op)

        def timed(op):
            return op()

        async def wrapped(op, *args):
            op = functools.partial(asyncio.to_thread, op, *args)
            return await op()

        class Hooks:
            def __init__(self):
                self.hooks = []

            async def register(self, hook):
                self.hooks.append(hook)

        async def fetch(url, hooks: Hooks):
            await in_thread(lambda: requests.get(url))
            await wrapped(lambda: requests.get(url))
            await hooks.register(lambda: requests.get(url))
            return timed(lambda: len(url))

        def fetch_sync(url):
            return timed(lambda: requests.get(url))
    ''', BLOCKING)


def test_a_lambda_handed_to_a_runner_of_another_module_runs_where_the_runner_calls_it(tmp_path):
    # the retry coroutine and a guard's method live in a helpers module: what they call of what they are handed
    # runs on the loop; the helper that hands it to a thread, and a sync helper, leave the lambda alone
    found = project_findings(tmp_path, {
        "__init__.py": "",
        "helpers.py": '''
            import asyncio
            import logging

            async def retrying(action, tries=3):
                for _ in range(tries):
                    try:
                        return action()
                    except OSError:
                        await asyncio.sleep(1)

            async def threaded(action):
                return await asyncio.to_thread(action)

            def traced(action):
                logging.info("calling %r", action)
                return action()

            class Timer:
                async def measure(self, name, action):
                    logging.info("start %s", name)
                    return action()
        ''',
        "client.py": '''
            import subprocess

            from . import helpers
            from .helpers import Timer, retrying, threaded, traced

            async def deploy(host, timer: Timer):
                await retrying(lambda: subprocess.run(["ssh", host, "true"]))
                await timer.measure("push", action=lambda: subprocess.run(["rsync", host]))
                await helpers.threaded(lambda: subprocess.run(["ssh", host, "reboot"]))
                await threaded(lambda: subprocess.check_call(["ping", host]))
                return traced(lambda: host.upper())
        ''',
    }, BLOCKING)
    assert {(name, line) for name, line, _ in found} == {("client.py", 7), ("client.py", 8)}


def test_a_blocking_function_handed_to_a_runner_or_to_a_helper_that_schedules_it_is_reported():
    # the function itself, or a partial of it, handed to a retry coroutine; a helper that hands its callable
    # to `loop.call_later` makes the loop call it, wherever the helper is called from
    check_marked('''
        import asyncio
        import functools
        import shutil

        import requests

        async def retry(op, tries=3):
            for _ in range(tries):
                try:
                    return op()
                except OSError:
                    await asyncio.sleep(1)

        def later(loop: asyncio.AbstractEventLoop, delay, callback):
            return loop.call_later(delay, callback)

        def rotate_logs():
            shutil.copyfile("/var/log/app.log", "/var/log/app.log.1")

        def ping(host):
            return requests.head(host, timeout=2)

        async def check(host):
            await retry(functools.partial(ping, host))  # ACK102
            await retry(functools.partial(requests.head, host))  # ACK102

        def arm(loop: asyncio.AbstractEventLoop):
            later(loop, 3600, rotate_logs)  # ACK103
            later(loop, 1, lambda: shutil.rmtree("/tmp/cache"))  # ACK103
    ''', BLOCKING)


def test_a_function_handed_to_a_runner_that_hands_it_to_a_thread_stays_quiet():
    # the helper runs it in an executor, hands it to another thread's loop safely as data, or calls something
    # else; the callable handed over does not block
    check_marked('''
        import asyncio
        import functools
        import shutil

        def in_pool(loop: asyncio.AbstractEventLoop, fn):
            return loop.run_in_executor(None, fn)

        async def twice(op, fallback):
            try:
                return fallback()
            except OSError:
                return await asyncio.to_thread(op)

        def rotate_logs():
            shutil.copyfile("/var/log/app.log", "/var/log/app.log.1")

        def reset():
            return {}

        async def main(loop: asyncio.AbstractEventLoop):
            await in_pool(loop, rotate_logs)
            await twice(rotate_logs, reset)
            await twice(functools.partial(shutil.rmtree, "/tmp/x"), reset)
    ''', BLOCKING)


def test_a_callable_a_scheduling_helper_calls_from_the_timer_it_hands_the_loop_runs_there():
    # `every` hands the loop a nested `tick` that calls the job it was given: the job runs on the loop's thread
    check_marked('''
        import asyncio
        import json
        import time

        def every(loop: asyncio.AbstractEventLoop, seconds, job):
            def tick():
                job()
                loop.call_later(seconds, tick)

            loop.call_later(seconds, tick)

        def save_state(state):
            with open("/var/lib/app/state.json", "w") as fh:
                json.dump(state, fh)

        def start(loop: asyncio.AbstractEventLoop, state):
            every(loop, 60, lambda: save_state(state))  # ACK103
            every(loop, 1, lambda: time.sleep(0.01))  # ACK101
    ''', BLOCKING)


def test_a_callable_a_helper_calls_from_a_nested_function_it_hands_a_thread_stays_quiet():
    # the nested function goes to a thread, or is only called by the helper's own (sync) caller
    check_marked('''
        import asyncio
        import threading
        import time

        def every_in_thread(seconds, job):
            def loop_forever():
                while True:
                    job()
                    time.sleep(seconds)

            threading.Thread(target=loop_forever, daemon=True).start()

        def once(job):
            def run():
                return job()

            return run()

        def start(loop: asyncio.AbstractEventLoop):
            every_in_thread(60, lambda: time.sleep(1))
            once(lambda: time.sleep(1))
    ''', BLOCKING)
