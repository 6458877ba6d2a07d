"""MLLP framing, and the sync sender the old interface engine used (still used by the nightly batch)."""
from __future__ import annotations

import asyncio
import socket

SB, EB, CR = b"\x0b", b"\x1c", b"\x0d"


def frame(message: str) -> bytes:  # expect: clean
    return SB + message.replace("\n", "\r").encode() + EB + CR


def read_ack(sock: socket.socket) -> bytes:  # expect: clean
    buf = b""
    while not buf.endswith(EB + CR):
        chunk = sock.recv(4096)
        if not chunk:
            break
        buf += chunk
    return buf


def send_mllp(host: str, port: int, message: str, timeout: float = 10.0) -> bytes:  # expect: clean
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.sendall(frame(message))
        return read_ack(sock)


class MllpConnection:  # expect: clean
    """A kept-open sync link for the batch exporter."""

    def __init__(self, host: str, port: int) -> None:
        self.sock = socket.create_connection((host, port), timeout=30)

    def send(self, message: str) -> bytes:
        self.sock.sendall(frame(message))
        return read_ack(self.sock)

    def close(self) -> None:
        self.sock.close()


class AsyncMllp:  # expect: clean
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer

    @classmethod
    async def open(cls, host: str, port: int) -> AsyncMllp:
        reader, writer = await asyncio.open_connection(host, port)
        return cls(reader, writer)

    async def send(self, message: str) -> bytes:
        self.writer.write(frame(message))
        await self.writer.drain()
        return await self.reader.readuntil(EB + CR)

    async def close(self) -> None:
        self.writer.close()
        await self.writer.wait_closed()


def mllp_link(host: str, port: int) -> MllpConnection:  # expect: clean
    return MllpConnection(host, port)
