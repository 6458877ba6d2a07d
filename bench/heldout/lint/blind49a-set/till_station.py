"""A till station: a receipt printer and a card reader on serial ports, and the loyalty-token balance on chain."""
from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import threading
from typing import Awaitable, Callable, Iterator, Optional, TypeVar, Union

import serial
import serial_asyncio
from web3 import AsyncHTTPProvider, AsyncWeb3, HTTPProvider, Web3

log = logging.getLogger("till")
RPC = "https://rpc.example.org"
TOKEN = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
TOKEN_ABI: list = []
PrinterPort = serial.Serial
Chain = Union[AsyncWeb3, None]
PortT = TypeVar("PortT", bound=serial.Serial)


def open_printer(device: str = "/dev/ttyUSB0") -> PrinterPort:  # expect: clean
    return serial.Serial(device, 19200, timeout=2)


class ReceiptPrinter:  # expect: blocking-call
    def __init__(self, port: PrinterPort) -> None:
        self.port = port

    async def print_receipt(self, lines: list[str]) -> None:
        for line in lines:
            self.port.write(line.encode("cp437") + b"\n")
        self.port.write(b"\x1dV\x00")
        self.port.flush()


class ReceiptPrinterOk:  # expect: clean  # near: blocking-call
    def __init__(self, port: PrinterPort) -> None:
        self.port = port
        self._lock = threading.Lock()

    def _print_sync(self, lines: list[str]) -> None:
        with self._lock:
            for line in lines:
                self.port.write(line.encode("cp437") + b"\n")
            self.port.write(b"\x1dV\x00")
            self.port.flush()

    async def print_receipt(self, lines: list[str]) -> None:
        await asyncio.to_thread(self._print_sync, lines)


async def read_card(port: serial.Serial) -> Optional[str]:  # expect: blocking-call
    raw = port.readline()
    return raw.decode().strip() or None


async def wait_ready(port: PortT) -> PortT:  # expect: blocking-call
    port.write(b"STATUS\r")
    reply = port.read_until(b"\r")
    if not reply.startswith(b"OK"):
        raise RuntimeError(f"device not ready: {reply!r}")
    return port


async def printer_status() -> bytes:  # expect: blocking-call
    port = open_printer()
    port.write(b"\x10\x04\x01")
    return port.read(1)


class CardReader:  # expect: clean  # near: blocking-call
    """The card reader on pyserial-asyncio: its reads are coroutines."""

    def __init__(self) -> None:
        self.reader: Optional[asyncio.StreamReader] = None
        self.writer: Optional[asyncio.StreamWriter] = None

    async def open(self, device: str) -> None:
        self.reader, self.writer = await serial_asyncio.open_serial_connection(url=device, baudrate=9600)

    async def read_card(self) -> Optional[str]:
        raw = await self.reader.readline()
        return raw.decode().strip() or None

    async def beep(self) -> None:
        self.writer.write(b"\x07")
        await self.writer.drain()


class CardReaderReset:  # expect: unawaited-coroutine
    def __init__(self, writer: asyncio.StreamWriter) -> None:
        self.writer = writer

    async def reset(self) -> None:
        self.writer.write(b"\x1b@")
        self.writer.drain()


class CustomerDisplay:  # expect: clean
    def __init__(self, writer: asyncio.StreamWriter) -> None:
        self.writer = writer

    async def show_line(self, text: str, row: int = 0) -> None:
        self.writer.write(f"\x1b[{row};0H{text[:20]:<20}".encode())
        await self.writer.drain()

    async def clear(self) -> None:
        self.writer.write(b"\x0c")
        await self.writer.drain()


async def announce(display: CustomerDisplay, items: list[str]) -> None:  # expect: unawaited-coroutine
    show = functools.partial(display.show_line, row=1)
    for item in items:
        show(item)
        await asyncio.sleep(1.5)


async def announce_ok(display: CustomerDisplay, items: list[str]) -> None:  # expect: clean  # near: unawaited-coroutine
    show = functools.partial(display.show_line, row=1)
    for item in items:
        await show(item)
        await asyncio.sleep(1.5)


class PortMux:  # expect: lock-across-await
    """The printer and the pole display share one port; the USB hot-plug thread reopens it."""

    def __init__(self, port: PrinterPort) -> None:
        self._port = port
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def claimed(self) -> Iterator[PrinterPort]:
        with self._lock:
            yield self._port

    async def show_total(self, display: CustomerDisplay, amount: str) -> None:
        with self.claimed() as port:
            await display.clear()
            await asyncio.to_thread(port.write, f"TOTAL {amount}\r".encode())


class PortMuxOk:  # expect: clean  # near: lock-across-await
    def __init__(self, port: PrinterPort) -> None:
        self._port = port
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def claimed(self) -> Iterator[PrinterPort]:
        with self._lock:
            yield self._port

    def _write(self, data: bytes) -> None:
        with self.claimed() as port:
            port.write(data)

    async def show_total(self, display: CustomerDisplay, amount: str) -> None:
        await display.clear()
        await asyncio.to_thread(self._write, f"TOTAL {amount}\r".encode())


async def card_loop(reader: CardReader, on_card: Callable[[str], Awaitable[None]]) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            card = await reader.read_card()
        except (asyncio.CancelledError, serial.SerialException):
            log.warning("card reader lost, reopening")
            await asyncio.sleep(2)
            continue
        if card:
            await on_card(card)


async def heartbeat(check: Callable[[], Awaitable[None]]) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        try:
            await check()
        except Exception as exc:
            if isinstance(exc, asyncio.CancelledError):
                raise
            log.exception("printer heartbeat failed")
        await asyncio.sleep(30)


def chain() -> Web3:  # expect: clean
    return Web3(HTTPProvider(RPC, request_kwargs={"timeout": 10}))


def async_chain() -> AsyncWeb3:  # expect: clean
    return AsyncWeb3(AsyncHTTPProvider(RPC))


async def loyalty_balance(address: str) -> int:  # expect: blocking-call
    w3 = chain()
    token = w3.eth.contract(address=TOKEN, abi=TOKEN_ABI)
    return token.functions.balanceOf(Web3.to_checksum_address(address)).call()


async def loyalty_balance_ok(address: str) -> int:  # expect: clean  # near: blocking-call
    w3 = async_chain()
    token = w3.eth.contract(address=TOKEN, abi=TOKEN_ABI)
    return await token.functions.balanceOf(Web3.to_checksum_address(address)).call()


class Payouts:  # expect: blocking-call
    def __init__(self, w3: Optional[Web3] = None) -> None:
        self.w3 = w3 or chain()

    async def send(self, signed_raw: bytes) -> str:
        tx = self.w3.eth.send_raw_transaction(signed_raw)
        return tx.hex()


async def normalise_wallet(address: str) -> str:  # expect: clean  # near: blocking-call
    if not Web3.is_address(address):
        raise ValueError(address)
    return Web3.to_checksum_address(address)


class ChainWatcher:  # expect: unawaited-coroutine
    def __init__(self, w3: AsyncWeb3) -> None:
        self.w3 = w3

    async def confirm(self, tx_hash: str) -> bool:
        receipt = self.w3.eth.wait_for_transaction_receipt(tx_hash, timeout=120)
        return receipt["status"] == 1


class ChainWatcherOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, w3: AsyncWeb3) -> None:
        self.w3 = w3

    async def confirm(self, tx_hash: str) -> bool:
        receipt = await self.w3.eth.wait_for_transaction_receipt(tx_hash, timeout=120)
        return receipt["status"] == 1


async def wallet_balance(w3: Chain, address: str) -> int:  # expect: unawaited-coroutine
    if w3 is None:
        return 0
    balance = w3.eth.get_balance(Web3.to_checksum_address(address))
    log.info("balance of %s: %s", address, balance)
    return int(balance)
