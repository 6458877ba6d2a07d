"""The async face of the mount: the same line protocol over asyncio streams."""
from __future__ import annotations

import asyncio
from typing import Optional

_CURRENT: Optional["AsyncMount"] = None


class AsyncMount:  # expect: clean
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer

    @classmethod
    async def connect(cls, host: str, port: int = 9999) -> "AsyncMount":
        reader, writer = await asyncio.open_connection(host, port)
        return cls(reader, writer)

    async def command(self, line: str) -> str:
        self.writer.write(line.encode() + b"\n")
        await self.writer.drain()
        return (await self.reader.readline()).decode().strip()

    async def slew(self, ra: float, dec: float) -> None:
        await self.command(f"SLEW {ra:.5f} {dec:.5f}")
        while await self.command("STATUS") != "IDLE":
            await asyncio.sleep(0.5)

    async def park(self) -> None:
        await self.command("PARK")

    def close(self) -> None:
        self.writer.close()


async def open_async_mount(host: str) -> AsyncMount:  # expect: clean
    global _CURRENT
    _CURRENT = await AsyncMount.connect(host)
    return _CURRENT


def current_mount() -> AsyncMount:  # expect: clean
    if _CURRENT is None:
        raise RuntimeError("no mount connected")
    return _CURRENT
