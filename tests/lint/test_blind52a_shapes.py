"""Shapes a blind set in the corpus-sample's style (session 52) missed: queue sizes that come to 0 when nobody
configures them, reached in other ways. Each flagged shape beside its look-alikes."""
from __future__ import annotations

from .helpers import check_marked, project_findings


def test_a_size_from_a_module_dict_of_settings_is_its_entry():
    check_marked('''
        import asyncio

        SETTINGS = {"inbox_max": 0, "workers": 8}
        SIZED = {"inbox_max": 512}

        class Inbox(asyncio.DatagramProtocol):
            def __init__(self):
                self.datagrams = asyncio.Queue(maxsize=SETTINGS["inbox_max"])  # ACK501

            def datagram_received(self, data, addr):
                self.datagrams.put_nowait(data)

        class SizedInbox(asyncio.DatagramProtocol):
            def __init__(self):
                self.datagrams = asyncio.Queue(maxsize=SIZED["inbox_max"])

            def datagram_received(self, data, addr):
                self.datagrams.put_nowait(data)
    ''', ("ACK501",))


def test_a_module_dict_the_module_writes_into_is_configured():
    check_marked('''
        import asyncio

        SETTINGS = {"inbox_max": 0}

        def configure(conf: dict) -> None:
            SETTINGS["inbox_max"] = conf["inbox_max"]

        class Inbox(asyncio.DatagramProtocol):
            def __init__(self):
                self.datagrams = asyncio.Queue(maxsize=SETTINGS["inbox_max"])

            def datagram_received(self, data, addr):
                self.datagrams.put_nowait(data)
    ''', ("ACK501",))
    check_marked('''
        import asyncio

        SETTINGS = {"inbox_max": 0}

        def configure(conf: dict) -> None:
            SETTINGS.update(conf)

        class Inbox(asyncio.DatagramProtocol):
            def __init__(self):
                self.datagrams = asyncio.Queue(maxsize=SETTINGS["inbox_max"])

            def datagram_received(self, data, addr):
                self.datagrams.put_nowait(data)
    ''', ("ACK501",))


def test_an_unset_environment_variable_falls_back_to_what_follows_or():
    check_marked('''
        import asyncio
        import os
        from os import getenv

        class Reader:
            def __init__(self, sock):
                self.sock = sock
                self.packets = asyncio.LifoQueue(maxsize=int(os.environ.get("PACKETS_MAX") or 0))  # ACK501

            def start(self):
                asyncio.get_running_loop().add_reader(self.sock.fileno(), self._on_readable)

            def _on_readable(self):
                self.packets.put_nowait(self.sock.recv(65535))

        class Reader2(Reader):
            def __init__(self, sock):
                self.sock = sock
                self.packets = asyncio.Queue(int(getenv("PACKETS_MAX") or "0"))  # ACK501

        class SizedReader(Reader):
            def __init__(self, sock):
                self.sock = sock
                self.packets = asyncio.Queue(maxsize=int(os.environ.get("PACKETS_MAX") or 1024))

        class RequiredReader(Reader):
            def __init__(self, sock):
                self.sock = sock
                self.packets = asyncio.Queue(maxsize=int(os.environ["PACKETS_MAX"]))
    ''', ("ACK501",))


def test_a_settings_parameter_made_when_not_given_is_judged_by_what_is_made():
    check_marked('''
        import asyncio
        from dataclasses import dataclass

        @dataclass
        class IngestConfig:
            inbox_max: int = 0

        class Inbox:
            def __init__(self, cfg: IngestConfig | None = None):
                cfg = cfg or IngestConfig()
                self.frames = asyncio.Queue(maxsize=cfg.inbox_max)  # ACK501

            async def receive(self, reader):
                while chunk := await reader.read(4096):
                    await self.frames.put(chunk)

        class InboxIfNone(Inbox):
            def __init__(self, cfg: IngestConfig | None = None):
                if cfg is None:
                    cfg = IngestConfig()
                self.frames = asyncio.Queue(maxsize=cfg.inbox_max)  # ACK501

        class InboxIfExp(Inbox):
            def __init__(self, cfg: IngestConfig | None = None):
                cfg = cfg if cfg is not None else IngestConfig()
                self.frames = asyncio.Queue(maxsize=cfg.inbox_max)  # ACK501

        class SizedInbox(Inbox):
            def __init__(self, cfg: IngestConfig | None = None):
                cfg = cfg or IngestConfig(inbox_max=4096)
                self.frames = asyncio.Queue(maxsize=cfg.inbox_max)

        class RequiredConfigInbox(Inbox):
            def __init__(self, cfg: IngestConfig):
                self.frames = asyncio.Queue(maxsize=cfg.inbox_max)
    ''', ("ACK501",))


_GUARDED_BASE = '''
    import contextlib
    import threading

    class GuardedDevice:
        def __init__(self, address):
            self.address = address
            self._guard = threading.RLock()
            self.state = {}

        @contextlib.contextmanager
        def guarded(self):
            with self._guard:
                yield self.state

        def _hold(self):
            self._guard.acquire()

        def _let_go(self):
            self._guard.release()
'''


def test_an_inherited_context_manager_of_another_modules_base_holds_its_lock(tmp_path):
    found = project_findings(tmp_path, {
        "fleet/__init__.py": "",
        "fleet/base.py": _GUARDED_BASE,
        "fleet/drivers.py": '''
            from fleet.base import GuardedDevice

            class Meter(GuardedDevice):
                def __init__(self, address, api):
                    super().__init__(address)
                    self.api = api

                async def report(self):
                    with self.guarded() as state:
                        await self.api.post("/readings", json=state)

                async def push(self):
                    self._hold()
                    try:
                        await self.api.post("/state", json=self.state)
                    finally:
                        self._let_go()

            class MeterCopy(GuardedDevice):
                async def report(self, api):
                    with self.guarded() as state:
                        body = dict(state)
                    await api.post("/readings", json=body)

            class OwnGuarded(GuardedDevice):
                def guarded(self):
                    return open("/dev/null")

                async def report(self, api):
                    with self.guarded():
                        await api.post("/readings", json={})
        ''',
    }, ("ACK201",))
    assert found == {("fleet/drivers.py", 9, "ACK201"), ("fleet/drivers.py", 13, "ACK201")}


_THREAD_UNSAFE = ("ACK401", "ACK402")


def test_a_stream_writer_belongs_to_the_loop():
    check_marked('''
        import asyncio
        import threading

        class Pump:
            def __init__(self, source, writer: asyncio.StreamWriter | None = None):
                self.source = source
                self.writer = writer
                self.loop = None

            def _pump(self):
                for line in self.source:
                    if self.writer is not None:
                        self.writer.write(line)  # ACK401

            def _pump_safe(self):
                for line in self.source:
                    self.loop.call_soon_threadsafe(self.writer.write, line)

            def start(self):
                threading.Thread(target=self._pump, daemon=True).start()
                threading.Thread(target=self._pump_safe, daemon=True).start()

            async def relay(self, reader: asyncio.StreamReader):
                self.loop = asyncio.get_running_loop()
                async for line in reader:
                    self.writer.write(line)
                    await self.writer.drain()
    ''', _THREAD_UNSAFE)


def test_a_logging_queue_handler_puts_into_its_queue_in_every_thread_that_logs():
    check_marked('''
        import asyncio
        import logging
        import logging.handlers
        import queue
        from logging.handlers import QueueHandler

        class AlarmFeed:
            def __init__(self):
                self.alarms: asyncio.Queue = asyncio.Queue(maxsize=500)
                logging.getLogger("driver").addHandler(logging.handlers.QueueHandler(self.alarms))  # ACK401

        def route_records(records: asyncio.Queue) -> None:
            logging.getLogger().addHandler(QueueHandler(queue=records))  # ACK401

        class ThreadFeed:
            def __init__(self):
                self.records = queue.Queue(maxsize=500)
                logging.getLogger("driver").addHandler(logging.handlers.QueueHandler(self.records))
    ''', _THREAD_UNSAFE)


def test_callbacks_in_a_display_handed_to_library_code_run_in_its_worker_thread():
    check_marked('''
        import asyncio
        import logging

        import requests

        log = logging.getLogger("lab")

        class InstrumentLog:
            def __init__(self, session: requests.Session):
                self.session = session
                self.seen = asyncio.Event()

            def _on_response(self, resp, *args, **kwargs):
                if resp.ok:
                    self.seen.set()  # ACK401

            def _log_response(self, resp, *args, **kwargs):
                log.info("%s %s", resp.status_code, resp.url)

            async def fetch(self, url):
                resp = await asyncio.to_thread(self.session.get, url, hooks={"response": self._on_response})
                return resp.content

            async def fetch_listed(self, url):
                resp = await asyncio.to_thread(self.session.get, url, hooks={"response": [self._log_response]})
                return resp.content
    ''', _THREAD_UNSAFE)


def test_a_sqlite3_handler_fires_in_the_thread_that_drives_the_connection():
    check_marked('''
        import asyncio
        import sqlite3

        async def query_with_progress(path, sql, ticks: asyncio.Queue):
            def query():
                conn = sqlite3.connect(path)
                conn.set_progress_handler(lambda: ticks.put_nowait(1), 10_000)  # ACK401
                return conn.execute(sql).fetchall()

            return await asyncio.to_thread(query)

        async def query_cancellable(path, sql, stop):
            def query():
                conn = sqlite3.connect(path)
                conn.set_progress_handler(lambda: 1 if stop.is_set() else 0, 10_000)
                return conn.execute(sql).fetchall()

            return await asyncio.to_thread(query)

        async def query_reporting(path, sql, ticks: asyncio.Queue):
            loop = asyncio.get_running_loop()

            def query():
                conn = sqlite3.connect(path)
                conn.set_progress_handler(lambda: loop.call_soon_threadsafe(ticks.put_nowait, 1), 10_000)
                return conn.execute(sql).fetchall()

            return await asyncio.to_thread(query)

        async def watch(bus, ready: asyncio.Event):
            def subscribe():
                bus.add_listener(lambda: ready.set())

            await asyncio.to_thread(subscribe)
    ''', _THREAD_UNSAFE)


def test_a_cancellation_handler_that_goes_round_on_one_branch_swallows_it():
    check_marked('''
        import asyncio
        import logging

        log = logging.getLogger("x")

        class ShowPoller:
            def __init__(self, api):
                self.api = api
                self._stopping = False

            async def run(self):
                while True:
                    try:
                        await self.api.refresh_shows()
                        await asyncio.sleep(60)
                    except asyncio.CancelledError:  # ACK601
                        if not self._stopping:
                            log.warning("spurious cancel ignored")
                            continue
                        raise

            async def run_reraising(self, tasks):
                while True:
                    try:
                        await self.api.refresh_shows()
                        await asyncio.sleep(60)
                    except asyncio.CancelledError:
                        for task in tasks:
                            if task.done():
                                continue
                            task.cancel()
                        raise

            async def run_uncancelling(self):
                while True:
                    try:
                        await self.api.refresh_shows()
                        await asyncio.sleep(60)
                    except asyncio.CancelledError:
                        if asyncio.current_task().cancelling():
                            raise
                        continue
    ''', ("ACK601", "ACK602"))


def test_a_cancelled_child_awaited_under_a_restart_flag_is_waited_for():
    check_marked('''
        import asyncio

        class Supervisor:
            def __init__(self, factory):
                self.factory = factory
                self._child = None
                self._restarting = False

            def restart(self):
                self._restarting = True
                self._child.cancel()

            async def run(self):
                while True:
                    self._child = asyncio.create_task(self.factory())
                    try:
                        await self._child
                    except asyncio.CancelledError:
                        if self._restarting:
                            self._restarting = False
                            continue
                        raise
    ''', ("ACK601", "ACK602"))


def test_a_size_from_a_class_constant_is_its_value_unless_the_module_sets_it():
    check_marked('''
        import asyncio

        class Limits:
            SEATMAP_BACKLOG = 0
            CLIENT_BACKLOG = 64

        class Configured:
            BACKLOG = 0

        def configure(n):
            Configured.BACKLOG = n

        class SeatmapChannel:
            def __init__(self):
                self.updates = asyncio.Queue(maxsize=Limits.SEATMAP_BACKLOG)  # ACK501
                self.clients = asyncio.Queue(maxsize=Limits.CLIENT_BACKLOG)
                self.configured = asyncio.Queue(maxsize=Configured.BACKLOG)

            async def follow(self, db):
                async for change in db.listen("seat_changes"):
                    await self.updates.put(change)
                    await self.clients.put(change)
                    await self.configured.put(change)
    ''', ("ACK501",))


def test_a_loop_objects_method_handed_to_a_function_that_calls_it_in_a_thread():
    check_marked('''
        import asyncio
        import threading

        def cut_sheets(cutter, sheets, on_done):
            for sheet in sheets:
                cutter.cut(sheet)
            on_done()

        def keep_for_later(registry, on_done):
            registry.append(on_done)

        async def cut_all(cutter, sheets):
            finished = asyncio.Event()
            threading.Thread(target=cut_sheets, args=(cutter, sheets, finished.set)).start()  # ACK401
            await finished.wait()

        async def cut_all_offloaded(cutter, sheets):
            finished = asyncio.Event()
            await asyncio.to_thread(cut_sheets, cutter, sheets, finished.set)  # ACK401

        async def cut_all_safe(cutter, sheets):
            finished = asyncio.Event()
            loop = asyncio.get_running_loop()
            threading.Thread(target=cut_sheets, args=(cutter, sheets, lambda: loop.call_soon_threadsafe(finished.set))).start()
            await finished.wait()

        async def cut_all_thread_event(cutter, sheets):
            finished = threading.Event()
            threading.Thread(target=cut_sheets, args=(cutter, sheets, finished.set)).start()
            await asyncio.to_thread(finished.wait)

        async def registered(registry):
            finished = asyncio.Event()
            threading.Thread(target=keep_for_later, args=(registry, finished.set)).start()
    ''', _THREAD_UNSAFE)


def test_a_sched_scheduler_run_on_a_thread_calls_its_actions_there():
    check_marked('''
        import asyncio
        import sched
        import threading
        import time

        class PressSchedule:
            def __init__(self, loop):
                self.loop = loop
                self.due = asyncio.Event()
                self.ready = threading.Event()
                self.scheduler = sched.scheduler(time.monotonic, time.sleep)

            def plan(self, delay):
                self.scheduler.enter(delay, 1, self.due.set)  # ACK401
                self.scheduler.enter(delay, 1, self.ready.set)
                self.scheduler.enter(delay, 1, self.loop.call_soon_threadsafe, argument=(self.due.set,))
                threading.Thread(target=self.scheduler.run, daemon=True).start()

        def plan_local(due: asyncio.Event, delay):
            s = sched.scheduler()
            s.enterabs(time.monotonic() + delay, 1, due.set)  # ACK401
            threading.Thread(target=s.run).start()
    ''', _THREAD_UNSAFE)


def test_an_exception_kept_in_an_attribute_by_a_loop_that_goes_round_is_swallowed():
    check_marked('''
        import asyncio

        class Poller:
            def __init__(self, gateway):
                self.gateway = gateway
                self.last_error = None
                self.error = None

            async def run(self):
                while True:
                    try:
                        await self.gateway.fetch_votes()
                    except BaseException as exc:  # ACK601
                        self.last_error = exc
                    await asyncio.sleep(2)

            async def run_until_failed(self):
                while self.error is None:
                    try:
                        await self.gateway.fetch_votes()
                    except BaseException as exc:
                        self.error = exc
                    await asyncio.sleep(2)

            async def run_once(self):
                try:
                    await self.gateway.fetch_votes()
                except BaseException as exc:
                    self.error = exc

            async def run_errors(self):
                while True:
                    try:
                        await self.gateway.fetch_votes()
                    except Exception as exc:
                        self.last_error = exc
                    await asyncio.sleep(2)
    ''', ("ACK601", "ACK602"))


def test_a_thread_pools_initializer_runs_in_its_worker_threads():
    check_marked('''
        import asyncio
        import concurrent.futures
        import threading

        async def warm_pool(ready: asyncio.Event, jobs, run):
            pool = concurrent.futures.ThreadPoolExecutor(max_workers=4, initializer=ready.set)  # ACK401
            return await asyncio.gather(*(asyncio.wrap_future(pool.submit(run, j)) for j in jobs))

        async def warm_pool_thread_event(jobs, run):
            ready = threading.Event()
            pool = concurrent.futures.ThreadPoolExecutor(max_workers=4, initializer=ready.set)
            return await asyncio.gather(*(asyncio.wrap_future(pool.submit(run, j)) for j in jobs))

        async def warm_processes(ready: asyncio.Event, jobs, run):
            pool = concurrent.futures.ProcessPoolExecutor(max_workers=4, initializer=ready.set)
            return await asyncio.gather(*(asyncio.wrap_future(pool.submit(run, j)) for j in jobs))
    ''', _THREAD_UNSAFE)


def test_a_size_from_the_length_of_an_empty_display_is_zero():
    check_marked('''
        import asyncio

        class Dispatcher:
            def __init__(self):
                self.workers = []
                self.jobs = asyncio.Queue(len(self.workers))  # ACK501

            async def feed(self, source):
                async for job in source:
                    await self.jobs.put(job)

        class DispatcherFilled(Dispatcher):
            def __init__(self, n=4):
                self.workers = []
                for _ in range(n):
                    self.workers.append(object())
                self.jobs = asyncio.Queue(len(self.workers))

        class DispatcherSized(Dispatcher):
            def __init__(self):
                self.workers = [None, None]
                self.jobs = asyncio.Queue(len(self.workers) or 0)

        def channel():
            names = ()
            return asyncio.Queue(maxsize=len(names))  # ACK501
    ''', ("ACK501",))
