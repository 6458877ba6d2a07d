"""Shapes found missing on a twenty-third held-out set (where threads meet the loop: library callbacks, loops run
by sync facades): each flagged shape beside the look-alikes that must stay quiet."""
from __future__ import annotations

import textwrap
from pathlib import Path

from asynccheck.config import Config
from asynccheck.lint import lint_paths

from .helpers import check_marked


def test_a_thread_subclass_that_runs_its_loop_in_run_makes_its_other_public_methods_foreign():
    check_marked('''
        import asyncio
        import threading

        class EventLoopThread(threading.Thread):
            def __init__(self) -> None:
                super().__init__(name="io", daemon=True)
                self.io_loop = asyncio.new_event_loop()
                self.started = threading.Event()

            def run(self) -> None:
                asyncio.set_event_loop(self.io_loop)
                self.io_loop.call_soon(self.started.set)
                self.io_loop.run_forever()

            def schedule(self, coro):
                return self.io_loop.create_task(coro)  # ACK402

            def schedule_safely(self, coro):
                return asyncio.run_coroutine_threadsafe(coro, self.io_loop)

            def shutdown(self) -> None:
                self.io_loop.call_soon_threadsafe(self.io_loop.stop)
                self.join()

        class Poller:
            def __init__(self) -> None:
                self.loop = asyncio.new_event_loop()
                self._thread = threading.Thread(target=self._serve, daemon=True)

            def _serve(self) -> None:
                self.loop.run_until_complete(self._main())

            async def _main(self) -> None:
                await asyncio.sleep(3600)

            def poke(self, callback) -> None:
                self.loop.call_soon(callback)  # ACK402

        class Stepper(threading.Thread):
            """Runs no loop of its own: the loop it is handed belongs to whoever runs it."""

            def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
                super().__init__(daemon=True)
                self.loop = loop

            def run(self) -> None:
                pass

            def nudge(self, callback) -> None:
                self.loop.call_soon(callback)
    ''', ["ACK402"])


def test_a_class_holding_a_background_loop_facade_calls_its_loop_from_the_callers_thread():
    check_marked('''
        import asyncio
        import threading

        class LoopRunner:
            def __init__(self) -> None:
                self.loop = asyncio.new_event_loop()
                threading.Thread(target=self.loop.run_forever, daemon=True).start()

        class InlineRunner:
            """Its loop is run by whoever calls `drive()`: not a thread of its own."""

            def __init__(self) -> None:
                self.loop = asyncio.new_event_loop()

            def drive(self) -> None:
                self.loop.run_forever()

        class Toolbar:
            def __init__(self, runner: LoopRunner, inline: InlineRunner) -> None:
                self.runner = runner
                self.inline = inline
                self.job = None

            def on_click(self, coro) -> None:
                self.job = self.runner.loop.create_task(coro)  # ACK402

            def on_click_safely(self, coro) -> None:
                self.job = asyncio.run_coroutine_threadsafe(coro, self.runner.loop)

            def on_inline(self, coro) -> None:
                self.job = self.inline.loop.create_task(coro)

            def _from_the_loop(self, coro) -> None:
                self.job = self.runner.loop.create_task(coro)

            async def from_a_coroutine(self, coro) -> None:
                self.job = self.runner.loop.create_task(coro)
    ''', ["ACK402"])


def test_a_watchdog_handler_method_replaced_by_assignment_runs_on_the_observer_thread():
    check_marked('''
        import asyncio
        from dataclasses import dataclass, field

        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        @dataclass
        class TemplateCache:
            stale: asyncio.Event = field(default_factory=asyncio.Event)
            names: set = field(default_factory=set)

            def _mark(self, event) -> None:
                self.stale.set()  # ACK401

            def _note(self, event) -> None:
                self.names.add(event.src_path)

            def watch(self, root: str) -> Observer:
                handler = FileSystemEventHandler()
                handler.on_modified = self._mark
                handler.on_created = self._note
                observer = Observer()
                observer.schedule(handler, root)
                observer.start()
                return observer

        class Widget:
            def __init__(self) -> None:
                self.changed = asyncio.Event()

        def wire(widget: Widget) -> None:
            widget.on_change = lambda *_: widget.changed.set()
    ''', ["ACK401"])


def test_a_partial_registered_as_a_library_callback_hands_its_bound_arguments_to_that_thread():
    check_marked('''
        import asyncio
        import functools
        import queue

        from pika.adapters.blocking_connection import BlockingChannel

        def forward(target, channel, method, properties, body) -> None:
            target.put_nowait(body)  # ACK401

        def forward_threadsafe(loop, target, channel, method, properties, body) -> None:
            loop.call_soon_threadsafe(target.put_nowait, body)

        def run_consumer(channel: BlockingChannel, name: str, out: asyncio.Queue, loop) -> None:
            channel.basic_consume(name, functools.partial(forward, out))
            channel.basic_consume(name, functools.partial(forward_threadsafe, loop, out))
            channel.start_consuming()

        def run_consumer_into_thread_queue(channel: BlockingChannel, name: str, out: queue.Queue) -> None:
            channel.basic_consume(name, functools.partial(forward, out))
            channel.start_consuming()
    ''', ["ACK401"])


def test_a_facade_of_another_module_that_runs_its_loop_on_its_own_thread_is_known_to_its_holders(tmp_path):
    files = {
        "desk/engine.py": '''
            import asyncio
            import threading

            class Engine:
                def __init__(self) -> None:
                    self.loop = asyncio.new_event_loop()
                    self._worker = threading.Thread(target=self.loop.run_forever, daemon=True)
                    self._worker.start()

            class Bench:
                """Holds a loop that whoever calls `drive()` runs."""

                def __init__(self) -> None:
                    self.loop = asyncio.new_event_loop()

                def drive(self) -> None:
                    self.loop.run_forever()
        ''',
        "desk/panel.py": '''
            import asyncio

            from .engine import Bench, Engine

            class Panel:
                def __init__(self, engine: Engine, bench: Bench) -> None:
                    self.engine = engine
                    self.bench = bench
                    self.pending = set()

                def on_refresh(self, coro) -> None:
                    self.engine.loop.call_soon(print, "refresh")

                def on_refresh_safely(self, coro) -> None:
                    self.engine.loop.call_soon_threadsafe(print, "refresh")

                def on_bench(self) -> None:
                    self.bench.loop.call_soon(print, "bench")
        ''',
    }
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "__init__.py").write_text("")
    for name, text in files.items():
        (tmp_path / name).write_text(textwrap.dedent(text))
    report = lint_paths([tmp_path], Config(root=tmp_path).override(select=["ALL"]), jobs=1, use_cache=False)
    found = {(Path(f.path).name, f.line, f.code) for f in report.findings if f.code == "ACK402"}
    assert found == {("panel.py", 13, "ACK402")}


def test_pyserial_protocol_methods_run_on_the_reader_thread():
    check_marked('''
        import asyncio

        import serial.threaded

        class Frames(serial.threaded.FramedPacket):
            def __init__(self) -> None:
                super().__init__()
                self.frames: asyncio.Queue = asyncio.Queue(maxsize=64)
                self.loop = asyncio.get_event_loop()
                self.count = 0

            def handle_packet(self, packet: bytes) -> None:
                self.frames.put_nowait(packet)  # ACK401

            def connection_lost(self, exc) -> None:
                self.loop.call_soon_threadsafe(self.frames.put_nowait, b"")

            def describe(self) -> str:
                self.frames.put_nowait(b"probe")
                return f"{self.count} frames"

        class Counter(serial.threaded.Protocol):
            def __init__(self) -> None:
                self.received = 0

            def data_received(self, data: bytes) -> None:
                self.received += len(data)
    ''', ["ACK401"])


def test_an_asyncio_queue_subclass_of_another_module_is_loop_bound_in_a_thread(tmp_path):
    files = {
        "plant/boxes.py": '''
            import asyncio

            class Mailbox(asyncio.Queue):
                def __init__(self) -> None:
                    super().__init__(maxsize=100)

            class Tray:
                """An in-memory tray: its own put_nowait, no loop involved."""

                def __init__(self) -> None:
                    self.items = []

                def put_nowait(self, item) -> None:
                    self.items.append(item)
        ''',
        "plant/feed.py": '''
            import threading

            from .boxes import Mailbox, Tray

            class Feed:
                def __init__(self) -> None:
                    self.box = Mailbox()
                    self.tray = Tray()

                def _pump(self, source) -> None:
                    for item in source:
                        self.box.put_nowait(item)
                        self.tray.put_nowait(item)

                async def start(self, source) -> None:
                    threading.Thread(target=self._pump, args=(source,), daemon=True).start()
        ''',
    }
    (tmp_path / "plant").mkdir()
    (tmp_path / "plant" / "__init__.py").write_text("")
    for name, text in files.items():
        (tmp_path / name).write_text(textwrap.dedent(text))
    report = lint_paths([tmp_path], Config(root=tmp_path).override(select=["ALL"]), jobs=1, use_cache=False)
    found = {(Path(f.path).name, f.line, f.code) for f in report.findings if f.code == "ACK401"}
    assert found == {("feed.py", 13, "ACK401")}


def test_a_facades_own_asyncio_objects_touched_in_its_public_sync_methods():
    check_marked('''
        import asyncio
        import threading

        class Session:
            def __init__(self) -> None:
                self.loop = asyncio.new_event_loop()
                self.closing = asyncio.Event()
                self.outbox: asyncio.Queue = asyncio.Queue(maxsize=10)
                self.paused = threading.Event()
                threading.Thread(target=self.loop.run_forever, daemon=True).start()

            def close(self) -> None:
                self.paused.set()
                self.closing.set()  # ACK401

            def send(self, payload: bytes) -> None:
                self.loop.call_soon_threadsafe(self.outbox.put_nowait, payload)

            def _enqueue(self, payload: bytes) -> None:
                self.outbox.put_nowait(payload)

            def send_later(self, payload: bytes) -> None:
                self.loop.call_soon_threadsafe(self._enqueue, payload)

            async def pump(self, sink) -> None:
                while not self.closing.is_set():
                    await sink.write(await self.outbox.get())

        class Mailer:
            """Runs no loop of its own: its methods run where its owner's coroutines do."""

            def __init__(self) -> None:
                self.closing = asyncio.Event()

            def close(self) -> None:
                self.closing.set()
    ''', ["ACK401"])
