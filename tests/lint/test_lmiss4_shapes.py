"""Shapes missed on held-out sets: a queue size that comes to 0 or less when its parameters keep their defaults,
the devices the kernel answers at once (/dev/null, /dev/zero, /dev/urandom), a coroutine stored on an attribute
nothing reads, task lists a function returns to a caller that only counts them, tasks started per message a
framework delivers (Channels, Starlette and Tornado websocket handlers, Sanic's add_task), and callbacks run off
the loop's thread (a sync SQLAlchemy engine's listeners, a log handler where the module logs from a thread), each
beside look-alikes that stay quiet."""
from __future__ import annotations

from .helpers import check_marked


def test_queue_size_that_folds_to_no_bound_by_default():
    check_marked('''
        import asyncio
        import os

        STANDARD = 64

        class Relay:
            def __init__(self, source, depth=None, limit: int = 0, ceiling: int = 32):
                self.source = source
                self._limit = limit
                self.a = asyncio.Queue(maxsize=depth if depth else 0)  # ACK501
                self.b = asyncio.Queue(0 if depth is None else depth)  # ACK501
                self.c = asyncio.Queue(maxsize=int(self._limit or 0))  # ACK501
                self.d = asyncio.Queue(maxsize=depth if depth is not None else -1)  # ACK501
                self.e = asyncio.Queue(maxsize=depth if depth else 100)
                self.f = asyncio.Queue(maxsize=depth or STANDARD)
                self.g = asyncio.Queue(maxsize=max(depth or 0, 8))
                self.h = asyncio.Queue(maxsize=ceiling if ceiling else 0)
                self.i = asyncio.Queue(maxsize=source.settings.depth or 0)
                self.j = asyncio.Queue(maxsize=int(os.getenv("RELAY_DEPTH", "0")))  # ACK501
                self.k = asyncio.Queue(maxsize=source.options.get("depth", 0))  # ACK501
                self.m = asyncio.Queue(maxsize=getattr(source, "depth", -1))  # ACK501
                self.n = asyncio.Queue(maxsize=int(os.getenv("RELAY_DEPTH", "256")))
                self.o = asyncio.Queue(maxsize=source.options.get("depth", STANDARD))
                self.p = asyncio.Queue(maxsize=source.options["depth"])

            async def pump(self):
                while True:
                    chunk = await self.source.read(4096)
                    self.a.put_nowait(chunk)
                    self.b.put_nowait(chunk)
                    self.c.put_nowait(chunk)
                    self.d.put_nowait(chunk)
                    self.e.put_nowait(chunk)
                    self.f.put_nowait(chunk)
                    self.g.put_nowait(chunk)
                    self.h.put_nowait(chunk)
                    self.i.put_nowait(chunk)
                    for q in (self.j, self.k, self.m, self.n, self.o, self.p):
                        q.put_nowait(chunk)
    ''', ["ACK501"])


def test_devices_the_kernel_answers_at_once_are_not_blocking_file_io():
    check_marked('''
        import os

        DISCARD = "/dev/null"

        def silence() -> None:
            with open(DISCARD, "w") as bin_:
                bin_.write("gone")

        def slurp(name: str) -> bytes:
            with open(name, "rb") as fh:
                return fh.read()

        async def quiet_bits() -> bytes:
            with open("/dev/null", "w") as bin_:
                print("x", file=bin_)
                bin_.write("y")
            out = open(os.devnull, "wb")
            out.write(b"z")
            fd = os.open("/dev/zero", os.O_RDONLY)
            zeros = os.read(fd, 32)
            with open("/dev/urandom", "rb") as noise:
                salt = noise.read(16)
            silence()
            return zeros + salt

        async def slow_bits(port: str) -> bytes:
            with open("/dev/random", "rb") as pool:  # ACK103
                seed = pool.read(16)  # ACK103
            with open("/dev/ttyUSB0", "rb") as line:  # ACK103
                seed += line.readline()  # ACK103
            with open("/dev/null.d/notes.txt") as notes:  # ACK103
                notes.read()  # ACK103
            slurp(port)  # ACK103
            return seed
    ''', ["ACK103"])


def test_coroutine_stored_on_an_attribute_nothing_reads():
    check_marked('''
        import asyncio
        from arq import create_pool
        from arq.connections import RedisSettings

        async def open_store(dsn: str):
            return dsn

        def open_store_sync(dsn: str):
            return dsn

        async def boot(server) -> None:
            server.ctx.jobs = create_pool(RedisSettings(host="cache"))  # ACK301
            server.ctx.store = open_store("db://x")  # ACK301
            server.ctx.plain = open_store_sync("db://x")
            server.ctx.warm = asyncio.ensure_future(open_store("db://y"))
            server.ctx.lazy = open_store("db://z")
            server.ctx.named = open_store("db://n")

        async def use(server):
            await server.ctx.lazy
            return await getattr(server.ctx, "named")

        class Gateway:
            def __init__(self, dsn: str):
                self._link = open_store(dsn)  # ACK301
                self._pending = open_store(dsn)
                self._handed = open_store(dsn)
                self.ready = open_store(dsn)

            async def wait(self):
                await asyncio.gather(self._pending)
                asyncio.get_running_loop().create_task(self._handed)
    ''', ["ACK301"])


def test_task_lists_a_project_coroutine_returns_that_are_only_counted():
    check_marked('''
        import asyncio

        class Scheduler:
            def create_task(self, coro):
                return coro

        class Crew:
            def __init__(self, fetcher, sender, sched: Scheduler):
                self.fetcher = fetcher
                self.sender = sender
                self.sched = sched
                self._kept = []

            async def launch(self) -> list:
                return [asyncio.create_task(self.fetcher.loop()), asyncio.create_task(self.sender.loop())]

            def launch_each(self, jobs) -> list:
                return [asyncio.ensure_future(job()) for job in jobs]

            async def launch_kept(self) -> list:
                self._kept = [asyncio.create_task(self.fetcher.loop())]
                return self._kept

            async def launch_plain(self) -> list:
                return [self.sched.create_task(self.fetcher.loop())]

        async def counted(crew: Crew) -> int:
            started = await crew.launch()  # ACK302
            print("crew of", len(started))
            return 0

        async def counted_inline(crew: Crew, jobs) -> None:
            print(len(await crew.launch()))  # ACK302
            crew.launch_each(jobs)  # ACK302

        async def gathered(crew: Crew) -> None:
            started = await crew.launch()
            print(len(started))
            await asyncio.gather(*started)

        async def handed_back(crew: Crew) -> list:
            return await crew.launch()

        async def kept_elsewhere(crew: Crew, holder) -> None:
            holder.tasks = await crew.launch()
            started = await crew.launch_kept()
            print(len(started))
            others = await crew.launch_plain()
            print(len(others))
    ''', ["ACK302"])


def test_tasks_started_per_message_a_framework_delivers():
    check_marked('''
        import asyncio
        import json

        from channels.generic.websocket import AsyncJsonWebsocketConsumer, AsyncWebsocketConsumer
        from sanic import Blueprint, Sanic
        from starlette.endpoints import WebSocketEndpoint
        from tornado.websocket import WebSocketHandler

        service = Sanic("svc")
        pages = Blueprint("pages")

        async def work(item):
            return item

        class Translator(AsyncWebsocketConsumer):
            async def connect(self) -> None:
                self.pending = set()
                self.probe = asyncio.create_task(work("hello"))
                await self.accept()

            async def receive(self, text_data=None, bytes_data=None) -> None:
                job = asyncio.create_task(work(text_data))  # ACK502
                self.pending.add(job)
                job.add_done_callback(self.pending.discard)

        class BaseRoom(AsyncJsonWebsocketConsumer):
            pass

        class Room(BaseRoom):
            async def receive_json(self, content, **kwargs) -> None:
                self.pending.add(asyncio.ensure_future(work(content)))  # ACK502

        class Ticker(WebSocketEndpoint):
            async def on_receive(self, websocket, data) -> None:
                self.jobs.append(asyncio.create_task(work(data)))  # ACK502

        class Echo(WebSocketHandler):
            async def on_message(self, message) -> None:
                self.jobs.append(asyncio.create_task(work(message)))  # ACK502

        class InPlace(AsyncWebsocketConsumer):
            async def receive(self, text_data=None, bytes_data=None) -> None:
                await work(text_data)

        class OneAtATime(AsyncWebsocketConsumer):
            async def receive(self, text_data=None, bytes_data=None) -> None:
                if self.current is not None:
                    self.current.cancel()
                self.current = asyncio.create_task(work(text_data))

        class Waited(AsyncWebsocketConsumer):
            async def receive(self, text_data=None, bytes_data=None) -> None:
                job = asyncio.create_task(work(text_data))
                await asyncio.wait_for(job, 5)

        class Capped(AsyncWebsocketConsumer):
            async def receive(self, text_data=None, bytes_data=None) -> None:
                if len(self.pending) >= 8:
                    return
                self.pending.add(asyncio.create_task(work(text_data)))

        class Mailbox:
            async def receive(self, text_data=None) -> None:
                self.pending.add(asyncio.create_task(work(text_data)))

        @pages.websocket("/feed")
        async def feed(request, ws) -> None:
            async for msg in ws:
                request.app.add_task(work(json.loads(msg)))  # ACK502

        @pages.websocket("/feed-in-place")
        async def feed_in_place(request, ws) -> None:
            async for msg in ws:
                await work(json.loads(msg))

        @service.before_server_start
        async def warm(app, loop) -> None:
            app.add_task(work("cache"))

        async def relay(request, stream) -> None:
            async for msg in stream:
                request.app.add_task(work(msg))

        async def every_line(lines) -> None:
            async for line in lines:
                service.add_task(work(line))  # ACK502
    ''', ["ACK502", "ACK302"])


def test_sync_sqlalchemy_engine_listeners_run_off_the_loop():
    check_marked('''
        import asyncio

        import sqlalchemy as sa
        from sqlalchemy import Engine, create_engine, event
        from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

        reports = create_engine("postgresql://reports")
        live = create_async_engine("postgresql+asyncpg://live")
        opened = asyncio.Event()

        class Tracer:
            def __init__(self, engine: sa.Engine, aengine: AsyncEngine):
                self.statements: asyncio.Queue = asyncio.Queue(maxsize=100)
                event.listen(engine, "before_cursor_execute", self._seen)
                event.listen(aengine.sync_engine, "before_cursor_execute", self._seen_on_loop)
                event.listen(engine, "after_cursor_execute", self._seen_safely)
                self.loop = asyncio.get_running_loop()

            def _seen(self, conn, cursor, statement, params, context, many) -> None:
                self.statements.put_nowait(statement)  # ACK401

            def _seen_on_loop(self, conn, cursor, statement, params, context, many) -> None:
                self.statements.put_nowait(statement)

            def _seen_safely(self, conn, cursor, statement, params, context, many) -> None:
                self.loop.call_soon_threadsafe(self.statements.put_nowait, statement)

        @event.listens_for(reports, "connect")
        def reports_connected(dbapi_conn, record) -> None:
            opened.set()  # ACK401

        @event.listens_for(live.sync_engine, "connect")
        def live_connected(dbapi_conn, record) -> None:
            opened.set()

        @event.listens_for(Engine, "connect")
        def any_connected(dbapi_conn, record) -> None:
            opened.set()
    ''', ["ACK401", "ACK402"])


_HANDLER = """
        class Forward(logging.Handler):
            def __init__(self) -> None:
                super().__init__()
                self.lines: asyncio.Queue = asyncio.Queue(maxsize=500)
                self.loop = asyncio.get_running_loop()

            def emit(self, record: logging.LogRecord) -> None:
                self.lines.put_nowait(self.format(record)){mark}

        class ForwardSafely(logging.Handler):
            def __init__(self) -> None:
                super().__init__()
                self.lines: asyncio.Queue = asyncio.Queue(maxsize=500)
                self.loop = asyncio.get_running_loop()

            def emit(self, record: logging.LogRecord) -> None:
                self.loop.call_soon_threadsafe(self.lines.put_nowait, self.format(record))
"""


def test_log_handler_emit_runs_in_a_thread_this_module_logs_from():
    check_marked('''
        import asyncio
        import logging
        import threading
        import time

        logger = logging.getLogger(__name__)
        ''' + _HANDLER.format(mark="  # ACK401") + '''
        def _poll() -> None:
            while True:
                time.sleep(5)
                logger.info("still polling")

        def start_poller() -> threading.Thread:
            worker = threading.Thread(target=_poll, daemon=True)
            worker.start()
            return worker
    ''', ["ACK401", "ACK402"])


def test_log_handler_emit_is_reported_where_only_the_loop_and_signals_log():
    # a handler serves every thread of the process: the threads of libraries and of other modules log too
    check_marked('''
        import asyncio
        import logging
        import signal
        import time

        logger = logging.getLogger(__name__)
        ''' + _HANDLER.format(mark="  # ACK401") + '''
        def _on_term(signum, frame) -> None:
            logger.warning("terminating on %s", signum)

        def _checksum(path: str) -> int:
            return len(path)

        async def serve() -> None:
            signal.signal(signal.SIGTERM, _on_term)
            logger.info("serving")
            await asyncio.to_thread(_checksum, "/srv/data")
    ''', ["ACK401", "ACK402"])


def test_request_queue_each_caller_waits_on_for_its_own_reply():
    check_marked('''
        import asyncio

        class Reviewer:
            def __init__(self, model, depth=None):
                self.model = model
                self.pending = asyncio.Queue(maxsize=depth or 0)  # ACK501
                self.sized = asyncio.Queue(maxsize=64)
                self.slotted = asyncio.Queue()
                self.checked = asyncio.Queue()
                self._slots = asyncio.Semaphore(16)

            async def review(self, text: str) -> bool:
                answer = asyncio.get_running_loop().create_future()
                await self.pending.put((text, answer))
                return await answer

            async def review_sized(self, text: str) -> bool:
                answer = asyncio.get_running_loop().create_future()
                await self.sized.put((text, answer))
                return await answer

            async def review_slotted(self, text: str) -> bool:
                async with self._slots:
                    answer = asyncio.get_running_loop().create_future()
                    self.slotted.put_nowait((text, answer))
                    return await answer

            async def review_checked(self, text: str) -> bool:
                if self.checked.qsize() > 100:
                    raise RuntimeError("busy")
                answer = asyncio.Future()
                self.checked.put_nowait((text, answer))
                return await answer

            async def run(self) -> None:
                while True:
                    for q in (self.pending, self.sized, self.slotted, self.checked):
                        if not q.empty():
                            text, answer = q.get_nowait()
                            answer.set_result(await self.model.verdict(text))
                    await asyncio.sleep(0.01)
    ''', ["ACK501"])
