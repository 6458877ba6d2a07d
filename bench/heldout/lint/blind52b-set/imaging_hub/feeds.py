"""HL7 v2 feeds: ADT forwarded to the RIS, ORU results published to the EHR, inbound orders from the scheduler."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import hl7
from hl7.mllp import open_hl7_connection, start_hl7_server

from .transport import AsyncMllp, MllpConnection, frame, mllp_link, send_mllp

log = logging.getLogger("imaging_hub.feeds")


async def forward_adt(message: str, target: tuple[str, int]) -> bytes:  # expect: blocking-call
    return send_mllp(target[0], target[1], message)


async def forward_adt_offloaded(message: str, target: tuple[str, int]) -> bytes:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(send_mllp, target[0], target[1], message)


class ResultsPublisher:  # expect: blocking-call
    """Keeps one MLLP link open to the EHR."""

    def __init__(self, link: MllpConnection) -> None:
        self.link = link

    async def publish(self, oru: str) -> bool:
        ack = self.link.send(oru)
        return b"MSA|AA" in ack


class AsyncResultsPublisher:  # expect: clean  # near: blocking-call
    def __init__(self, link: AsyncMllp) -> None:
        self.link = link

    async def publish(self, oru: str) -> bool:
        ack = await self.link.send(oru)
        return b"MSA|AA" in ack


class HastyResultsPublisher:  # expect: unawaited-coroutine
    def __init__(self, link: AsyncMllp) -> None:
        self.link = link

    async def publish(self, oru: str) -> None:
        self.link.send(oru)
        log.info("ORU sent (%d bytes)", len(frame(oru)))


async def publish_via_factory(oru: str, host: str, port: int) -> bytes:  # expect: blocking-call
    link = mllp_link(host, port)
    try:
        return link.send(oru)
    finally:
        link.close()


async def relay_with_hl7(message: hl7.Message, host: str, port: int) -> str:  # expect: clean  # near: unawaited-coroutine
    reader, writer = await open_hl7_connection(host, port)
    try:
        writer.writemessage(message)
        await writer.drain()
        ack = await asyncio.wait_for(reader.readmessage(), timeout=10)
    finally:
        writer.close()
        await writer.wait_closed()
    return str(ack)


async def relay_without_drain(message: hl7.Message, host: str, port: int) -> None:  # expect: unawaited-coroutine
    reader, writer = await open_hl7_connection(host, port)
    writer.writemessage(message)
    writer.drain()
    writer.close()


async def serve_orders(save: Callable[[str], Awaitable[None]], port: int = 2575) -> None:  # expect: clean  # near: unawaited-coroutine
    async def on_client(reader, writer) -> None:
        try:
            while not writer.is_closing():
                msg = await reader.readmessage()
                await save(str(msg))
                writer.writemessage(msg.create_ack())
                await writer.drain()
        except asyncio.IncompleteReadError:
            writer.close()

    async with await start_hl7_server(on_client, port=port) as server:
        await server.serve_forever()


class AckProtocol(asyncio.Protocol):  # expect: unawaited-coroutine
    """Reads ACKs off a raw MLLP link and hands each to the tracker."""

    def __init__(self, on_ack: Callable[[bytes], Awaitable[None]]) -> None:
        self.on_ack = on_ack
        self.buf = b""

    def data_received(self, data: bytes) -> None:
        self.buf += data
        while b"\x1c\r" in self.buf:
            ack, self.buf = self.buf.split(b"\x1c\r", 1)
            self.on_ack(ack.lstrip(b"\x0b"))


class QueueingAckProtocol(asyncio.Protocol):  # expect: clean  # near: unawaited-coroutine
    def __init__(self, acks: asyncio.Queue[bytes]) -> None:
        self.acks = acks
        self.buf = b""

    def data_received(self, data: bytes) -> None:
        self.buf += data
        while b"\x1c\r" in self.buf:
            ack, self.buf = self.buf.split(b"\x1c\r", 1)
            self.acks.put_nowait(ack.lstrip(b"\x0b"))


class ReconnectingLink(asyncio.Protocol):  # expect: dangling-task
    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port

    def connection_lost(self, exc: Exception | None) -> None:
        log.warning("MLLP link to %s lost: %s", self.host, exc)
        asyncio.ensure_future(self._reconnect())

    async def _reconnect(self) -> None:
        await asyncio.sleep(5)
        loop = asyncio.get_running_loop()
        await loop.create_connection(lambda: ReconnectingLink(self.host, self.port), self.host, self.port)


class TrackedReconnectingLink(asyncio.Protocol):  # expect: clean  # near: dangling-task
    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self.reconnecting: asyncio.Task | None = None

    def connection_lost(self, exc: Exception | None) -> None:
        self.reconnecting = asyncio.ensure_future(self._reconnect())

    async def _reconnect(self) -> None:
        await asyncio.sleep(5)
        loop = asyncio.get_running_loop()
        await loop.create_connection(lambda: TrackedReconnectingLink(self.host, self.port), self.host, self.port)
