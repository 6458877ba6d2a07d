"""Shapes missed on held-out sets: a queue size that comes to 0 or less when its parameters keep their defaults,
the devices the kernel answers at once (/dev/null, /dev/zero, /dev/urandom), ..., each beside look-alikes that
stay quiet."""
from __future__ import annotations

from .helpers import check_marked


def test_queue_size_that_folds_to_no_bound_by_default():
    check_marked('''
        import asyncio

        STANDARD = 64

        class Relay:
            def __init__(self, source, depth=None, limit: int = 0, ceiling: int = 32):
                self.source = source
                self._limit = limit
                self.a = asyncio.Queue(maxsize=depth if depth else 0)  # ACK501
                self.b = asyncio.Queue(0 if depth is None else depth)  # ACK501
                self.c = asyncio.Queue(maxsize=int(self._limit or 0))  # ACK501
                self.d = asyncio.Queue(maxsize=depth if depth is not None else -1)  # ACK501
                self.e = asyncio.Queue(maxsize=depth if depth else 100)
                self.f = asyncio.Queue(maxsize=depth or STANDARD)
                self.g = asyncio.Queue(maxsize=max(depth or 0, 8))
                self.h = asyncio.Queue(maxsize=ceiling if ceiling else 0)
                self.i = asyncio.Queue(maxsize=source.settings.depth or 0)

            async def pump(self):
                while True:
                    chunk = await self.source.read(4096)
                    self.a.put_nowait(chunk)
                    self.b.put_nowait(chunk)
                    self.c.put_nowait(chunk)
                    self.d.put_nowait(chunk)
                    self.e.put_nowait(chunk)
                    self.f.put_nowait(chunk)
                    self.g.put_nowait(chunk)
                    self.h.put_nowait(chunk)
                    self.i.put_nowait(chunk)
    ''', ["ACK501"])


def test_devices_the_kernel_answers_at_once_are_not_blocking_file_io():
    check_marked('''
        import os

        DISCARD = "/dev/null"

        def silence() -> None:
            with open(DISCARD, "w") as bin_:
                bin_.write("gone")

        def slurp(name: str) -> bytes:
            with open(name, "rb") as fh:
                return fh.read()

        async def quiet_bits() -> bytes:
            with open("/dev/null", "w") as bin_:
                print("x", file=bin_)
                bin_.write("y")
            out = open(os.devnull, "wb")
            out.write(b"z")
            fd = os.open("/dev/zero", os.O_RDONLY)
            zeros = os.read(fd, 32)
            with open("/dev/urandom", "rb") as noise:
                salt = noise.read(16)
            silence()
            return zeros + salt

        async def slow_bits(port: str) -> bytes:
            with open("/dev/random", "rb") as pool:  # ACK103
                seed = pool.read(16)  # ACK103
            with open("/dev/ttyUSB0", "rb") as line:  # ACK103
                seed += line.readline()  # ACK103
            with open("/dev/null.d/notes.txt") as notes:  # ACK103
                notes.read()  # ACK103
            slurp(port)  # ACK103
            return seed
    ''', ["ACK103"])
