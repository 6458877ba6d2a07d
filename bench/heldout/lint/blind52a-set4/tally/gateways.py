"""SMS gateways: a socket reader thread per gateway, feeding the loop."""
from __future__ import annotations

import asyncio
import socket
import threading

INCOMING: asyncio.Queue[bytes] = asyncio.Queue(maxsize=10_000)


class SmsGateway:  # expect: thread-unsafe-capture
    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.inbox: asyncio.Queue[bytes] = asyncio.Queue(maxsize=1000)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        while data := self.sock.recv(4096):
            self._on_message(data)

    def _on_message(self, data: bytes) -> None:
        self.inbox.put_nowait(data)


class SmsGatewaySafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, sock: socket.socket, loop: asyncio.AbstractEventLoop) -> None:
        self.sock = sock
        self.loop = loop
        self.inbox: asyncio.Queue[bytes] = asyncio.Queue(maxsize=1000)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        while data := self.sock.recv(4096):
            self._on_message(data)

    def _on_message(self, data: bytes) -> None:
        self.loop.call_soon_threadsafe(self.inbox.put_nowait, data)


class Relay:  # expect: thread-unsafe-capture
    @staticmethod
    def _pump(sock: socket.socket) -> None:
        while data := sock.recv(4096):
            INCOMING.put_nowait(data)

    def start(self, sock: socket.socket) -> None:
        threading.Thread(target=Relay._pump, args=(sock,), daemon=True).start()


class RelayOwnLoop:  # expect: clean  # near: thread-unsafe-capture
    @staticmethod
    async def _serve(port: int) -> None:
        received: asyncio.Queue[bytes] = asyncio.Queue(maxsize=100)
        server = await asyncio.start_server(lambda r, w: None, port=port)
        async with server:
            await received.get()

    def start(self, port: int) -> None:
        threading.Thread(target=lambda: asyncio.run(RelayOwnLoop._serve(port)), daemon=True).start()


class VoteProtocol(asyncio.Protocol):  # expect: unbounded-queue
    def connection_made(self, transport) -> None:
        self.transport = transport
        self.lines: asyncio.Queue[bytes] = asyncio.Queue()

    def data_received(self, data: bytes) -> None:
        for line in data.splitlines():
            self.lines.put_nowait(line)


class VoteProtocolPaused(asyncio.Protocol):  # expect: clean  # near: unbounded-queue
    def connection_made(self, transport) -> None:
        self.transport = transport
        self.lines: asyncio.Queue[bytes] = asyncio.Queue()

    def data_received(self, data: bytes) -> None:
        for line in data.splitlines():
            self.lines.put_nowait(line)
        if self.lines.qsize() > 1000:
            self.transport.pause_reading()

    async def next_line(self) -> bytes:
        line = await self.lines.get()
        if self.lines.qsize() < 100:
            self.transport.resume_reading()
        return line
