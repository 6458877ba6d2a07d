"""Shapes a blind set in the corpus-sample's style (session 53) missed: a class's own tuple of retryable errors,
queue sizes that come to 0 or less from a command line's default, a config file's fallback, `math.inf` or a
caller of a bounded factory. Each flagged shape beside its look-alikes."""
from __future__ import annotations

from .helpers import check_marked, project_findings


def test_a_class_attribute_tuple_of_retryable_errors_is_read_like_a_module_one():
    check_marked('''
        import asyncio
        import httpx

        class Archiver:
            RETRY_ON: tuple = (httpx.HTTPError, asyncio.CancelledError)

            def __init__(self, client) -> None:
                self.client = client

            async def upload(self, path, data) -> bool:
                for _ in range(3):
                    try:
                        await self.client.put(path, content=data)
                        return True
                    except self.RETRY_ON:  # ACK601
                        await asyncio.sleep(1)
                return False

            @classmethod
            async def upload_with(cls, client, path, data) -> bool:
                for _ in range(3):
                    try:
                        await client.put(path, content=data)
                        return True
                    except cls.RETRY_ON:  # ACK601
                        await asyncio.sleep(1)
                return False

        class ArchiverErrors:
            RETRY_ON = (httpx.HTTPError, OSError)

            def __init__(self, client) -> None:
                self.client = client

            async def upload(self, path, data) -> bool:
                for _ in range(3):
                    try:
                        await self.client.put(path, content=data)
                        return True
                    except self.RETRY_ON:
                        await asyncio.sleep(1)
                return False

        class ArchiverConfigured:
            RETRY_ON = (httpx.HTTPError, asyncio.CancelledError)

            def __init__(self, client, retry_on: tuple) -> None:
                self.client = client
                self.RETRY_ON = retry_on  # each instance's own: not the class's tuple

            async def upload(self, path, data) -> bool:
                for _ in range(3):
                    try:
                        await self.client.put(path, content=data)
                        return True
                    except self.RETRY_ON:
                        await asyncio.sleep(1)
                return False
    ''', ["ACK601", "ACK602"])


def test_a_size_from_a_config_files_fallback_or_a_command_lines_default():
    check_marked('''
        import argparse
        import asyncio
        import configparser

        def parse_args(argv=None) -> argparse.Namespace:
            parser = argparse.ArgumentParser()
            parser.add_argument("--holds-backlog", type=int, default=0)
            parser.add_argument("--release-backlog", type=int, default=500)
            parser.add_argument("-w", dest="jobs_backlog", type=int, default=0)
            parser.add_argument("--verbose", action="store_true")
            return parser.parse_args(argv)

        class Bridge:
            def __init__(self, args: argparse.Namespace, cp: configparser.ConfigParser) -> None:
                self.holds = asyncio.Queue(args.holds_backlog)  # ACK501
                self.jobs = asyncio.Queue(args.jobs_backlog)  # ACK501
                self.releases = asyncio.Queue(args.release_backlog)
                size = cp.getint("channels", "moves", fallback=0)
                self.moves = asyncio.Queue(size)  # ACK501
                self.alarms = asyncio.Queue(cp.getint("channels", "alarms", fallback=64))
                self.reads = asyncio.Queue(cp.getint("channels", "reads"))

            async def on_event(self, kind: str, item) -> None:
                await self.holds.put(item)
                await self.jobs.put(item)
                await self.releases.put(item)
                await self.moves.put(item)
                await self.alarms.put(item)
                await self.reads.put(item)
    ''', ["ACK501"])


def test_a_size_of_infinity_is_no_bound():
    check_marked('''
        import asyncio
        import math

        NO_LIMIT = float("inf")

        class Feed:
            def __init__(self) -> None:
                self.lines = asyncio.Queue(maxsize=math.inf)  # ACK501
                self.frames = asyncio.Queue(NO_LIMIT)  # ACK501
                self.acks = asyncio.Queue(maxsize=math.floor(2.5))

            async def feed(self, reader) -> None:
                async for line in reader:
                    await self.lines.put(line)
                    await self.frames.put(line)
                    await self.acks.put(line)
    ''', ["ACK501"])


def test_a_bounded_factory_handed_zero_makes_an_unbounded_queue(tmp_path):
    check_marked('''
        import asyncio

        def channel(size: int = 128) -> asyncio.Queue:
            return asyncio.Queue(size)

        class Gauge:
            def __init__(self) -> None:
                self.tips = channel(0)  # ACK501
                self.drops = channel(size=-1)  # ACK501
                self.levels = channel()
                self.flows = channel(16)

            async def on_tip(self, mm: float) -> None:
                for q in (self.tips, self.drops, self.levels, self.flows):
                    await q.put(mm)
    ''', ["ACK501"])
    found = project_findings(tmp_path, {
        "farm/__init__.py": "",
        "farm/base.py": '''
            import asyncio

            def channel(size: int = 128) -> asyncio.Queue:
                return asyncio.Queue(size)
        ''',
        "farm/devices.py": '''
            from farm.base import channel

            class Gauge:
                def __init__(self) -> None:
                    self.tips = channel(0)
                    self.levels = channel()
                    self.flows = channel(16)
        ''',
    }, ["ACK501"])
    assert found == {("farm/devices.py", 5, "ACK501")}


def test_a_loop_method_handed_to_a_thread_is_called_there():
    check_marked('''
        import asyncio
        import functools
        import threading

        class PressRun:
            def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
                self.loop = loop

            def arm_deadline(self, seconds: float) -> None:
                threading.Timer(seconds, self.loop.stop).start()  # ACK402

            def arm_deadline_safely(self, seconds: float) -> None:
                threading.Timer(seconds, self.loop.call_soon_threadsafe, args=(self.loop.stop,)).start()

            def arm_partial(self, seconds: float) -> None:
                threading.Timer(seconds, functools.partial(self.loop.call_soon_threadsafe, self.loop.stop)).start()

        async def stop_later(seconds: float) -> None:
            loop = asyncio.get_running_loop()
            threading.Thread(target=loop.stop).start()  # ACK402
            await loop.run_in_executor(None, loop.call_soon, print)  # ACK402
            await loop.run_in_executor(None, loop.call_soon_threadsafe, print)

        def serve_in_background() -> asyncio.AbstractEventLoop:
            loop = asyncio.new_event_loop()
            threading.Thread(target=loop.run_forever, daemon=True).start()
            return loop
    ''', ["ACK401", "ACK402"])


_DRAWER = '''
    import asyncio
    import contextlib
    import threading

    class Drawer:
        def __init__(self, number: int) -> None:
            self.number = number
            self._lock = threading.Lock()
            self.items: dict = {}

        def __enter__(self) -> "Drawer":
            self._lock.acquire()
            return self

        def __exit__(self, *exc) -> None:
            self._lock.release()

    class Tray:
        def __enter__(self) -> "Tray":
            return self

        def __exit__(self, *exc) -> None:
            pass
'''


def test_an_exit_stack_keeps_a_project_lock_holder_entered():
    check_marked(_DRAWER + '''
    class Audit:
        def __init__(self, drawers: list[Drawer], trays: list[Tray], auditor) -> None:
            self.drawers = drawers
            self.trays = trays
            self.auditor = auditor

        async def audit_all(self) -> None:
            with contextlib.ExitStack() as stack:
                for drawer in sorted(self.drawers, key=lambda d: d.number):
                    stack.enter_context(drawer)  # ACK201
                await self.auditor.snapshot([d.items for d in self.drawers])

        async def audit_copy(self) -> None:
            with contextlib.ExitStack() as stack:
                for drawer in self.drawers:
                    stack.enter_context(drawer)
                counts = [dict(d.items) for d in self.drawers]
            await self.auditor.snapshot(counts)

        async def audit_trays(self) -> None:
            with contextlib.ExitStack() as stack:
                for tray in self.trays:
                    stack.enter_context(tray)
                await self.auditor.snapshot([])
    ''', ["ACK201"])


def test_a_lock_unpacked_or_indexed_from_a_tuple_display():
    check_marked('''
        import asyncio
        import threading

        GUARDS = (threading.Lock(), asyncio.Lock())

        class Ward:
            def __init__(self, name: str) -> None:
                self.name = name
                self.guards = (threading.Lock(), threading.Lock())
                self.slots = [threading.Lock()]

        async def round_trip(ward: Ward, pharmacy) -> None:
            order_lock, _ = ward.guards
            with order_lock:  # ACK201
                await pharmacy.submit(ward.name)

        async def second(ward: Ward, pharmacy) -> None:
            with ward.guards[1]:  # ACK201
                await pharmacy.submit(ward.name)

        async def module_pair(pharmacy) -> None:
            thread_side, loop_side = GUARDS
            with thread_side:  # ACK201
                await pharmacy.submit(1)
            async with loop_side:
                await pharmacy.submit(2)

        async def copied(ward: Ward, pharmacy) -> None:
            order_lock, _ = ward.guards
            with order_lock:
                batch = [ward.name]
            await pharmacy.submit(batch)

        async def listed(ward: Ward, pharmacy) -> None:
            with ward.slots[0]:  # a list's item may have been replaced since
                await pharmacy.submit(ward.name)
    ''', ["ACK201"])


def test_a_request_handler_served_by_a_server_that_takes_its_handler_class_as_a_parameter():
    check_marked('''
        import asyncio
        import socketserver
        import threading

        class CueServer(socketserver.ThreadingTCPServer):
            def __init__(self, address, handler, cues: asyncio.Queue) -> None:
                super().__init__(address, handler)
                self.cues = cues

        class CueHandler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                for line in self.rfile:
                    self.server.cues.put_nowait(line)  # ACK401

        class SafeServer(socketserver.ThreadingTCPServer):
            def __init__(self, address, handler, cues: asyncio.Queue, loop) -> None:
                super().__init__(address, handler)
                self.cues = cues
                self.loop = loop

        class SafeHandler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                for line in self.rfile:
                    self.server.loop.call_soon_threadsafe(self.server.cues.put_nowait, line)

        async def serve(port: int) -> None:
            cues: asyncio.Queue = asyncio.Queue(maxsize=100)
            server = CueServer(("", port), CueHandler, cues)
            safe = SafeServer(("", port + 1), handler=SafeHandler, cues=cues, loop=asyncio.get_running_loop())
            for s in (server, safe):
                threading.Thread(target=s.serve_forever, daemon=True).start()
    ''', ["ACK401", "ACK402"])


def test_a_function_registered_on_a_sqlite_connection_runs_in_the_thread_that_drives_it():
    check_marked('''
        import asyncio
        import sqlite3

        class CueLog:
            def __init__(self, path: str) -> None:
                self.db = sqlite3.connect(path, check_same_thread=False)
                self.other = sqlite3.connect(path, check_same_thread=False)
                self.fired = asyncio.Event()
                self.loop = asyncio.get_running_loop()
                self.db.create_function("cue_fired", 1, self._cue_fired)
                self.db.set_trace_callback(lambda sql: self.fired.set())  # ACK401
                self.other.create_function("cue_safe", 1, self._cue_safe)

            def _cue_fired(self, number: int) -> int:
                self.fired.set()  # ACK401
                return number

            def _cue_safe(self, number: int) -> int:
                self.loop.call_soon_threadsafe(self.fired.set)
                return number

            async def fire(self, number: int) -> None:
                await asyncio.to_thread(self.db.execute, "SELECT cue_fired(?)", (number,))
                await asyncio.to_thread(self.other.execute, "SELECT cue_safe(?)", (number,))
                await self.fired.wait()

        class LocalLog:
            def __init__(self, path: str) -> None:
                self.db = sqlite3.connect(path)
                self.fired = asyncio.Event()
                self.db.create_function("cue_fired", 1, self._cue_fired)

            def _cue_fired(self, number: int) -> int:
                self.fired.set()
                return number

            def fire_now(self, number: int) -> None:
                self.db.execute("SELECT cue_fired(?)", (number,))
    ''', ["ACK401", "ACK402"])


def test_a_size_from_another_modules_constant(tmp_path):
    found = project_findings(tmp_path, {
        "resort/__init__.py": "",
        "resort/settings.py": '''
            import os
            from typing import Final

            SCAN_BACKLOG = 0
            TICKET_BACKLOG = 500
            RENTAL_BACKLOG: Final = 0
            ENV_BACKLOG = int(os.getenv("ENV_BACKLOG", "0"))
        ''',
        "resort/channels.py": '''
            import asyncio

            from . import settings
            from .settings import ENV_BACKLOG, RENTAL_BACKLOG, TICKET_BACKLOG

            class Channels:
                def __init__(self) -> None:
                    self.scans = asyncio.Queue(settings.SCAN_BACKLOG)
                    self.tickets = asyncio.Queue(TICKET_BACKLOG)
                    self.rentals = asyncio.Queue(maxsize=RENTAL_BACKLOG)
                    self.env = asyncio.Queue(ENV_BACKLOG)
                    self.sales = asyncio.Queue(settings.TICKET_BACKLOG)

                async def on_line(self, reader: asyncio.StreamReader) -> None:
                    while line := await reader.readline():
                        for q in (self.scans, self.tickets, self.rentals, self.env, self.sales):
                            await q.put(line)
        ''',
    }, ["ACK501"])
    assert found == {("resort/channels.py", line, "ACK501") for line in (8, 10, 11)}


def test_a_size_measured_before_anything_is_added():
    check_marked('''
        import asyncio

        class GateFanIn:
            def __init__(self) -> None:
                self.gates: dict = {}
                self.events = asyncio.Queue(len(self.gates))  # ACK501

            def add_gate(self, name, gate) -> None:
                self.gates[name] = gate

            async def on_event(self, event) -> None:
                await self.events.put(event)

        class GateFanInLoaded:
            def __init__(self) -> None:
                self.gates: dict = {}
                self._load_gates()
                self.events = asyncio.Queue(len(self.gates))

            def _load_gates(self) -> None:
                self.gates["main"] = object()

            async def on_event(self, event) -> None:
                await self.events.put(event)

        class GateFanInFilled:
            def __init__(self, names) -> None:
                self.gates: dict = {}
                for name in names:
                    self.gates[name] = object()
                self.events = asyncio.Queue(len(self.gates))

            async def on_event(self, event) -> None:
                await self.events.put(event)
    ''', ["ACK501"])


def test_a_lock_handed_out_by_a_project_classs_getitem():
    check_marked('''
        import asyncio
        import threading

        class LockTable:
            def __init__(self) -> None:
                self._locks: dict = {}

            def __getitem__(self, key: str) -> threading.Lock:
                return self._locks.setdefault(key, threading.Lock())

        class AsyncLockTable:
            def __init__(self) -> None:
                self._locks: dict = {}

            def __getitem__(self, key: str) -> asyncio.Lock:
                return self._locks.setdefault(key, asyncio.Lock())

        class Desk:
            def __init__(self, plc) -> None:
                self.plc = plc
                self.locks = LockTable()
                self.async_locks = AsyncLockTable()

            async def stop(self, lift: str) -> None:
                with self.locks[lift]:  # ACK201
                    await self.plc.write(lift, "stop")

            async def stop_async(self, lift: str) -> None:
                async with self.async_locks[lift]:
                    await self.plc.write(lift, "stop")
    ''', ["ACK201"])


def test_what_a_server_served_on_a_thread_was_made_to_call_runs_there():
    check_marked('''
        import asyncio
        import threading
        from wsgiref.simple_server import make_server

        class StatusPage:
            def __init__(self, port: int) -> None:
                self.seen = asyncio.Event()
                self.loop = asyncio.get_running_loop()
                self.httpd = make_server("", port, self.app)
                self.safe = make_server("", port + 1, self.safe_app)

            def app(self, environ, start_response):
                self.seen.set()  # ACK401
                start_response("200 OK", [])
                return [b"ok"]

            def safe_app(self, environ, start_response):
                self.loop.call_soon_threadsafe(self.seen.set)
                start_response("200 OK", [])
                return [b"ok"]

            async def run(self) -> None:
                threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
                threading.Thread(target=self.safe.serve_forever, daemon=True).start()
                await self.seen.wait()
    ''', ["ACK401", "ACK402"])


def test_a_multiprocessing_thread_pools_initializer_runs_in_its_threads():
    check_marked('''
        import asyncio
        import multiprocessing
        import multiprocessing.dummy
        from multiprocessing.pool import ThreadPool as Workers

        async def warm(n: int) -> None:
            ready = asyncio.Event()
            loop = asyncio.get_running_loop()
            pool = Workers(n, initializer=ready.set)  # ACK401
            dummy = multiprocessing.dummy.Pool(n, ready.set)  # ACK401
            safe = Workers(n, initializer=loop.call_soon_threadsafe, initargs=(ready.set,))
            procs = multiprocessing.Pool(n, initializer=print)
            await ready.wait()
    ''', ["ACK401", "ACK402"])


def test_a_starred_tuple_in_suppress_and_a_failure_count_kept_on_the_object():
    check_marked('''
        import asyncio
        import contextlib

        IGNORED = (Exception, asyncio.CancelledError)
        ERRORS = (OSError, ValueError)

        async def sync_all(stations, api) -> None:
            for station in stations:
                with contextlib.suppress(*IGNORED):  # ACK601
                    await api.push(station)
                with contextlib.suppress(*ERRORS):
                    await api.push(station)

        class Dispatcher:
            def __init__(self, vans) -> None:
                self.vans = vans
                self.failures = 0

            async def dispatch(self, job) -> None:
                while True:
                    try:
                        await self.vans.assign(job)
                        return
                    except BaseException:  # ACK601
                        self.failures += 1
                        if self.failures > 3:
                            raise
                        await asyncio.sleep(2)

            async def dispatch_once(self, job) -> None:
                try:
                    await self.vans.assign(job)
                except BaseException:
                    self.failures += 1
                    raise
    ''', ["ACK601", "ACK602"])


def test_sizes_from_a_namespace_a_dataclass_field_and_a_property():
    check_marked('''
        import asyncio
        from dataclasses import dataclass, field
        from types import SimpleNamespace

        DEFAULTS = SimpleNamespace(backlog=0, vans=4)

        @dataclass
        class FeedConfig:
            backlog: int = field(default=0)
            sized: int = field(default=64)

        class Channels:
            def __init__(self, cfg: dict) -> None:
                self._cfg = cfg
                feed = FeedConfig()
                self.orders = asyncio.Queue(maxsize=DEFAULTS.backlog)  # ACK501
                self.vans = asyncio.Queue(maxsize=DEFAULTS.vans)
                self.updates = asyncio.Queue(feed.backlog)  # ACK501
                self.sized = asyncio.Queue(feed.sized)
                self.points = asyncio.Queue(self.backlog)  # ACK501
                self.floored = asyncio.Queue(self.floor)

            @property
            def backlog(self) -> int:
                return self._cfg.get("backlog", 0)

            @property
            def floor(self) -> int:
                """At least one slot."""
                return max(1, self._cfg.get("backlog", 1000))

            async def feed(self, reader: asyncio.StreamReader) -> None:
                while line := await reader.readline():
                    for q in (self.orders, self.vans, self.updates, self.sized, self.points, self.floored):
                        await q.put(line)
    ''', ["ACK501"])


def test_a_loop_method_reaches_a_thread_through_kwargs_or_a_job_queue():
    check_marked('''
        import asyncio
        import functools
        import queue
        import threading

        def poll(gateway, on_event) -> None:
            for event in gateway.events():
                on_event(event)

        class Feed:
            def __init__(self, gateway) -> None:
                self.gateway = gateway
                self.events = asyncio.Queue(maxsize=500)
                self.plain = queue.Queue(maxsize=500)

            async def start(self) -> None:
                threading.Thread(target=poll, kwargs=dict(gateway=self.gateway,
                                                          on_event=self.events.put_nowait)).start()  # ACK401
                threading.Thread(target=poll, kwargs=dict(gateway=self.gateway, on_event=self.plain.put)).start()

        class Gateway:
            def __init__(self) -> None:
                self.jobs = queue.Queue()
                self.arrived = asyncio.Event()
                threading.Thread(target=self._work, daemon=True).start()

            def _work(self) -> None:
                while True:
                    job = self.jobs.get()
                    job()

            async def wait_arrival(self) -> None:
                self.jobs.put(self.arrived.set)  # ACK401
                await self.arrived.wait()

            async def wait_safely(self) -> None:
                loop = asyncio.get_running_loop()
                self.jobs.put(functools.partial(loop.call_soon_threadsafe, self.arrived.set))
                await self.arrived.wait()
    ''', ["ACK401", "ACK402"])
