"""Shapes a blind probe (OpenTelemetry processors, logging handlers, prometheus collectors, audio callbacks, gRPC
and socketserver front ends, profilers, schedulers, chat fan-out queues and spawns) missed or took wrongly. Each
flagged shape beside its look-alikes."""
from __future__ import annotations

from .helpers import check_marked

_THREAD_UNSAFE = ("ACK401", "ACK402")


def test_a_thread_wide_profile_function_runs_on_the_threads_threading_starts():
    check_marked('''
        import asyncio
        import sys
        import threading
        import time

        class SlowCalls:
            def __init__(self, reports: asyncio.Queue):
                self.reports = reports
                self.started = {}

            def install(self):
                threading.setprofile(self._profile)
                sys.setprofile(self._profile)

            def _profile(self, frame, event, arg):
                if event == "call":
                    self.started[id(frame)] = time.perf_counter()
                elif event == "return" and id(frame) in self.started:
                    self.reports.put_nowait(frame.f_code.co_name)  # ACK401

        class Coverage:
            def __init__(self, loop: asyncio.AbstractEventLoop, on_line):
                self.loop = loop
                self.on_line = on_line

            def start(self):
                threading.settrace(self._trace)

            def _trace(self, frame, event, arg):
                if event == "line":
                    self.loop.call_soon(self.on_line, frame.f_lineno)  # ACK402
                return self._trace
    ''', _THREAD_UNSAFE)


def test_a_profile_function_a_coroutine_sets_for_its_own_thread_runs_on_the_loop():
    check_marked('''
        import asyncio
        import sys
        import time

        class LoopCalls:
            def __init__(self, reports: asyncio.Queue):
                self.reports = reports
                self.started = {}

            async def install(self):
                sys.setprofile(self._profile)

            def _profile(self, frame, event, arg):
                if event == "call":
                    self.started[id(frame)] = time.perf_counter()
                elif event == "return" and id(frame) in self.started:
                    self.reports.put_nowait(frame.f_code.co_name)
    ''', _THREAD_UNSAFE)


def test_a_plain_job_of_a_scheduled_job_decorator_runs_in_the_schedulers_threads():
    check_marked('''
        import asyncio
        from apscheduler.schedulers.asyncio import AsyncIOScheduler
        from apscheduler.schedulers.background import BackgroundScheduler

        scheduler = AsyncIOScheduler()
        nightly = BackgroundScheduler()
        STALE = asyncio.Event()
        PENDING: asyncio.Queue = asyncio.Queue(maxsize=10)

        @scheduler.scheduled_job("interval", minutes=50)
        def mark_stale():
            STALE.set()  # ACK401

        @nightly.scheduled_job("cron", hour=2)
        def queue_export():
            PENDING.put_nowait("export")  # ACK401

        @scheduler.scheduled_job("interval", minutes=50)
        async def mark_stale_on_loop():
            STALE.set()
    ''', _THREAD_UNSAFE)


def test_a_decorator_of_the_same_name_on_another_object_registers_nothing():
    check_marked('''
        import asyncio

        class Jobs:
            def scheduled_job(self, *args, **kwargs):
                def register(f):
                    return f
                return register

        jobs = Jobs()
        STALE = asyncio.Event()

        @jobs.scheduled_job("interval", minutes=5)
        def mark_stale():
            STALE.set()
    ''', _THREAD_UNSAFE)


def test_a_collector_is_called_on_the_metrics_servers_thread():
    check_marked('''
        import asyncio
        import time
        from prometheus_client import REGISTRY, start_http_server
        from prometheus_client.core import GaugeMetricFamily
        from prometheus_client.registry import Collector

        class PoolStats(Collector):
            def __init__(self, pool, loop: asyncio.AbstractEventLoop):
                self.pool = pool
                self.loop = loop
                self.last = 0

            async def _refresh(self):
                self.last = await self.pool.size()

            def collect(self):
                self.loop.create_task(self._refresh())  # ACK402
                yield GaugeMetricFamily("pool_size", "connections", value=self.last)

        class ScrapeClock:
            def __init__(self):
                self.scraped = asyncio.Event()

            def collect(self):
                self.scraped.set()  # ACK401
                return []

        def serve(port, collectors):
            for c in collectors:
                REGISTRY.register(c)
            start_http_server(port)
    ''', _THREAD_UNSAFE)


def test_collectors_scraped_on_the_loop_or_never_registered_are_left_alone():
    # served by make_asgi_app, a scrape runs on the loop; and where nothing is registered, a class with a
    # `collect()` is no collector
    check_marked('''
        import asyncio
        from prometheus_client import make_asgi_app
        from prometheus_client.registry import Collector

        class Clock(Collector):
            def __init__(self):
                self.scraped = asyncio.Event()

            def collect(self):
                self.scraped.set()
                return []

        metrics_app = make_asgi_app()
    ''', _THREAD_UNSAFE)
    check_marked('''
        import asyncio
        from prometheus_client import start_http_server

        class Garbage:
            def __init__(self):
                self.freed = asyncio.Event()

            def collect(self):
                self.freed.set()

        async def main(port):
            start_http_server(port)
            Garbage().collect()
    ''', _THREAD_UNSAFE)


def test_the_asyncio_face_of_a_mixed_queue_belongs_to_the_loop():
    check_marked('''
        import asyncio
        import janus
        import culsans
        import sounddevice as sd

        class Capture:
            def __init__(self):
                self.chunks: janus.Queue[bytes] = janus.Queue(maxsize=64)
                self.levels = culsans.Queue(maxsize=64)
                self.stream = sd.InputStream(callback=self._block)

            def _block(self, indata, frames, time_info, status):
                self.chunks.async_q.put_nowait(bytes(indata))  # ACK401
                self.levels.async_q.put_nowait(1.0)  # ACK401
                self.chunks.sync_q.put_nowait(bytes(indata))
                self.levels.sync_q.put_nowait(1.0)

            async def drain(self, sink):
                while True:
                    await sink.write(await self.chunks.async_q.get())
    ''', _THREAD_UNSAFE)


def test_a_queue_sized_by_a_settings_parameter_is_judged_by_the_modules_instance():
    check_marked('''
        import asyncio
        import culsans
        from pydantic_settings import BaseSettings

        class Settings(BaseSettings):
            history_size: int = 0
            outbox_size: int = 256

        SETTINGS = Settings()

        class History(asyncio.Queue):  # ACK501
            def __init__(self, settings: Settings = SETTINGS):
                super().__init__(maxsize=settings.history_size)

            def record(self, msg):
                self.put_nowait(msg)

        class Outbox(asyncio.Queue):
            def __init__(self, settings: Settings = SETTINGS):
                super().__init__(maxsize=settings.outbox_size)

            def offer(self, msg):
                self.put_nowait(msg)

        class Feed:
            def __init__(self, reader, settings: Settings = SETTINGS):
                self.reader = reader
                self.events = culsans.Queue(maxsize=settings.history_size)  # ACK501
                self.bounded = culsans.Queue(maxsize=settings.outbox_size)

            def pump(self):
                for event in self.reader.events():
                    self.events.sync_q.put(event)
                    self.bounded.sync_q.put(event)

            async def start(self):
                await asyncio.to_thread(self.pump)
    ''', ("ACK501",))


def test_a_socketserver_handler_reaches_its_servers_loop_objects_through_self_server():
    check_marked('''
        import asyncio
        import socketserver

        class LineServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
            def __init__(self, addr, readings: asyncio.Queue, loop: asyncio.AbstractEventLoop):
                super().__init__(addr, ReadingHandler)
                self.readings = readings
                self.loop = loop

        class ReadingHandler(socketserver.StreamRequestHandler):
            def handle(self):
                for raw in self.rfile:
                    self.server.readings.put_nowait(raw)  # ACK401

        class SafeServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
            def __init__(self, addr, readings: asyncio.Queue, loop: asyncio.AbstractEventLoop):
                super().__init__(addr, SafeHandler)
                self.readings = readings
                self.loop = loop

        class SafeHandler(socketserver.StreamRequestHandler):
            def handle(self):
                for raw in self.rfile:
                    self.server.loop.call_soon_threadsafe(self.server.readings.put_nowait, raw)
    ''', _THREAD_UNSAFE)


def test_a_handler_two_servers_serve_or_a_class_that_is_no_handler_is_not_guessed():
    check_marked('''
        import asyncio
        import socketserver

        class FastServer(socketserver.ThreadingTCPServer):
            def __init__(self, addr, readings: asyncio.Queue):
                super().__init__(addr, Handler)
                self.readings = readings

        class SlowServer(socketserver.ThreadingTCPServer):
            def __init__(self, addr, readings):
                super().__init__(addr, Handler)
                self.readings = readings

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                self.server.readings.put_nowait(self.rfile.readline())

        class Plugin:
            def __init__(self, host):
                self.host = host

        class Host:
            def __init__(self, events: asyncio.Queue):
                super().__init__(None, Plugin)
                self.events = events

            async def fire(self, plugin):
                plugin.server.events.put_nowait("x")
    ''', _THREAD_UNSAFE)


def test_a_spawn_in_a_broker_consumers_callback_is_one_per_message():
    check_marked('''
        import asyncio
        import aio_pika
        import nats

        class Bridge:
            def __init__(self, url):
                self.url = url
                self.tasks = set()

            async def start(self):
                conn = await aio_pika.connect_robust(self.url)
                channel = await conn.channel()
                queue = await channel.declare_queue("inbound", durable=True)
                await queue.consume(self.on_message, no_ack=True)

            async def on_message(self, message):
                task = asyncio.create_task(self.deliver(message.body))  # ACK502
                self.tasks.add(task)
                task.add_done_callback(self.tasks.discard)

            async def deliver(self, body):
                await asyncio.sleep(0)

        inflight = set()

        async def on_alert(msg):
            t = asyncio.create_task(page(msg.data))  # ACK502
            inflight.add(t)
            t.add_done_callback(inflight.discard)

        async def page(data):
            await asyncio.sleep(0)

        async def listen():
            nc = await nats.connect("nats://localhost")
            await nc.subscribe("alerts", cb=on_alert)
    ''', ("ACK502",))


def test_a_prefetch_count_bounds_the_tasks_that_acknowledge_their_message():
    # the broker delivers at most 50 unacknowledged messages, and each task acknowledges its own when done; a
    # consumer that acknowledges before the task runs is unbounded again
    check_marked('''
        import asyncio
        import aio_pika

        class Bridge:
            def __init__(self, url):
                self.url = url
                self.tasks = set()

            async def run(self):
                conn = await aio_pika.connect_robust(self.url)
                channel = await conn.channel()
                await channel.set_qos(prefetch_count=50)
                queue = await channel.declare_queue("inbound", durable=True)
                await queue.consume(self.on_message)
                async with queue.iterator() as messages:
                    async for message in messages:
                        task = asyncio.create_task(self.deliver(message))
                        self.tasks.add(task)
                        task.add_done_callback(self.tasks.discard)

            async def run_acked(self, queue: aio_pika.abc.AbstractQueue):
                async with queue.iterator() as messages:
                    async for message in messages:
                        async with message.process():
                            task = asyncio.create_task(self.deliver(message))  # ACK502
                            self.tasks.add(task)
                            task.add_done_callback(self.tasks.discard)

            async def on_message(self, message):
                task = asyncio.create_task(self.deliver(message))
                self.tasks.add(task)
                task.add_done_callback(self.tasks.discard)

            async def deliver(self, message):
                async with message.process():
                    await asyncio.sleep(0)
    ''', ("ACK502",))


def test_a_servicer_without_the_generated_base_is_known_by_its_rpc_methods():
    check_marked('''
        import asyncio
        import grpc

        class ControlService:
            def __init__(self, commands: asyncio.Queue, loop: asyncio.AbstractEventLoop):
                self.commands = commands
                self.loop = loop

            def SendCommand(self, request, context):
                self.commands.put_nowait(request.command)  # ACK401
                return None

            def StreamReadings(self, request_iterator, context):
                for reading in request_iterator:
                    self.loop.call_soon_threadsafe(self.commands.put_nowait, reading)
                return None

            def describe(self, request, context):
                self.commands.put_nowait("describe")

            async def Ping(self, request, context):
                self.commands.put_nowait("ping")
    ''', _THREAD_UNSAFE)


def test_rpc_shaped_methods_in_a_module_without_grpc_are_left_alone():
    check_marked('''
        import asyncio

        class Handlers:
            def __init__(self, commands: asyncio.Queue):
                self.commands = commands

            def SendCommand(self, request, context):
                self.commands.put_nowait(request.command)
    ''', _THREAD_UNSAFE)


def test_a_ctypes_callback_runs_on_the_thread_that_pumps_its_librarys_events():
    check_marked('''
        import asyncio
        import ctypes
        import threading

        _usb = ctypes.CDLL("libusb-1.0.so.0")
        HOTPLUG = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int)

        class Hotplug:
            def __init__(self, events: asyncio.Queue):
                self.events = events
                self.ctx = ctypes.c_void_p()
                self._cb = HOTPLUG(self._on_hotplug)
                _usb.libusb_hotplug_register_callback(self.ctx, self._cb)
                threading.Thread(target=self._pump, daemon=True).start()

            def _pump(self):
                while True:
                    _usb.libusb_handle_events(self.ctx)

            def _on_hotplug(self, device, event):
                self.events.put_nowait((device, event))  # ACK401
                return 0
    ''', _THREAD_UNSAFE)


def test_a_ctypes_callback_of_a_library_the_loop_calls_is_not_guessed():
    # the library is called only from a coroutine (its callbacks come inside that call, on the loop's thread); the
    # pump thread serves another library
    check_marked('''
        import asyncio
        import ctypes
        import threading

        _scan = ctypes.CDLL("libscan.so")
        _other = ctypes.CDLL("libother.so")
        FOUND = ctypes.CFUNCTYPE(None, ctypes.c_int)

        class Discovery:
            def __init__(self):
                self.found: asyncio.Queue = asyncio.Queue(maxsize=16)
                self._cb = FOUND(self._on_found)
                threading.Thread(target=self._pump, daemon=True).start()

            def _pump(self):
                while True:
                    _other.poll_events()

            def _on_found(self, index):
                self.found.put_nowait(index)

            async def discover(self):
                _scan.enumerate_devices(self._cb)
                return self.found.qsize()
    ''', _THREAD_UNSAFE)


def test_a_collect_method_that_gives_no_metrics_is_no_collector():
    # the module registers a collector and serves metrics on a thread; a cache's collect() returning a count is
    # called by the loop's sweeper, not by the metrics server
    check_marked('''
        import asyncio
        from prometheus_client import REGISTRY, start_http_server

        class Janitor:
            def __init__(self):
                self.entries = {}
                self.swept = asyncio.Event()

            def collect(self):
                before = len(self.entries)
                self.entries.clear()
                self.swept.set()
                return before

        class Depth:
            def __init__(self, jobs: asyncio.Queue):
                self.jobs = jobs

            def collect(self):
                while self.jobs.qsize() > 1000:
                    self.jobs.get_nowait()  # ACK401
                return []

        def serve(jobs):
            REGISTRY.register(Depth(jobs))
            start_http_server(9000)
    ''', _THREAD_UNSAFE)


def test_an_rpc_shaped_method_the_module_calls_itself_is_no_handler():
    check_marked('''
        import asyncio
        import grpc

        class Inspector:
            def __init__(self, findings: asyncio.Queue):
                self.findings = findings

            def Inspect(self, request, context):
                self.findings.put_nowait(request)

            async def run(self, requests):
                async for request in requests:
                    self.Inspect(request, None)
    ''', _THREAD_UNSAFE)


def test_a_grpc_channels_connectivity_callback_runs_on_its_own_thread():
    check_marked('''
        import asyncio
        import threading
        import grpc

        class Health:
            def __init__(self, target):
                self.ready = asyncio.Event()
                self.seen = threading.Event()
                self.channel = grpc.insecure_channel(target)
                self.channel.subscribe(self._on_state, try_to_connect=True)

            def _on_state(self, state):
                self.seen.set()
                if state == grpc.ChannelConnectivity.READY:
                    self.ready.set()  # ACK401
    ''', _THREAD_UNSAFE)
