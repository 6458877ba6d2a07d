"""Field devices: PLCs over Modbus TCP, read by the poller and written by the control API."""
from __future__ import annotations

import asyncio
import functools
import threading
from dataclasses import dataclass, field
from typing import Annotated, ClassVar, NamedTuple

from pymodbus.client import AsyncModbusTcpClient, ModbusTcpClient


class Endpoint(NamedTuple):  # expect: clean
    host: str
    port: int = 502
    unit: int = 1


def sync_client(ep: Endpoint) -> ModbusTcpClient:  # expect: clean
    client = ModbusTcpClient(ep.host, port=ep.port, timeout=3)
    client.connect()
    return client


def async_client(ep: Endpoint) -> AsyncModbusTcpClient:  # expect: clean
    return AsyncModbusTcpClient(ep.host, port=ep.port, timeout=3)


@dataclass
class Plc:  # expect: clean
    endpoint: Endpoint
    client: ModbusTcpClient
    lock: threading.Lock = field(default_factory=threading.Lock)

    def read_block(self, address: int, count: int) -> list[int]:
        with self.lock:
            rr = self.client.read_holding_registers(address, count=count, slave=self.endpoint.unit)
        return list(rr.registers)


async def read_temperatures(plc: Plc) -> list[float]:  # expect: blocking-call
    raw = plc.read_block(100, 8)
    return [r / 10 for r in raw]


async def read_temperatures_ok(plc: Plc) -> list[float]:  # expect: clean  # near: blocking-call
    raw = await asyncio.to_thread(plc.read_block, 100, 8)
    return [r / 10 for r in raw]


async def write_setpoint(plc: Plc, value: float) -> None:  # expect: blocking-call
    plc.client.write_register(200, int(value * 10), slave=plc.endpoint.unit)


async def pulse_relay(plc: Plc, coil: int, seconds: float) -> None:  # expect: lock-across-await
    with plc.lock:
        await asyncio.to_thread(plc.client.write_coil, coil, True, slave=plc.endpoint.unit)
        await asyncio.sleep(seconds)
        await asyncio.to_thread(plc.client.write_coil, coil, False, slave=plc.endpoint.unit)


async def pulse_relay_ok(plc: Plc, coil: int, seconds: float) -> None:  # expect: clean  # near: lock-across-await
    def set_coil(on: bool) -> None:
        with plc.lock:
            plc.client.write_coil(coil, on, slave=plc.endpoint.unit)

    await asyncio.to_thread(set_coil, True)
    await asyncio.sleep(seconds)
    await asyncio.to_thread(set_coil, False)


class AsyncPlc:  # expect: unawaited-coroutine
    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        self.client = async_client(endpoint)

    async def connect(self) -> None:
        await self.client.connect()

    async def trip(self) -> None:
        self.client.write_coil(0, True, slave=self.endpoint.unit)


class AsyncPlcOk:  # expect: clean  # near: unawaited-coroutine, blocking-call
    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        self.client = async_client(endpoint)

    async def trip(self) -> None:
        await self.client.write_coil(0, True, slave=self.endpoint.unit)

    async def read_holding_registers(self, address: int, count: int) -> list[int]:
        rr = await self.client.read_holding_registers(address, count=count, slave=self.endpoint.unit)
        return list(rr.registers)

    def close(self) -> None:
        self.client.close()


def open_pair(ep: Endpoint) -> tuple[ModbusTcpClient, AsyncModbusTcpClient]:  # expect: clean
    return sync_client(ep), async_client(ep)


async def probe(ep: Endpoint) -> bool:  # expect: blocking-call
    legacy, modern = open_pair(ep)
    await modern.connect()
    ok = not legacy.read_coils(0, count=1, slave=ep.unit).isError()
    modern.close()
    return ok


class Station:  # expect: clean
    """A station's own PLC, connected once at start-up (before the loop runs)."""

    client: ClassVar[ModbusTcpClient]

    def __init__(self, name: str) -> None:
        self.name = name


class PumpStation(Station):  # expect: blocking-call
    async def flow_rate(self) -> float:
        rr = self.client.read_input_registers(10, count=2, slave=1)
        return (rr.registers[0] << 16 | rr.registers[1]) / 100


async def read_alarm_bits(client: Annotated[ModbusTcpClient, "the safety PLC"]) -> int:  # expect: blocking-call
    if (rr := client.read_discrete_inputs(0, count=16, slave=1)).isError():
        return -1
    return sum(bit << i for i, bit in enumerate(rr.bits))


async def read_alarm_bits_ok(client: ModbusTcpClient) -> int:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    rr = await loop.run_in_executor(None, functools.partial(client.read_discrete_inputs, 0, count=16, slave=1))
    if rr.isError():
        return -1
    return sum(bit << i for i, bit in enumerate(rr.bits))
