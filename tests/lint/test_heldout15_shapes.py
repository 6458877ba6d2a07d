"""Shapes found wrong on a fifteenth held-out set of realistic cases: each shape beside the look-alikes that must
keep their answer."""
from __future__ import annotations

from pathlib import Path

from asynccheck.config import Config
from asynccheck.lint.run import Run

from .helpers import check_marked
from .test_types_project import write

LOCKS_ACROSS_MODULES = {
    "svc/__init__.py": "",
    "svc/sync.py": '''
        import contextlib
        import threading

        @contextlib.contextmanager
        def holding(mutex: threading.Lock):
            mutex.acquire()
            try:
                yield mutex
            finally:
                mutex.release()

        @contextlib.contextmanager
        def briefly(mutex: threading.Lock):
            with mutex:
                pass
            yield

        class Gate:
            def __init__(self):
                self._sem = threading.Semaphore(2)

            def __enter__(self):
                self._sem.acquire()
                return self

            def __exit__(self, *exc):
                self._sem.release()

        class Probe:
            def __init__(self):
                self._mu = threading.Lock()
                self.entered = 0

            def __enter__(self):
                self._mu.acquire()
                self.entered += 1
                self._mu.release()
                return self

            def __exit__(self, *exc):
                return None
    ''',
    "svc/jobs.py": '''
        import asyncio
        import threading

        from svc.sync import Gate, Probe, briefly, holding

        class Jobs:
            def __init__(self, backend):
                self._mu = threading.Lock()
                self._gate = Gate()
                self._probe = Probe()
                self._backend = backend

            async def held_by_a_helper(self, job):
                with holding(self._mu):  # ACK201
                    await self._backend.run(job)

            async def held_by_an_instance(self, job):
                with self._gate:  # ACK201
                    await self._backend.run(job)

            async def released_before_the_yield(self, job):
                with briefly(self._mu):
                    await self._backend.run(job)

            async def enter_lets_go_again(self, job):
                with self._probe:
                    await self._backend.run(job)

            async def nothing_awaited_inside(self, job):
                with holding(self._mu), self._gate:
                    self._backend.queue(job)
                await self._backend.flush()

            async def in_a_thread(self, job):
                def work():
                    with holding(self._mu), Gate():
                        self._backend.run_sync(job)
                await asyncio.to_thread(work)
    ''',
}


def _found(root: Path, paths) -> set:
    run = Run(Config(root=root).override(select=["ALL"]), jobs=1, use_cache=False)
    report = run.check_paths(paths)
    assert not report.errors, report.errors
    return {(Path(f.path).name, f.line, f.code) for f in report.findings}


def _marked(files: dict, code: str) -> set:
    import textwrap
    return {(name.rpartition("/")[2], n, code) for name, text in files.items()
            for n, line in enumerate(textwrap.dedent(text).lstrip("\n").splitlines(), 1) if f"# {code}" in line}


def test_a_lock_held_by_another_modules_context_manager_across_an_await(tmp_path):
    write(tmp_path, LOCKS_ACROSS_MODULES)
    whole = {f for f in _found(tmp_path, [tmp_path]) if f[2] == "ACK201"}
    assert whole == _marked(LOCKS_ACROSS_MODULES, "ACK201")
    alone = {f for f in _found(tmp_path, [tmp_path / "svc" / "jobs.py"]) if f[2] == "ACK201"}
    assert alone == whole


def test_a_class_of_this_module_whose_enter_takes_a_lock():
    check_marked('''
        import asyncio
        import threading

        class Tracked:
            def __init__(self):
                self._lock = threading.RLock()
                self.owner = None

            def __enter__(self):
                self._lock.acquire()
                self.owner = threading.get_ident()
                return self

            def __exit__(self, *exc):
                self.owner = None
                self._lock.release()

        class Timer:
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                return None

        async def refresh(remote, table: Tracked):
            with table:  # ACK201
                return await remote.rows()

        async def timed(remote):
            with Timer(), Tracked() as t:  # ACK201
                await remote.ping()

        async def timed_only(remote):
            with Timer():
                await remote.ping()

        def sync_refresh(remote, table: Tracked):
            with table:
                return remote.rows_sync()
    ''', ["ACK201"])


SPAWN_HELPERS = {
    "bus/__init__.py": "",
    "bus/background.py": '''
        import asyncio

        _kept: set = set()

        def keep(coro, *, name=None):
            task = asyncio.ensure_future(coro)
            _kept.add(task)
            task.add_done_callback(_kept.discard)
            return task

        def start_detached(coro):
            return asyncio.get_running_loop().create_task(coro)

        def remember(job, jobs: list):
            jobs.append(job)
            return job

        class Nursery:
            def __init__(self):
                self._tg = asyncio.TaskGroup()

            def start_soon(self, coro):
                self._tg.create_task(coro)

            def note(self, coro):
                return [coro]
    ''',
    "bus/consumer.py": '''
        import asyncio

        from bus.background import Nursery, keep, remember, start_detached

        class Consumer:
            def __init__(self, inbox: asyncio.Queue, handle, width: int = 8):
                self._inbox = inbox
                self._handle = handle
                self._nursery = Nursery()
                self._width = width
                self._jobs: list = []

            async def each_message(self):
                while True:
                    msg = await self._inbox.get()
                    self._nursery.start_soon(self._handle(msg))  # ACK502

            async def each_message_kept(self, stream):
                async for msg in stream:
                    keep(self._handle(msg), name="handle")  # ACK502

            async def fixed_pool(self):
                for _ in range(self._width):
                    keep(self._worker())

            async def _worker(self):
                while True:
                    await self._handle(await self._inbox.get())

            async def bookkeeping(self, stream):
                async for msg in stream:
                    remember(msg, self._jobs)
                    self._nursery.note(msg)

            async def detached(self, msg):
                start_detached(self._handle(msg))  # ACK302

            async def detached_kept(self, msg):
                task = start_detached(self._handle(msg))
                await task

            async def kept_once(self, msg):
                keep(self._handle(msg))
    ''',
}


def test_tasks_started_through_helpers_of_another_module(tmp_path):
    write(tmp_path, SPAWN_HELPERS)
    codes = {"ACK302", "ACK502"}
    whole = {f for f in _found(tmp_path, [tmp_path]) if f[2] in codes}
    assert whole == _marked(SPAWN_HELPERS, "ACK302") | _marked(SPAWN_HELPERS, "ACK502")
    alone = {f for f in _found(tmp_path, [tmp_path / "bus" / "consumer.py"]) if f[2] in codes}
    assert alone == whole


def test_a_spawning_helper_of_this_module_called_per_item():
    check_marked('''
        import asyncio

        class Server:
            def __init__(self, handler):
                self._handler = handler
                self._conns: set = set()

            def _spawn(self, coro):
                t = asyncio.create_task(coro)
                self._conns.add(t)
                t.add_done_callback(self._conns.discard)

            def _log(self, conn):
                print(conn)

            async def serve(self, listener):
                while True:
                    conn = await listener.accept()
                    self._log(conn)
                    self._spawn(self._handler(conn))  # ACK502

            async def serve_limited(self, listener, sem: asyncio.Semaphore):
                while True:
                    await sem.acquire()
                    conn = await listener.accept()
                    self._spawn(self._handler(conn))
    ''', ["ACK502", "ACK302"])


def test_a_kept_exception_lost_by_a_later_round_or_stored_while_the_loop_goes_on():
    check_marked('''
        import asyncio

        async def with_retries(op, rounds: int = 4):
            failure = None
            for n in range(rounds):
                try:
                    return await op()
                except BaseException as exc:  # ACK601
                    failure = exc
                    await asyncio.sleep(n)
            raise failure

        async def close_all(conns):
            first = None
            for conn in conns:
                try:
                    await conn.close()
                except BaseException as exc:
                    first = first or exc
            if first is not None:
                raise first

        async def with_retries_passing_cancel(op, rounds: int = 4):
            failure = None
            for n in range(rounds):
                try:
                    return await op()
                except asyncio.CancelledError:
                    raise
                except BaseException as exc:
                    failure = exc
                    await asyncio.sleep(n)
            raise failure

        class Reader:
            def __init__(self, source):
                self.source = source
                self.items = []
                self.failed = asyncio.get_running_loop().create_future()

            async def read_forever(self):
                while True:
                    try:
                        self.items.append(await self.source.next())
                    except BaseException as exc:  # ACK601
                        self.failed.set_exception(exc)

            async def read_until_failure(self):
                while True:
                    try:
                        self.items.append(await self.source.next())
                    except BaseException as exc:
                        self.failed.set_exception(exc)
                        return

        async def close_each(conns):
            errors = []
            for conn in conns:
                try:
                    await conn.close()
                except BaseException as exc:
                    errors.append(exc)
            if errors:
                raise BaseExceptionGroup("close failed", errors)
    ''', ["ACK601"])


def test_handlers_run_by_a_queue_listener_and_the_thread_excepthook():
    check_marked('''
        import asyncio
        import logging
        import logging.handlers
        import queue
        import sys
        import threading
        from logging.handlers import QueueListener

        class ToChannel(logging.Handler):
            def __init__(self, channel: asyncio.Queue):
                super().__init__()
                self.channel = channel

            def emit(self, record):
                self.channel.put_nowait(record.getMessage())  # ACK401

        class ToChannelSafely(logging.Handler):
            def __init__(self, channel: asyncio.Queue, loop: asyncio.AbstractEventLoop):
                super().__init__()
                self.channel = channel
                self.loop = loop

            def emit(self, record):
                self.loop.call_soon_threadsafe(self.channel.put_nowait, record.getMessage())

        class AddedToALogger(logging.Handler):
            def __init__(self, channel: asyncio.Queue):
                super().__init__()
                self.channel = channel

            def emit(self, record):
                self.channel.put_nowait(record.getMessage())  # ACK401 (any thread may log to "app")

        def ship(channel: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> QueueListener:
            records = queue.Queue()
            listener = QueueListener(records, ToChannel(channel), ToChannelSafely(channel, loop))
            listener.start()
            logging.getLogger("app").addHandler(AddedToALogger(channel))
            return listener

        class Watch:
            def __init__(self):
                self.died = asyncio.Event()
                self.last = None

            def _on_thread_death(self, args):
                self.died.set()  # ACK401

            def _on_main_exit(self, kind, value, tb):
                self.last = value

            def _record(self, args):
                self.last = args.exc_value

            def install(self, hooks):
                threading.excepthook = self._on_thread_death
                sys.excepthook = self._on_main_exit
                hooks.excepthook = self._record
    ''', ["ACK401", "ACK402"])


def test_coroutines_collected_in_a_local_list_that_is_only_counted():
    check_marked('''
        import asyncio

        class Store:
            async def exists(self, key: str) -> bool:
                return False

            def cached(self, key: str) -> bool:
                return False

        async def prefetch(store: Store, keys: list) -> int:
            checks = [store.exists(k) for k in keys]  # ACK301
            return len(checks)

        async def prefetch_loop(store: Store, keys: list) -> None:
            checks = []
            for k in keys:
                checks.append(store.exists(k))  # ACK301
            if checks:
                print("queued", len(checks))

        async def gathered(store: Store, keys: list) -> list:
            checks = [store.exists(k) for k in keys]
            print(len(checks))
            return await asyncio.gather(*checks)

        def handed_back(store: Store, keys: list) -> list:
            return [store.exists(k) for k in keys]

        async def only_results(store: Store, keys: list) -> int:
            hits = [store.cached(k) for k in keys]
            return len(hits)

        async def later(store: Store, keys: list, into: list) -> None:
            checks = [store.exists(k) for k in keys]
            into.extend(checks)
    ''', ["ACK301"])


def test_a_sync_facade_whose_loop_runs_on_a_thread_it_starts():
    check_marked('''
        import asyncio
        import threading

        class Bridge:
            def __init__(self, client):
                self.client = client
                self.loop = asyncio.new_event_loop()
                self.worker = threading.Thread(target=self.loop.run_forever, daemon=True)
                self.worker.start()

            def send(self, msg):
                return self.loop.create_task(self.client.send(msg))  # ACK402

            def send_later(self, msg, delay):
                self.loop.call_later(delay, print, msg)  # ACK402

            def send_safely(self, msg):
                return asyncio.run_coroutine_threadsafe(self.client.send(msg), self.loop)

            def tick(self):
                self.loop.call_later(1, self.tick)

            def start_ticking(self):
                self.loop.call_soon_threadsafe(self.tick)

            def close(self):
                self.loop.call_soon_threadsafe(self.loop.stop)
                self.worker.join()

        class Runner:
            def __init__(self, loop: asyncio.AbstractEventLoop, client):
                self._loop = loop
                self.client = client
                threading.Thread(target=loop.run_forever, daemon=True).start()

            def stop(self):
                self._loop.stop()  # ACK402

        class OnCallersThread:
            def __init__(self, client):
                self.client = client
                self.loop = asyncio.new_event_loop()

            def send(self, msg):
                task = self.loop.create_task(self.client.send(msg))
                return self.loop.run_until_complete(task)
    ''', ["ACK401", "ACK402"])


def test_request_handlers_of_blocking_servers_run_in_the_servers_thread():
    check_marked('''
        import asyncio
        import http.server
        import socketserver
        from socketserver import StreamRequestHandler

        class Lines(StreamRequestHandler):
            sink: asyncio.Queue
            loop: asyncio.AbstractEventLoop

            def handle(self):
                for line in self.rfile:
                    self.sink.put_nowait(line)  # ACK401

            def finish(self):
                self.loop.call_soon_threadsafe(self.sink.put_nowait, None)

        class Hooks(http.server.BaseHTTPRequestHandler):
            got: asyncio.Event

            def do_POST(self):
                self.got.set()  # ACK401
                self.send_response(204)

            def log_message(self, *args):
                pass

        class Datagrams(socketserver.DatagramRequestHandler):
            loop: asyncio.AbstractEventLoop
            got: asyncio.Event

            def handle(self):
                self.loop.call_soon_threadsafe(self.got.set)

        class Dispatcher:
            def __init__(self, sink: asyncio.Queue):
                self.sink = sink

            def handle(self, line):
                self.sink.put_nowait(line)

            def do_POST(self, body):
                self.sink.put_nowait(body)
    ''', ["ACK401", "ACK402"])


def test_a_cancellation_handed_to_a_function_of_this_module_that_only_reports_it():
    check_marked('''
        import asyncio
        import logging

        from elsewhere import notify

        log = logging.getLogger(__name__)

        def describe(error: BaseException, where: str) -> None:
            log.warning("%s failed: %s", where, repr(error))

        class Worker:
            def __init__(self, sink):
                self.sink = sink
                self.errors = []

            async def _tell(self, exc):
                await self.sink.send(f"failed: {exc}")

            def _escalate(self, exc):
                raise exc

            async def run(self, jobs):
                for job in jobs:
                    try:
                        await job()
                    except (Exception, asyncio.CancelledError) as exc:  # ACK601
                        await self._tell(exc)

            async def run_described(self, jobs):
                for job in jobs:
                    try:
                        await job()
                    except BaseException as exc:  # ACK601
                        describe(exc, where="run")

            async def run_escalated(self, jobs):
                for job in jobs:
                    try:
                        await job()
                    except BaseException as exc:
                        self._escalate(exc)

            async def run_notified(self, jobs):
                for job in jobs:
                    try:
                        await job()
                    except BaseException as exc:
                        notify(exc)
    ''', ["ACK601"])


UNTYPED_HOLDERS = {
    "kit/__init__.py": "from .sync import entered\n",
    "kit/sync.py": '''
        import contextlib

        @contextlib.contextmanager
        def entered(resource, label=""):
            with resource:
                yield resource

        @contextlib.contextmanager
        def taken(mutex):
            mutex.acquire()
            try:
                yield
            finally:
                mutex.release()
    ''',
    "app.py": '''
        import contextlib
        import threading

        import kit
        from kit.sync import taken

        GUARD = threading.RLock()

        async def publish(sink, path):
            with kit.entered(GUARD, "publish"):  # ACK201
                await sink.send(path)
            with taken(GUARD):  # ACK201
                await sink.flush()
            with kit.entered(open(path)) as fh:
                await sink.send(fh.name)
            with kit.entered(contextlib.nullcontext()):
                await sink.flush()
            with taken(GUARD):
                sink.mark()
    ''',
}


def test_a_context_manager_that_holds_whatever_lock_its_caller_hands_it(tmp_path):
    write(tmp_path, UNTYPED_HOLDERS)
    whole = {f for f in _found(tmp_path, [tmp_path]) if f[2] == "ACK201"}
    assert whole == _marked(UNTYPED_HOLDERS, "ACK201")
    assert {f for f in _found(tmp_path, [tmp_path / "app.py"]) if f[2] == "ACK201"} == whole
    check_marked('''
        import contextlib
        import threading

        @contextlib.contextmanager
        def entered(resource):
            with resource:
                yield

        class Cache:
            def __init__(self, loader):
                self._lock = threading.Lock()
                self._loader = loader
                self._timer = contextlib.nullcontext()

            async def load(self, key):
                with entered(self._lock):  # ACK201
                    return await self._loader(key)

            async def timed(self, key):
                with entered(self._timer):
                    return await self._loader(key)
    ''', ["ACK201"])
