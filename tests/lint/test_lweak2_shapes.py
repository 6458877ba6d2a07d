"""Weak spots the linter had left open (lweak2): each shape that must be reported beside the look-alike that must
be left alone."""
from __future__ import annotations

import textwrap
from pathlib import Path

from asynccheck.config import Config
from asynccheck.lint import lint_paths, lint_source

from .helpers import ALL, check_marked, project_findings

# A queue a transport's callback fills with no bound: the real ACK501 every case below starts from
_CALLBACK_FED = '''
class Subscription:
    def __init__(self, transport):
        self.messages = asyncio.Queue()
        transport.on_message = self.messages.put_nowait

    async def __aiter__(self):
        while True:
            yield await self.messages.get()
'''


def _queue_lines(source: str, path: str = "example.py") -> list:
    report = lint_source(textwrap.dedent(source), path, ALL)
    assert not report.errors, report.errors
    return [f.line for f in report.findings if f.code == "ACK501"]


def test_a_service_module_that_imports_a_mock_as_a_fallback_keeps_its_unbounded_queue():
    # `unittest.mock` imported where a dependency is missing, or `pytest` imported for a self-test entry point,
    # does not make the module's queues a test's: the transport still outruns the consumer
    check_marked('''
        import asyncio

        try:
            import uvloop
        except ImportError:
            from unittest.mock import MagicMock as uvloop

        class Subscription:
            def __init__(self, transport):
                self.messages = asyncio.Queue()  # ACK501
                transport.on_message = self.messages.put_nowait

            async def __aiter__(self):
                while True:
                    yield await self.messages.get()

        if __name__ == "__main__":
            uvloop.install()
    ''', ["ACK501"])
    check_marked('''
        import asyncio
        import sys

        class Subscription:
            def __init__(self, transport):
                self.messages = asyncio.Queue()  # ACK501
                transport.on_message = self.messages.put_nowait

            async def __aiter__(self):
                while True:
                    yield await self.messages.get()

        if __name__ == "__main__":
            import pytest
            sys.exit(pytest.main([__file__]))
    ''', ["ACK501"])


def test_a_fake_beside_real_code_is_left_alone_and_the_real_queue_reported():
    # One module, two classes: the fake (it uses `AsyncMock`) is filled by the test that drives it; the real
    # subscription next to it is not
    check_marked('''
        import asyncio
        from unittest import mock

        class FakeTransport:
            def __init__(self):
                self.sent = asyncio.Queue()
                self.send = mock.AsyncMock(side_effect=self.sent.put)
                self.on_message = None

        class Subscription:
            def __init__(self, transport):
                self.messages = asyncio.Queue()  # ACK501
                transport.on_message = self.messages.put_nowait

            async def __aiter__(self):
                while True:
                    yield await self.messages.get()
    ''', ["ACK501"])


def test_a_fixture_or_a_test_case_fills_its_queue_itself():
    check_marked('''
        import asyncio
        import unittest

        import pytest

        @pytest.fixture
        def inbox(transport):
            queue = asyncio.Queue()
            transport.on_message = queue.put_nowait
            return queue

        class SubscriptionTest(unittest.IsolatedAsyncioTestCase):
            async def asyncSetUp(self):
                self.messages = asyncio.Queue()
                self.transport = object()
                self.transport.on_message = self.messages.put_nowait
    ''', ["ACK501"])


def test_test_modules_by_name_are_left_alone_and_the_same_code_elsewhere_is_reported(tmp_path: Path):
    source = "import asyncio\n" + _CALLBACK_FED
    assert _queue_lines(source) == [5]
    for path in ("test_subscription.py", "subscription_test.py", "conftest.py", "testutils.py"):
        assert _queue_lines(source, path) == [], path
    # `tests/` or `testing/` as a package: the helpers the tests import
    assert project_findings(tmp_path, {
        "client/__init__.py": "",
        "client/subscription.py": source,
        "client/testing/__init__.py": "",
        "client/testing/fakes.py": source,
        "tests/__init__.py": "",
        "tests/helpers.py": source,
    }, ["ACK501"]) == {("client/subscription.py", 5, "ACK501")}


def test_a_module_named_like_a_test_word_is_not_test_code():
    source = "import asyncio\n" + _CALLBACK_FED
    for path in ("testimonials.py", "contest.py", "latest.py"):
        assert _queue_lines(source, path) == [5], path


def test_an_attribute_or_keyword_named_like_a_mock_is_not_a_mock():
    # `patch` is imported for a test entry point elsewhere in the module; `client.patch(...)` and `mock=` in the
    # service class are its own words
    check_marked('''
        import asyncio
        from unittest.mock import patch

        class Subscription:
            def __init__(self, transport, client):
                self.messages = asyncio.Queue()  # ACK501
                transport.on_message = self.messages.put_nowait
                client.patch("/subscriptions", mock=False)

            async def __aiter__(self):
                while True:
                    yield await self.messages.get()

        def offline():
            with patch("socket.socket"):
                asyncio.run(main())
    ''', ["ACK501"])


# -- ACK103 says what the path is: a serial port, a device, a FIFO, a kernel file, not a file system's file ------
def _messages(source: str, code: str = "ACK103") -> dict:
    report = lint_source(textwrap.dedent(source), "example.py", ALL)
    assert not report.errors, report.errors
    return {f.line: f.message for f in report.findings if f.code == code}


_FILE_SYSTEM = "does file-system I/O"


def test_a_serial_port_by_its_device_name_or_its_api_waits_for_the_port():
    found = _messages('''
        import os
        import serial

        PORT = "/dev/ttyUSB0"

        async def poll(unit: int) -> bytes:
            with open(PORT, "rb") as port:
                line = port.readline()
            with open(f"/dev/ttyACM{unit}", "wb") as out:
                out.write(line)
            link = serial.Serial("/dev/serial/by-id/usb-FTDI", 9600)
            return link.read_until(b"\\n")
    ''')
    assert sorted(found) == [8, 9, 10, 11, 13]
    for line in found:
        assert found[line].split("`", 2)[2].startswith(" waits for a serial port on the event loop's thread"), found
        assert _FILE_SYSTEM not in found[line] and "serial_asyncio" in found[line]


def test_device_files_and_kernel_files_are_named_for_what_they_are():
    found = _messages('''
        import os
        from pathlib import Path

        async def sample(zone: int):
            with open("/dev/input/event0", "rb") as keys:
                event = keys.read(24)
            fd = os.open("/sys/class/gpio/gpio17/value", os.O_RDONLY)
            level = os.read(fd, 1)
            temp = Path("/sys/class/thermal") / f"thermal_zone{zone}" / "temp"
            celsius = int(temp.read_text()) / 1000
            for line in open("/proc/meminfo"):
                print(line)
            return event, level, celsius
    ''')
    assert sorted(found) == [6, 7, 8, 9, 11, 12]
    assert all("does I/O on a device file" in found[line] for line in (6, 7)), found
    assert all("a file the kernel makes up (`/proc`, `/sys`)" in found[line] for line in (8, 9, 11, 12)), found
    assert not any(_FILE_SYSTEM in text for text in found.values())


def test_a_path_made_a_fifo_here_is_a_named_pipe():
    found = _messages('''
        import os

        CONTROL = "/run/player/control"

        def setup():
            os.mkfifo(CONTROL)

        async def next_command() -> str:
            with open(CONTROL) as pipe:
                return pipe.readline()
    ''')
    assert sorted(found) == [10, 11]  # (making it, in a sync function, is not on the loop)
    assert all("uses a named pipe (FIFO)" in found[line] and "O_NONBLOCK" in found[line] for line in (10, 11)), found


def test_files_and_paths_not_known_keep_the_file_system_words():
    # a file on a disk, a file in /dev/shm (a file system in memory), a path handed in, a relative path that
    # starts like /proc, a FIFO made under another name, and a project class named like pyserial's
    found = _messages('''
        import os

        class Serial:
            def __init__(self, path):
                self.path = path

            def readline(self):
                with open(self.path) as f:
                    return f.readline()

        async def load(path: str):
            os.mkfifo("/run/player/control")
            with open("/etc/player.conf") as conf:
                settings = conf.read()
            with open("/dev/shm/player-state") as state:
                saved = state.read()
            with open(path) as given:
                data = given.read()
            with open("proc/meminfo") as relative:
                relative.read()
            with open("/run/player/control.log") as log:
                log.read()
            Serial("/dev/ttyUSB0").readline()
            return settings, saved, data
    ''')
    assert sorted(found) == [13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24], found
    assert all(_FILE_SYSTEM in found[line] for line in found if line != 24), found
    assert found[24].startswith('`Serial("/dev/ttyUSB0").readline()` blocks the event loop: `Serial.readline()` calls')


def test_known_device_apis_say_what_they_wait_for():
    found = _messages('''
        import cv2
        import sounddevice

        async def capture():
            camera = cv2.VideoCapture(0)
            ok, frame = camera.read()
            mic = sounddevice.InputStream(channels=1)
            block, overflowed = mic.read(1024)
            return frame, block
    ''')
    assert sorted(found) == [7, 9]
    assert "the capture's next frame" in found[7] and "audio device" in found[9], found
    assert not any(_FILE_SYSTEM in text for text in found.values())


# -- ACK302 claims garbage collection only where it can happen ------------------------------------------------
_GC = "garbage-collected mid-flight"


def test_a_dropped_thread_task_is_held_by_its_thread_and_loses_only_its_outcome():
    # The executor's job holds the future the task waits on, whose done callback wakes the task: the thread keeps
    # it to the end (CPython 3.9-3.13 alike). What is lost is its exception and any wait for it
    found = _messages('''
        import asyncio
        import weakref

        import anyio.to_thread

        refs = weakref.WeakSet()

        def save(item): ...

        async def flush(items, loop):
            asyncio.create_task(asyncio.to_thread(save, items))
            refs.add(asyncio.ensure_future(anyio.to_thread.run_sync(save, items)))
            asyncio.gather(*(asyncio.to_thread(save, item) for item in items))
            asyncio.gather(asyncio.to_thread(save, 1), asyncio.to_thread(save, 2))
            for item in items:
                last = asyncio.create_task(asyncio.to_thread(save, item))
            await asyncio.sleep(1)
            last.cancel()
            loop.call_soon(asyncio.create_task, asyncio.to_thread(save, items))
            asyncio.create_task(asyncio.sleep(5))
    ''', "ACK302")
    assert sorted(found) == [12, 13, 14, 15, 17, 20, 21], found
    for line in (12, 13, 14, 15, 17, 20):
        assert _GC not in found[line] and "worker thread" in found[line], found[line]
        assert "exception" in found[line]
    assert "the loop's timer holds it until it is done" in found[21] and _GC not in found[21]


def test_tasks_of_other_coroutines_keep_the_garbage_collection_claim():
    # a project coroutine (whatever it is named), a thread call the coroutine only makes inside, a gather of a
    # thread call and another coroutine: what they wait on may be held by nobody
    found = _messages('''
        import asyncio

        def save(item): ...

        async def to_thread(func, *args):
            await asyncio.Event().wait()

        async def work(item):
            await asyncio.to_thread(save, item)

        async def flush(item):
            asyncio.create_task(to_thread(save, item))
            asyncio.create_task(work(item))
            asyncio.gather(asyncio.to_thread(save, item), work(item))
    ''', "ACK302")
    assert sorted(found) == [13, 14, 15], found
    assert all(_GC in text for text in found.values()), found


# -- ACK401 in callbacks that an SDK calls on a thread only its documentation names -------------------------
_THREAD_UNSAFE = ["ACK401", "ACK402"]


def test_pynput_listeners_call_back_on_their_own_thread():
    check_marked('''
        import asyncio
        from pynput import keyboard, mouse

        async def keys():
            pressed = asyncio.Queue(100)
            loop = asyncio.get_running_loop()

            def on_press(key):
                pressed.put_nowait(key)  # ACK401

            def on_release(key):
                loop.call_soon_threadsafe(pressed.put_nowait, key)

            listener = keyboard.Listener(on_press=on_press, on_release=on_release)
            listener.start()
            clicked = asyncio.Event()
            with mouse.Listener(on_click=lambda x, y, button, down: clicked.set()):  # ACK401
                await clicked.wait()
            while True:
                print(await pressed.get())
    ''', _THREAD_UNSAFE)


def test_a_project_listener_with_the_same_keywords_calls_back_where_it_is_told():
    check_marked('''
        import asyncio

        class Listener:
            def __init__(self, on_press):
                self.on_press = on_press

            def feed(self, key):
                self.on_press(key)

        async def keys(source):
            pressed = asyncio.Queue(100)
            listener = Listener(on_press=pressed.put_nowait)
            async for key in source:
                listener.feed(key)
    ''', _THREAD_UNSAFE)


def test_a_watchdog_handler_of_no_watchdog_class_runs_on_the_observer_thread():
    check_marked('''
        import asyncio
        from watchdog.observers import Observer

        class Changes:
            def __init__(self, loop):
                self.changed = asyncio.Event()
                self.loop = loop

            def dispatch(self, event):
                if event.event_type == "modified":
                    self.on_modified(event)
                else:
                    self.loop.call_soon_threadsafe(self.changed.set)

            def on_modified(self, event):
                self.changed.set()  # ACK401

        async def watch(path):
            handler = Changes(asyncio.get_running_loop())
            observer = Observer()
            observer.schedule(handler, path, recursive=True)
            observer.start()
            await handler.changed.wait()
    ''', _THREAD_UNSAFE)


def test_a_project_observer_with_a_schedule_method_is_its_own():
    check_marked('''
        import asyncio

        class Observer:
            def __init__(self):
                self.handlers = []

            def schedule(self, handler, path):
                self.handlers.append(handler)

            async def run(self, events):
                async for event in events:
                    for handler in self.handlers:
                        handler.on_modified(event)

        class Changes:
            def __init__(self):
                self.changed = asyncio.Event()

            def on_modified(self, event):
                self.changed.set()

        async def watch(path, events):
            observer = Observer()
            observer.schedule(Changes(), path)
            await observer.run(events)
    ''', _THREAD_UNSAFE)


_KAFKA = '''
    import asyncio
    import threading
    from confluent_kafka import Producer

    class AIOProducer:
        def __init__(self, config):
            self._loop = asyncio.get_running_loop()
            self._producer = Producer(config)
            self._cancelled = False
            self._poll_thread = threading.Thread(target=self._poll_loop)
            self._poll_thread.start()

        def _poll_loop(self):
            while not self._cancelled:
                self._producer.poll(0.1)

        def produce(self, topic, value):
            result = self._loop.create_future()

            def ack(err, msg):
                if err:
                    result.set_exception(Exception(err))  # ACK401
                else:
                    self._loop.call_soon_threadsafe(result.set_result, msg)

            self._producer.produce(topic, value, on_delivery=ack)
            return result

    async def flush_later(producer: Producer, sent: asyncio.Event):
        producer.produce("audit", b"done", callback=lambda err, msg: sent.set())  # ACK401
        await asyncio.to_thread(producer.flush, 5)
'''


def test_confluent_kafka_delivery_reports_run_on_the_thread_that_polls():
    check_marked(_KAFKA, _THREAD_UNSAFE)


def test_confluent_kafka_polled_on_the_loop_calls_back_there():
    # the same producer polled by the loop (`poll(0)` in a coroutine): its delivery reports run on the loop's
    # thread; and a project class named Producer with a produce(on_delivery=...) is its own
    check_marked('''
        import asyncio
        from confluent_kafka import Producer

        async def send(config, topic, value):
            producer = Producer(config)
            done = asyncio.get_running_loop().create_future()
            producer.produce(topic, value, on_delivery=lambda err, msg: done.set_result(msg))
            while not done.done():
                producer.poll(0)
                await asyncio.sleep(0.05)
            return done.result()
    ''', _THREAD_UNSAFE)
    check_marked('''
        import asyncio
        import threading

        class Producer:
            def __init__(self):
                self.pending = []

            def produce(self, topic, value, on_delivery):
                self.pending.append(on_delivery)

            def poll(self, timeout):
                return len(self.pending)

        class Sender:
            def __init__(self):
                self.producer = Producer()
                threading.Thread(target=self._poll_loop).start()

            def _poll_loop(self):
                while True:
                    self.producer.poll(0.1)

            def send(self, topic, value, sent: asyncio.Event):
                self.producer.produce(topic, value, on_delivery=lambda err, msg: sent.set())
    ''', _THREAD_UNSAFE)


# -- callback parameters typed through a project helper of another module that hands the callable on --------
_SERVING = '''
    import asyncio

    from aiohttp import web


    async def serve(handler, port):
        server = await asyncio.start_server(handler, "0.0.0.0", port)
        async with server:
            await server.serve_forever()


    def page(path, view):
        return web.get(path, view)


    async def serve_calling(handler, port):
        # calls the handler itself as well: it may hand it anything
        await asyncio.start_server(handler, "0.0.0.0", port)
        await handler(None, None)


    def run(handler, *args):
        return handler(*args)
'''


def test_a_handler_handed_to_another_modules_helper_gets_the_apis_arguments(tmp_path):
    found = project_findings(tmp_path, {
        "pyproject.toml": "[project]\nname = 'app'\n",
        "app/__init__.py": "",
        "app/serving.py": _SERVING,
        "app/main.py": '''
            from aiohttp import web

            from app.serving import page, serve


            async def echo(reader, writer):
                reader.readline()
                writer.write(b"hi")
                writer.drain()


            async def index(request):
                request.json()
                return web.Response(text="ok")


            async def main():
                app = web.Application()
                app.add_routes([page("/", index)])
                await serve(echo, 8888)
        ''',
    }, ["ACK301"])
    assert found == {("app/main.py", 7, "ACK301"), ("app/main.py", 9, "ACK301"), ("app/main.py", 13, "ACK301")}
    # named alone (pre-commit, an editor), the module reads the helper's module for the fact, as a whole-tree run
    alone = lint_paths([tmp_path / "app" / "main.py"], Config(root=tmp_path).override(select=["ALL"]), jobs=1,
                       use_cache=False)
    assert {(f.line, f.code) for f in alone.findings if f.code == "ACK301"} == {(7, "ACK301"), (9, "ACK301"),
                                                                                 (13, "ACK301")}


def test_a_helper_that_calls_the_handler_itself_or_a_handler_used_elsewhere_types_nothing(tmp_path):
    found = project_findings(tmp_path, {
        "pyproject.toml": "[project]\nname = 'app'\n",
        "app/__init__.py": "",
        "app/serving.py": _SERVING,
        "app/main.py": '''
            from app.serving import run, serve, serve_calling


            async def echo(reader, writer):
                reader.readline()


            async def pump(reader, writer):
                reader.readline()


            async def relay(reader, writer):
                reader.readline()


            async def main(stream, sink):
                await serve_calling(echo, 8888)
                await serve(pump, 8889)
                await pump(stream, sink)
                await run(relay, stream, sink)
        ''',
    }, ["ACK301"])
    assert found == set()


def test_a_helper_that_reads_a_device_says_so_where_a_coroutine_calls_it():
    found = _messages('''
        PORT = "/dev/ttyUSB0"

        def read_line():
            with open(PORT, "rb") as port:
                return port.readline()

        def meminfo():
            for line in open("/proc/meminfo"):
                return line

        def settings():
            with open("settings.json") as f:
                return f.read()

        async def poll():
            read_line()
            meminfo()
            settings()
    ''')
    assert sorted(found) == [17, 18, 19], found
    assert 'it calls `open(PORT, "rb")`, which waits for a serial port' in found[17], found[17]
    assert "serial_asyncio" in found[17]
    assert "which reads or writes a file the kernel makes up" in found[18]
    assert "which does file-system I/O" in found[19]
