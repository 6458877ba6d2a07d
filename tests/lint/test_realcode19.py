"""Shapes over-reported on real async libraries (serial-radio stacks, an HTTP/2 client, a rate limiter): each
look-alike that must stay quiet beside the anti-pattern of the same shape that must still be flagged."""
from __future__ import annotations

import textwrap
from pathlib import Path

from asynccheck.config import Config
from asynccheck.lint import lint_paths

from .helpers import check_marked


def test_a_library_callable_the_loop_calls_is_judged_by_the_arguments_handed_with_it():
    check_marked('''
        import asyncio
        import functools
        import time
        from concurrent.futures import ThreadPoolExecutor

        async def start(worker):
            loop = asyncio.get_running_loop()
            executor = ThreadPoolExecutor(max_workers=1)
            done = loop.run_in_executor(executor, worker)
            loop.call_soon(executor.shutdown, False)
            loop.call_later(1, functools.partial(executor.shutdown, wait=False))
            loop.call_soon(executor.shutdown)  # ACK106
            loop.call_soon(executor.shutdown, True)  # ACK106
            loop.call_later(2, time.sleep, 1)  # ACK101
            return await done
    ''', ["ACK101", "ACK106"])


def test_a_queue_made_only_as_the_fallback_of_a_lookup_is_a_stand_in_not_a_stream():
    check_marked('''
        import asyncio

        class Streams:
            def __init__(self):
                self._streams = {}

            def open(self, key):
                self._streams[key] = asyncio.Queue()  # ACK501

            def chunk_received(self, key, data):
                self._streams[key].put_nowait(data)

            async def reader(self, key):
                return self._streams.get(key, asyncio.Queue())

            async def reader_popped(self, key):
                return self._streams.pop(key, asyncio.Queue())

            async def reader_of(self, request):
                return getattr(request, "chunks", asyncio.Queue())

            async def reader_made_on_demand(self, key):
                return self._streams.setdefault(key, asyncio.Queue())  # ACK501
    ''', ["ACK501"])


def test_a_callback_queue_drained_in_place_by_its_own_coroutine_cannot_fall_behind():
    check_marked('''
        import asyncio

        class Radio:
            def __init__(self):
                self._listeners = []

            def listen(self, callback):
                self._listeners.append(callback)

            def frame_received(self, name, payload):
                for callback in self._listeners:
                    callback(name, payload)

            async def collect(self, send):
                queue = asyncio.Queue()
                results = []
                self.listen(lambda name, payload: queue.put_nowait((name, payload)))
                await send()
                while True:
                    name, payload = await queue.get()
                    if name == "done":
                        break
                    results.append(payload)
                return results

            async def stream(self):
                queue = asyncio.Queue()  # ACK501
                self.listen(lambda name, payload: queue.put_nowait(payload))
                while True:
                    payload = await queue.get()
                    yield payload

            async def collect_slowly(self, store):
                queue = asyncio.Queue()  # ACK501
                self.listen(lambda name, payload: queue.put_nowait(payload))
                while True:
                    payload = await queue.get()
                    await store.save(payload)

            async def collect_in_rounds(self, store):
                queue = asyncio.Queue()  # ACK501
                self.listen(lambda name, payload: queue.put_nowait(payload))
                while True:
                    batch = []
                    for _ in range(10):
                        batch.append(await queue.get())
                    await store.save(batch)
    ''', ["ACK501"])


def test_a_cancel_swallowed_under_the_last_await_of_a_task_function_only_ends_the_task():
    check_marked('''
        import asyncio

        class Connection:
            def start(self):
                self.reader_task = asyncio.get_running_loop().create_task(self.read_forever())

            async def wait_closed(self):
                await self.reader_task  # (a waiter relies on the cancel: see test_a602w_shapes)

            async def read_forever(self):
                try:
                    await self._read_events()
                finally:
                    self.close()

            async def _read_events(self):
                while True:
                    try:
                        data = await self.reader.read(1024)
                    except asyncio.CancelledError:  # ACK602
                        break
                    self.feed(data)

            def start_polling(self):
                self.poll_task = asyncio.get_running_loop().create_task(self.poll_forever())

            async def poll_forever(self):
                try:
                    await self._poll()
                finally:
                    self.close()
                await self.reconnect()

            async def _poll(self):
                while True:
                    try:
                        data = await self.reader.read(1024)
                    except asyncio.CancelledError:  # ACK601
                        break
                    self.feed(data)
    ''', ["ACK601", "ACK602"])


def test_the_text_of_an_ipaddress_address_is_numeric_so_resolving_it_asks_no_dns():
    check_marked('''
        import ipaddress
        import socket
        from ipaddress import IPv4Address, IPv6Address
        from typing import Tuple, Union

        AnyAddress = Union[IPv4Address, IPv6Address]

        def split(pair) -> Tuple[AnyAddress, int]:
            if ":" in pair[0]:
                return IPv6Address(pair[0]), pair[1]
            return IPv4Address(pair[0]), pair[1]

        def bind_socket(pair):
            host, port = split(pair)
            family, kind, proto, _, address = socket.getaddrinfo(str(host), port, type=socket.SOCK_DGRAM)[0]
            sock = socket.socket(family, kind, proto)
            sock.bind(address)
            return sock

        async def listen(pair):
            return bind_socket(pair)

        async def by_object(text: str, port: int):
            return socket.getaddrinfo(str(ipaddress.ip_address(text)), port)

        async def by_declared(address: IPv6Address, port: int):
            return socket.getaddrinfo(address.compressed, port)

        async def by_name(host: str, port: int):
            return socket.getaddrinfo(str(host), port)  # ACK105

        async def by_network(text: str, port: int):
            return socket.getaddrinfo(str(ipaddress.ip_network(text)), port)  # ACK105

        async def by_lookalike(record, port: int):
            return socket.gethostbyname(record.compressed)  # ACK105
    ''', ["ACK105"])


def test_a_union_alias_of_address_types_declared_in_another_module_is_known_to_the_importer(tmp_path):
    files = {
        "net/kinds.py": '''
            from ipaddress import IPv4Address, IPv6Address

            AnyAddress = IPv4Address | IPv6Address
            MaybeHost = str | None
        ''',
        "net/sockets.py": '''
            import socket

            from .kinds import AnyAddress, MaybeHost

            def first_address(pair) -> tuple[AnyAddress, int]:
                raise NotImplementedError

            async def by_address(address: AnyAddress, port: int):
                return socket.getaddrinfo(str(address), port)

            async def by_unpacked(pair):
                address, port = first_address(pair)
                return socket.getaddrinfo(str(address), port)

            async def by_host(host: MaybeHost, port: int):
                return socket.getaddrinfo(str(host), port)
        ''',
    }
    (tmp_path / "net").mkdir()
    (tmp_path / "net" / "__init__.py").write_text("")
    for name, text in files.items():
        (tmp_path / name).write_text(textwrap.dedent(text))
    report = lint_paths([tmp_path], Config(root=tmp_path).override(select=["ALL"]), jobs=1, use_cache=False)
    found = {(Path(f.path).name, f.line, f.code) for f in report.findings if f.code == "ACK105"}
    assert found == {("sockets.py", 17, "ACK105")}


def test_an_early_return_inside_a_with_guards_the_slow_path_after_the_block():
    check_marked('''
        import asyncio
        import contextlib
        import threading
        import time

        class Limiter:
            def __init__(self):
                self._lock = threading.Lock()

            def _wait_in_thread(self, delay):
                time.sleep(delay)
                return True

            async def _wait_on_loop(self, delay):
                await asyncio.sleep(delay)
                return True

            def acquire(self, delay, on_loop=False):
                with self._lock:
                    if delay <= 0:
                        return True
                    if on_loop:
                        return self._wait_on_loop(delay)
                return self._wait_in_thread(delay)

            def acquire_or_give_up(self, delay, on_loop=False):
                with contextlib.suppress(RuntimeError):
                    if on_loop:
                        raise RuntimeError("use the async path")
                return self._wait_in_thread(delay)

        async def take(limiter: Limiter):
            await asyncio.wait_for(limiter.acquire(1, on_loop=True), 5)
            limiter.acquire(1)  # ACK101
            limiter.acquire_or_give_up(1, on_loop=True)  # ACK101
    ''', ["ACK101"])
