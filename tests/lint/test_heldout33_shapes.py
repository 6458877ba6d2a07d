"""Shapes found missing on the thirty-third held-out set of realistic cases: each flagged shape beside the
look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked


def test_a_coroutine_parameter_declared_a_socket_waits_for_the_peer():
    check_marked('''
        import asyncio
        import socket
        from socket import socket as Socket

        async def read_reply(conn: socket.socket) -> bytes:
            conn.send(b"PING")
            return conn.recv(64)  # ACK105

        class Beacon:
            async def serve_one(self, listener: Socket) -> None:
                peer, _ = listener.accept()  # ACK105
                peer.close()

        async def push_all(conn: socket.socket, chunks: list) -> None:
            for chunk in chunks:
                conn.sendall(chunk)  # ACK105

        async def read_reply_loop(conn: socket.socket) -> bytes:
            loop = asyncio.get_running_loop()
            conn.send(b"PING")
            return await loop.sock_recv(conn, 64)

        async def read_reply_non_blocking(conn: socket.socket) -> bytes:
            conn.setblocking(False)
            try:
                return conn.recv(64)
            except BlockingIOError:
                return b""

        async def read_reply_either(conn: socket.socket | int) -> bytes:
            return conn.recv(64) if not isinstance(conn, int) else b""

        async def read_reply_offloaded(conn: socket.socket) -> bytes:
            return await asyncio.to_thread(conn.recv, 64)

        def read_reply_sync(conn: socket.socket) -> bytes:
            return conn.recv(64)

        async def read_reply_untyped(conn) -> bytes:
            return conn.recv(64)
    ''', ["ACK105"])


def test_a_coroutine_left_unread_on_one_way_out_of_the_function_is_never_awaited():
    check_marked('''
        import asyncio

        async def publish(event: dict) -> None:
            await asyncio.sleep(0)

        async def audit(event: dict, enabled: bool) -> None:
            pending = publish(event)  # ACK301
            if enabled:
                await pending

        async def audit_or_skip(event: dict, cached: set) -> bool:
            pending = publish(event)  # ACK301
            if event["id"] in cached:
                return False
            await pending
            return True

        async def audit_either_way(event: dict, timeout) -> None:
            pending = publish(event)
            if timeout is None:
                await pending
                return
            await asyncio.wait_for(pending, timeout)

        async def audit_or_close(event: dict, enabled: bool) -> None:
            pending = publish(event)
            if enabled:
                await pending
            else:
                pending.close()

        async def audit_when_coroutine(event: dict) -> None:
            pending = publish(event)
            if asyncio.iscoroutine(pending):
                await pending

        async def audit_guarded(event: dict, enabled: bool) -> None:
            pending = publish(event)
            try:
                if not enabled:
                    return
            finally:
                await pending

        async def audit_later(event: dict, enabled: bool) -> None:
            if enabled:
                pending = publish(event)
                await pending
    ''', ["ACK301"])


def test_an_async_with_on_an_adapter_whose_aenter_takes_a_thread_lock_holds_it_across_the_block():
    check_marked('''
        import asyncio
        import threading

        class SharedGuard:
            """Lets sync and async code share one lock: a thread lock behind the async protocol."""

            def __init__(self) -> None:
                self._mu = threading.RLock()

            async def __aenter__(self) -> "SharedGuard":
                self._mu.acquire()
                return self

            async def __aexit__(self, *exc) -> None:
                self._mu.release()

        class AsyncGuard:
            def __init__(self) -> None:
                self._mu = asyncio.Lock()

            async def __aenter__(self) -> "AsyncGuard":
                await self._mu.acquire()
                return self

            async def __aexit__(self, *exc) -> None:
                self._mu.release()

        class BriefGuard:
            def __init__(self) -> None:
                self._mu = threading.Lock()

            async def __aenter__(self) -> "BriefGuard":
                with self._mu:
                    return self

            async def __aexit__(self, *exc) -> None:
                pass

        shared = SharedGuard()

        async def save(store, row) -> None:
            async with shared:  # ACK201
                await store.put(row)

        async def count(rows) -> int:
            async with shared:
                return len(rows)

        async def save_async(guard: AsyncGuard, store, row) -> None:
            async with guard:
                await store.put(row)

        async def save_brief(guard: BriefGuard, store, row) -> None:
            async with guard:
                await store.put(row)
    ''', ["ACK201"])
