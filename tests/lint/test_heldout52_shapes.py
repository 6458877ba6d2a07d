"""Shapes found missing or misread on heldout52's set (long-lived network programs: bots, feeds, consumers,
proxies, RPC servers): each flagged shape beside the look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked, project_findings


def test_a_local_named_like_an_attribute_is_still_only_given_a_done_callback():
    # `.refresh` in `cache.refresh(...)` and `refresh=` are not the local `refresh`
    check_marked('''
        import asyncio
        import logging

        log = logging.getLogger(__name__)

        async def on_tick(tick, cache):
            refresh = asyncio.create_task(cache.refresh(tick.key))  # ACK302
            refresh.add_done_callback(lambda t: log.debug("refreshed %s", tick.key))

        async def on_tick_kw(tick, cache, pending: set):
            refresh = asyncio.create_task(cache.load(tick.key, refresh=True))  # ACK302
            refresh.add_done_callback(lambda t: log.debug("loaded"))

        async def on_tick_kept(tick, cache, pending: set):
            refresh = asyncio.create_task(cache.refresh(tick.key))
            pending.add(refresh)
            refresh.add_done_callback(pending.discard)

        async def on_tick_awaited(tick, cache):
            refresh = asyncio.create_task(cache.refresh(tick.key))
            refresh.add_done_callback(lambda t: log.debug("refreshed"))
            await refresh
    ''', ["ACK302"])


def test_a_helper_that_binds_its_task_only_to_log_it_hands_it_back_to_be_kept():
    check_marked('''
        import asyncio
        import logging

        log = logging.getLogger(__name__)
        _running: set = set()

        def _report(task):
            if not task.cancelled() and task.exception():
                log.error("background job failed", exc_info=task.exception())

        def launch(coro, label=None):
            job = asyncio.create_task(coro, name=label)
            job.add_done_callback(_report)
            return job

        def launch_kept(coro):
            job = asyncio.create_task(coro)
            _running.add(job)
            job.add_done_callback(_running.discard)
            return job

        def launch_or_none(coro, enabled):
            job = asyncio.create_task(coro) if enabled else None
            return job

        async def poll(feed):
            await feed.pull()

        async def start(feed, owner):
            launch(poll(feed), label="poll")  # ACK302
            owner.poller = launch(poll(feed))
            launch_kept(poll(feed))
            launch_or_none(poll(feed), True)
    ''', ["ACK302"])


def test_the_helper_may_live_in_another_module(tmp_path):
    found = project_findings(tmp_path, {
        "svc/__init__.py": "",
        "svc/jobs.py": '''
            import asyncio

            def fire(coro):
                handle = asyncio.ensure_future(coro)
                handle.add_done_callback(lambda h: None)
                return handle

            def fire_tracked(coro, into: set):
                handle = asyncio.ensure_future(coro)
                into.add(handle)
                return handle
        ''',
        "svc/stream.py": '''
            from .jobs import fire, fire_tracked

            class Stream:
                def __init__(self):
                    self.live = set()
                    self.pinger = None

                async def _ping(self):
                    pass

                async def open(self):
                    fire(self._ping())
                    fire_tracked(self._ping(), self.live)
                    self.pinger = fire(self._ping())
        ''',
    }, ["ACK302"])
    assert found == {("svc/stream.py", 12, "ACK302")}


def test_netmiko_connections_wait_for_the_device():
    check_marked('''
        import asyncio
        from netmiko import ConnectHandler, Netmiko

        async def push(device: dict, lines: list):
            conn = ConnectHandler(**device)  # ACK105
            out = conn.send_config_set(lines)  # ACK105
            out += conn.save_config()  # ACK105
            conn.disconnect()  # ACK105
            return out

        async def show(device: dict):
            with Netmiko(**device) as conn:  # ACK105
                return conn.send_command("show version")  # ACK105

        def _push_sync(device: dict, lines: list):
            with ConnectHandler(**device) as conn:
                return conn.send_config_set(lines)

        async def push_threaded(device: dict, lines: list):
            return await asyncio.to_thread(_push_sync, device, lines)

        class Switch:
            def send_command(self, text):
                return text

        async def local_send(sw: Switch):
            return sw.send_command("show clock")
    ''', ["ACK102", "ACK103", "ACK104", "ACK105", "ACK106"])


def test_grpc_aio_server_channel_and_context_calls_are_coroutines():
    check_marked('''
        import grpc
        from grpc import aio

        async def run(servicer, add, stop_event):
            server = aio.server()
            add(servicer, server)
            server.add_insecure_port("[::]:50051")
            server.start()  # ACK301
            await stop_event.wait()
            server.stop(5)  # ACK301

        async def run_ok(servicer, add, stop_event):
            server = grpc.aio.server()
            add(servicer, server)
            server.add_insecure_port("[::]:50051")
            await server.start()
            await stop_event.wait()
            await server.stop(grace=5)

        async def ping(target: str):
            channel = aio.insecure_channel(target)
            channel.channel_ready()  # ACK301
            await channel.close()

        class Servicer:
            async def Get(self, request, context: aio.ServicerContext):
                if not request.id:
                    context.abort(grpc.StatusCode.INVALID_ARGUMENT, "id required")  # ACK301
                context.set_code(grpc.StatusCode.OK)
                return request

        def serve_sync(servicer, add):
            from concurrent import futures
            server = grpc.server(futures.ThreadPoolExecutor(4))
            add(servicer, server)
            server.start()
            server.wait_for_termination()
            server.stop(5)
    ''', ["ACK301"])


def test_matrix_nio_requests_are_coroutines_its_callback_registration_is_not():
    check_marked('''
        from nio import AsyncClient, RoomMessageText

        async def announce(client: AsyncClient, rooms, body):
            for room in rooms:
                client.room_send(room, "m.room.message", {"msgtype": "m.text", "body": body})  # ACK301
            await client.sync(timeout=1000)

        class Bot:
            def __init__(self, url, user):
                self.client = AsyncClient(url, user)

            async def on_text(self, room, event):
                await self.client.room_send(room.room_id, "m.room.message", {"body": "pong"})

            async def start(self, password):
                self.client.add_event_callback(self.on_text, RoomMessageText)
                self.client.login(password)  # ACK301
                await self.client.sync_forever(timeout=30000)

        class Room:
            def room_send(self, *args):
                return args

        async def local(room: Room):
            room.room_send("x")
    ''', ["ACK301"])


def test_discord_2_loads_cogs_with_coroutines_and_aiogram_downloads_files():
    check_marked('''
        from aiogram import Bot
        from discord.ext import commands

        async def setup(bot: commands.Bot):
            bot.add_cog(object())  # ACK301
            await bot.load_extension("ext.admin")
            bot.reload_extension("ext.admin")  # ACK301

        def setup_v1(bot: commands.Bot):
            bot.add_cog(object())
            bot.load_extension("ext.admin")

        async def save_photo(bot: Bot, file_id: str, dest: str):
            file = await bot.get_file(file_id)
            bot.download_file(file.file_path, dest)  # ACK301
            await bot.download(file_id, destination=dest)
    ''', ["ACK301"])


def test_a_spawn_in_a_function_called_once_per_item_of_an_open_loop():
    check_marked('''
        import asyncio

        async def follow(feed, process):
            inflight = set()

            async def dispatch(event):
                job = asyncio.create_task(process(event))  # ACK502
                inflight.add(job)
                job.add_done_callback(inflight.discard)

            async for event in feed:
                await dispatch(event)


        class Relay:
            def __init__(self, forward):
                self.forward = forward
                self.jobs = set()
                self.gate = asyncio.Semaphore(16)
                self.current = None

            async def _route(self, packet):
                job = asyncio.create_task(self.forward(packet))  # ACK502
                self.jobs.add(job)
                job.add_done_callback(self.jobs.discard)

            async def pump(self, link):
                while True:
                    packet = await link.read()
                    await self._route(packet)

            async def pump_batch(self, packets: list):
                for packet in packets:
                    await self._route_waited(packet)

            async def _route_waited(self, packet):
                job = asyncio.create_task(self.forward(packet))
                await job

            async def _route_gated(self, packet):
                await self.gate.acquire()
                job = asyncio.create_task(self.forward(packet))
                job.add_done_callback(lambda _: self.gate.release())
                self.jobs.add(job)

            async def _route_latest(self, packet):
                if self.current is not None:
                    self.current.cancel()
                self.current = asyncio.create_task(self.forward(packet))

            async def pump_gated(self, link):
                async for packet in link:
                    await self._route_gated(packet)
                    await self._route_latest(packet)
                    await self._route_waited(packet)

            async def _refresh(self):
                job = asyncio.create_task(self.forward(None))
                self.jobs.add(job)

            async def ticker(self):
                while True:
                    await asyncio.sleep(30)
                    await self._refresh()
    ''', ["ACK502"])


def test_a_watchdog_loop_that_sleeps_calls_its_spawning_function_at_its_own_pace():
    check_marked('''
        import asyncio

        class Watch:
            def __init__(self, conn):
                self.conn = conn
                self.alive = True

            async def _restart(self):
                asyncio.create_task(self.conn.resubscribe())  # ACK302
                return True

            async def watchdog(self, period):
                while True:
                    try:
                        await asyncio.sleep(period * 2)
                        if not self.alive:
                            await self._restart()
                        self.alive = False
                    except asyncio.CancelledError:
                        raise
    ''', ["ACK302", "ACK502"])


def test_gpio_edge_callbacks_on_an_injected_module_run_on_its_event_thread():
    check_marked('''
        import asyncio

        class Doorbell:
            def __init__(self, board, pin: int):
                self.board = board
                self.pin = pin
                self.rings: asyncio.Queue = asyncio.Queue(maxsize=10)
                self.loop = None

            def _rang(self, channel):
                self.rings.put_nowait(channel)  # ACK401

            def _rang_safe(self, channel):
                self.loop.call_soon_threadsafe(self.rings.put_nowait, channel)

            async def watch(self):
                self.loop = asyncio.get_running_loop()
                self.board.add_event_detect(self.pin, self.board.RISING, callback=self._rang)
                self.board.add_event_detect(self.pin + 1, self.board.RISING, callback=self._rang_safe)
                while True:
                    await self.rings.get()


        class Panel:
            def __init__(self):
                self.pressed = asyncio.Event()

            def add_event_detect(self, pin, edge, callback):
                callback(pin)

            def _on(self, pin):
                self.pressed.set()

            async def arm(self):
                self.add_event_detect(3, "up", callback=self._on)
    ''', ["ACK401", "ACK402"])


def test_pyzmq_sync_receives_wait_and_asyncio_sockets_are_awaited():
    check_marked('''
        import json
        import zmq
        import zmq.asyncio

        class Feed:
            def __init__(self, endpoint):
                self.sock = zmq.Context.instance().socket(zmq.SUB)
                self.sock.connect(endpoint)
                self.pub = zmq.Context().socket(zmq.PUB)

            async def next(self):
                return json.loads(self.sock.recv())  # ACK105

            async def next_json(self):
                return self.sock.recv_json()  # ACK105

            async def drain(self):
                try:
                    return self.sock.recv(zmq.NOBLOCK)
                except zmq.Again:
                    return None

            async def ready(self):
                return self.sock.poll(0)

            async def publish(self, data: bytes):
                self.pub.send(data)

        def next_sync(sock: zmq.Socket):
            return sock.recv()

        class AsyncFeed:
            def __init__(self, endpoint):
                self.sock = zmq.asyncio.Context.instance().socket(zmq.SUB)
                self.sock.connect(endpoint)

            async def next(self):
                return await self.sock.recv()

            async def forget(self):
                self.sock.recv_multipart()  # ACK301
    ''', ["ACK105", "ACK106", "ACK301"])


def test_an_instance_of_a_queue_subclass_without_init_is_as_bounded_as_it_is_made():
    check_marked('''
        import asyncio

        class Mailbox(asyncio.Queue):
            def post(self, kind: str, body: str) -> None:
                self.put_nowait({"kind": kind, "body": body})

        class Ring(asyncio.Queue):
            # keeps the last 50 items however it is made
            def _put(self, item):
                if len(self._queue) >= 50:
                    self._queue.popleft()
                super()._put(item)

        class Courier:
            def __init__(self, link):
                self.link = link
                self.mailbox = Mailbox()  # ACK501
                self.recent = Ring()

            async def run(self):
                while True:
                    await self.link.send(await self.mailbox.get())

        class BoundedCourier:
            def __init__(self, link, depth: int = 100):
                self.link = link
                self.mailbox = Mailbox(maxsize=depth)

            async def run(self):
                while True:
                    await self.link.send(await self.mailbox.get())
    ''', ["ACK501"])


def test_an_async_exit_that_suppresses_whatever_the_block_raised_swallows_cancellation():
    check_marked('''
        import asyncio

        class QuietTimer:
            def __init__(self, metrics, name):
                self.metrics = metrics
                self.name = name

            async def __aenter__(self):
                await self.metrics.start(self.name)
                return self

            async def __aexit__(self, kind, value, trace):
                await self.metrics.stop(self.name, failed=value is not None)
                return True  # ACK601

        class QuietOnError:
            async def __aenter__(self):
                return self

            async def __aexit__(self, exc_type, exc, tb):
                if exc_type is not None:
                    await asyncio.sleep(0)
                    return True  # ACK601
                return False

        class NarrowSuppress:
            async def __aenter__(self):
                return self

            async def __aexit__(self, exc_type, exc, tb):
                if exc_type is not None and issubclass(exc_type, LookupError):
                    return True
                return False

        class DecidesAboutCancel:
            async def __aenter__(self):
                return self

            async def __aexit__(self, exc_type, exc, tb):
                if exc_type is asyncio.CancelledError:
                    return False
                return True

        class Passthrough:
            def __init__(self, inner):
                self.inner = inner

            async def __aenter__(self):
                return await self.inner.__aenter__()

            async def __aexit__(self, *exc):
                return await self.inner.__aexit__(*exc)

        class SyncSuppress:
            def __enter__(self):
                return self

            def __exit__(self, exc_type, exc, tb):
                return True
    ''', ["ACK601", "ACK602"])


def test_a_coroutine_returned_where_an_optional_plain_value_is_declared():
    check_marked('''
        import asyncio
        from typing import Awaitable, Optional, Union

        async def load(key: str) -> dict:
            await asyncio.sleep(0)
            return {"key": key}

        async def next_line(reader) -> Optional[str]:
            try:
                return asyncio.wait_for(reader.readline(), timeout=3)  # ACK301
            except asyncio.TimeoutError:
                return None

        async def cached(key: str, memo: dict) -> dict | None:
            if key in memo:
                return memo[key]
            return load(key)  # ACK301

        async def either(key: str) -> Union[dict, None]:
            return load(key)  # ACK301

        async def deferred(key: str) -> Optional[Awaitable[dict]]:
            return load(key)

        async def mixed(key: str) -> Union[dict, Awaitable[dict]]:
            return load(key)

        class Record:
            pass

        async def custom(key: str) -> Optional[Record]:
            return load(key)

        def sync_hand_on(key: str) -> Optional[Awaitable[dict]]:
            return load(key)
    ''', ["ACK301"])


def test_a_callback_the_thread_function_is_handed_and_calls_runs_in_the_thread():
    check_marked('''
        import asyncio
        import functools
        import threading

        class Discovery:
            def __init__(self, radio):
                self.radio = radio
                self.seen: asyncio.Queue = asyncio.Queue(maxsize=100)
                self.loop = None

            def _record(self, beacon):
                self.seen.put_nowait(beacon)  # ACK401

            def _record_safe(self, beacon):
                self.loop.call_soon_threadsafe(self.seen.put_nowait, beacon)

            def _listen(self, report, rounds=10):
                for _ in range(rounds):
                    report(self.radio.wait_beacon())

            def _listen_quiet(self, report):
                # stores the callable, never calls it here
                self.radio.later = report

            async def sweep(self):
                self.loop = asyncio.get_running_loop()
                await asyncio.to_thread(self._listen, self._record)
                await self.loop.run_in_executor(None, functools.partial(self._listen, report=self._record_safe))
                threading.Thread(target=self._listen_quiet, args=(self._record,)).start()
    ''', ["ACK401", "ACK402"])
