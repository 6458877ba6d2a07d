"""Shapes that real asyncio libraries have and applications rarely do (issue 8): sync and async twins in one
source, reader callbacks of a transport, hooks the library calls sync-or-async. Each look-alike is set beside
the positive case that must still be flagged."""
from __future__ import annotations

from tests.lint.helpers import check_marked


def test_the_other_twins_branch_under_a_module_constant_is_dead():
    # pymongo's generated twins: `_IS_SYNC = False` in the async one makes `if _IS_SYNC:` lines dead
    check_marked(
        """
        import asyncio
        import socket

        _IS_SYNC = False

        class Client:
            def __init__(self, connect):
                if _IS_SYNC and connect:
                    self._get_topology()
                if _IS_SYNC:
                    self._get_topology()
                else:
                    self._get_topology()  # ACK301

            async def _get_topology(self):
                await asyncio.sleep(0)

        async def getaddrinfo(host, port):
            if not _IS_SYNC:
                loop = asyncio.get_running_loop()
                return await loop.getaddrinfo(host, port)
            else:
                return socket.getaddrinfo(host, port)

        async def resolve(host, port):
            if _IS_SYNC:
                pass
            elif not _IS_SYNC:
                return socket.getaddrinfo(host, port)  # ACK105

        async def shadowed(host, _IS_SYNC=True):
            if _IS_SYNC:  # the parameter, not the module's constant
                return socket.getaddrinfo(host, 80)  # ACK105
        """,
        ["ACK301", "ACK105"],
    )


def test_the_sync_twins_dead_gather_is_not_a_dropped_future():
    check_marked(
        """
        import asyncio

        _IS_SYNC = True

        def close(conns):
            if not _IS_SYNC:
                asyncio.gather(*[c.close() for c in conns], return_exceptions=True)
            else:
                for c in conns:
                    c.close()

        async def close_all(conns):
            asyncio.gather(*[c.close() for c in conns])  # ACK302
        """,
        ["ACK302"],
    )


def test_a_flag_that_code_changes_is_state_not_a_constant():
    check_marked(
        """
        import socket

        READY = False
        _initialized = False
        DEBUG = False
        if socket.has_ipv6:
            DEBUG = True

        def init():
            global READY
            READY = True

        async def lookup(host):
            if READY:
                return socket.getaddrinfo(host, 80)  # ACK105
            if _initialized:
                return socket.getaddrinfo(host, 80)  # ACK105
            if DEBUG:
                return socket.getaddrinfo(host, 80)  # ACK105

        async def shadowed(host, READY=True):
            if READY:
                return socket.getaddrinfo(host, 80)  # ACK105
        """,
        ["ACK105"],
    )


def test_a_reader_callback_reads_the_descriptor_the_loop_found_ready():
    # bleak's notify fd, asyncssh's tun device: `loop.add_reader(fd, cb)` and cb reads fd
    check_marked(
        """
        import asyncio
        import os

        class TunTransport:
            def __init__(self, loop, file, protocol):
                self._loop, self._file, self._protocol = loop, file, protocol
                self._loop.add_reader(self._file, self._read_ready)

            def _read_ready(self):
                self._protocol.data_received(self._file.read(65536))

            def _log(self):
                with open("/var/log/tun.log", "a") as log:
                    log.write("ready")

            def resume_reading(self):
                self._loop.call_soon(self._log)  # ACK103

        def register(fd, callback):
            loop = asyncio.get_running_loop()

            def on_data():
                data = os.read(fd, 1024)
                with open("/tmp/notify.log", "ab") as log:
                    log.write(data)
                callback(bytearray(data))

            loop.add_reader(fd, on_data)  # ACK103

        def poll(fd):
            loop = asyncio.get_running_loop()

            def on_timer():
                os.read(fd, 1024)

            loop.call_later(1.0, on_timer)  # ACK103
        """,
        ["ACK103"],
    )


def test_a_hook_called_sync_or_async_on_purpose_is_not_blamed_on_its_caller():
    # asyncssh's SFTPServer: the default methods do local file I/O, subclasses override them (sync or async)
    check_marked(
        """
        import inspect
        import os

        class FileServer:
            def remove(self, path):
                os.remove(path)

            def mkdir(self, path):
                os.mkdir(path)

        class Handler:
            def __init__(self, server: FileServer):
                self._server = server

            async def process_remove(self, path):
                result = self._server.remove(path)
                if inspect.isawaitable(result):
                    await result

            async def process_mkdir(self, path, other):
                result = self._server.mkdir(path)  # ACK103
                if inspect.isawaitable(other):
                    await other
                return result

            async def process_rmdir(self, path):
                self._server.remove(path)  # ACK103
        """,
        ["ACK103"],
    )


def test_binding_a_listening_socket_waits_for_no_network():
    # socket.create_server is socket() + bind() + listen(): nothing is sent, nothing waited for
    check_marked(
        """
        import socket

        class Listener:
            def __init__(self, host=None, port=0):
                self._host, self._port = host, port

            def start(self):
                sock = socket.create_server((self._host or "", self._port), backlog=4)
                sock.setblocking(False)
                return sock

            async def ensure_listening(self):
                self.start()
                return socket.create_connection(("example.com", 80))  # ACK105
        """,
        ["ACK103", "ACK104", "ACK105"],
    )


def test_reaping_a_worker_inside_a_handler_that_re_raises_keeps_the_cancellation():
    # pymongo's network layer: the worker thread cannot be interrupted, so it is awaited (shielded) to the end
    check_marked(
        """
        import asyncio

        async def run_blocking(loop, func, arg, timeout):
            inner = loop.run_in_executor(None, func, arg)
            try:
                return await asyncio.wait_for(asyncio.shield(inner), timeout=timeout)
            except (asyncio.CancelledError, TimeoutError):
                while True:
                    try:
                        await asyncio.shield(inner)
                        break
                    except asyncio.CancelledError:
                        continue
                    except Exception:
                        break
                raise

        async def run_quietly(loop, func, arg):
            inner = loop.run_in_executor(None, func, arg)
            try:
                return await asyncio.shield(inner)
            except asyncio.CancelledError:  # ACK601
                while True:
                    try:
                        await asyncio.shield(inner)
                        break
                    except asyncio.CancelledError:  # ACK601
                        continue
                return None
        """,
        ["ACK601", "ACK602"],
    )


def test_a_thread_that_runs_its_own_loop_owns_the_events_it_makes():
    # asyncpg's fuzzing proxy: the thread makes a loop, then its Events on `self`, then runs the loop
    check_marked(
        """
        import asyncio
        import threading

        class Proxy:
            def __init__(self):
                self.stopped = asyncio.Event()

            def start(self):
                self.thread = threading.Thread(target=self._start_thread)
                self.thread.start()

            def _start_thread(self):
                self.loop = asyncio.new_event_loop()
                asyncio.set_event_loop(self.loop)
                self.connectivity = asyncio.Event()
                self.connectivity.set()
                self.stopped.set()  # ACK401
                self.loop.run_until_complete(self._main())

            async def _main(self):
                await self.connectivity.wait()
        """,
        ["ACK401", "ACK402"],
    )


def test_a_transports_write_buffer_is_emptied_by_its_drain():
    # nats' WebSocket transport: write() queues, `await drain()` sends what was written (StreamWriter's contract)
    check_marked(
        """
        import asyncio

        class WebSocketTransport:
            def __init__(self, ws):
                self._ws = ws
                self._pending = asyncio.Queue()

            def write(self, payload):
                self._pending.put_nowait(payload)

            async def drain(self):
                while not self._pending.empty():
                    message = self._pending.get_nowait()
                    await self._ws.send_bytes(message)

        class Outbox:
            def __init__(self, ws):
                self._ws = ws
                self._pending = asyncio.Queue()  # ACK501

            def write(self, payload):
                self._pending.put_nowait(payload)

            async def drain(self):
                await asyncio.sleep(0)

            async def run(self):
                while True:
                    await self._ws.send_bytes(await self._pending.get())
        """,
        ["ACK501"],
    )
