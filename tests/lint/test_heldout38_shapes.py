"""Shapes found missing on a held-out set of typed code (heldout38): what an `isinstance` test that failed
leaves of a declared union, and sockets a coroutine is handed under a declaration that is not its own
parameter's. Each flagged shape sits beside the look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108"]


def test_a_failed_isinstance_leaves_the_other_member_of_a_declared_union():
    check_marked('''
        import asyncio

        import httpx

        async def in_else(client: httpx.Client | httpx.AsyncClient, url: str):
            if isinstance(client, httpx.AsyncClient):
                return await client.get(url)
            else:
                return client.get(url)  # ACK102

        async def under_not(client: "httpx.AsyncClient | httpx.Client", url: str):
            if not isinstance(client, httpx.AsyncClient):
                client.post(url)  # ACK102
            await client.aclose()

        async def after_early_return(client: httpx.Client | httpx.AsyncClient | None, url: str):
            if client is None or isinstance(client, httpx.AsyncClient):
                return None
            return client.get(url)  # ACK102

        class Poller:
            def __init__(self) -> None:
                self._client: httpx.Client | httpx.AsyncClient | None = None

            async def poll(self, url: str):
                if isinstance(self._client, httpx.AsyncClient):
                    return await self._client.get(url)
                elif self._client is not None:
                    return self._client.get(url)  # ACK102

        async def test_with_more_to_it(client: httpx.Client | httpx.AsyncClient, url: str, fast: bool):
            if isinstance(client, httpx.AsyncClient) and fast:
                return await client.get(url)
            else:  # an AsyncClient when not fast: the test failing says nothing of what client is
                return client.get(url)

        async def sync_one_offloaded(client: httpx.Client | httpx.AsyncClient, url: str):
            if isinstance(client, httpx.Client):
                return await asyncio.to_thread(client.get, url)
            else:
                return await client.get(url)

        async def rebound_in_else(client: httpx.Client | httpx.AsyncClient, url: str):
            if isinstance(client, httpx.AsyncClient):
                return await client.get(url)
            else:
                client = httpx.AsyncClient()
                return await client.get(url)

        async def unrelated_class(client: httpx.Client | httpx.AsyncClient, url: str):
            if isinstance(client, dict):
                return client
            return client.get(url)  # which client is left is unknown: either may be called so

        def sync_twin(client: httpx.Client | httpx.AsyncClient, url: str):
            if not isinstance(client, httpx.AsyncClient):
                return client.get(url)
    ''', BLOCKING)


def test_a_failed_isinstance_tells_which_twin_makes_a_coroutine():
    check_marked('''
        class FileStore:
            def save(self, key: str) -> None: ...

        class RemoteStore:
            async def save(self, key: str) -> None: ...

        async def dropped(store: FileStore | RemoteStore, key: str) -> None:
            if isinstance(store, FileStore):
                store.save(key)
            else:
                store.save(key)  # ACK301

        async def awaited(store: FileStore | RemoteStore, key: str) -> None:
            if isinstance(store, FileStore):
                store.save(key)
            else:
                await store.save(key)
    ''', ["ACK301"])


def test_sockets_handed_under_a_declaration_wait_for_the_peer():
    check_marked('''
        import asyncio
        import socket
        from dataclasses import dataclass

        async def each_of(conns: list[socket.socket]):
            for conn in conns:
                conn.sendall(b"?")  # ACK105
            return [c.recv(64) for c in conns]  # ACK105

        async def narrowed(sink: socket.socket | asyncio.StreamWriter, data: bytes):
            if isinstance(sink, asyncio.StreamWriter):
                sink.write(data)
                await sink.drain()
            else:
                sink.sendall(data)  # ACK105

        @dataclass
        class Probe:
            sock: socket.socket

            async def ask(self) -> bytes:
                self.sock.sendall(b"?")  # ACK105
                return self.sock.recv(16)  # ACK105

        class Injected:
            sock: socket.socket

            async def ask(self) -> bytes:
                return self.sock.recv(16)  # ACK105

        class Wrapped:
            def __init__(self, sock: socket.socket) -> None:
                self.sock = sock

            async def ask(self) -> bytes:
                return self.sock.recv(16)  # ACK105
    ''', BLOCKING)


def test_sockets_handed_to_the_loop_or_of_unknown_origin_stay_quiet():
    check_marked('''
        import asyncio
        import socket
        from dataclasses import dataclass

        async def handed_to_loop(conns: list[socket.socket]):
            loop = asyncio.get_running_loop()
            return [await loop.sock_recv(c, 64) for c in conns]

        async def switched(conns: list[socket.socket]):
            for conn in conns:
                conn.setblocking(False)
                conn.recv(64)

        async def from_a_registry(registry):
            for conn in registry.connections():
                conn.recv(64)

        @dataclass
        class NonBlockingProbe:
            sock: socket.socket

            def __post_init__(self) -> None:
                self.sock.setblocking(False)

            async def ask(self) -> bytes:
                return self.sock.recv(16)

        class Sender:
            sock: socket.socket

            async def push(self, data: bytes) -> int:
                return self.sock.send(data)

            def read_in_thread(self) -> bytes:
                return self.sock.recv(16)

        class Untyped:
            def __init__(self, sock) -> None:
                self.sock = sock

            async def ask(self) -> bytes:
                return self.sock.recv(16)
    ''', BLOCKING)
