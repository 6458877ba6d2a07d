"""Shapes found wrong or overclaimed on real async libraries (realcode31): each beside the real anti-pattern of
its kind, which is still reported."""
from __future__ import annotations

from .helpers import check_marked


def test_a_reconnect_loop_that_cancels_the_task_in_its_slot_when_it_drops_the_link_keeps_one_in_flight():
    # A listener reconnects whenever its link is gone (`if self._link is None:`) and starts a poller for each
    # link, kept in one attribute; the branch that drops the link (`self._link = None`) also cancels that poller,
    # so at most one runs. Dropping the link without cancelling, cancelling another attribute, or a spawn that
    # is not gated by the link being gone still start a poller per pass: reported
    check_marked('''
        import asyncio


        class Listener:
            def __init__(self, connect):
                self._connect = connect
                self._link = None
                self._poller = None
                self._watchdog = None

            async def _poll(self):
                while True:
                    await self._link.ping()
                    await asyncio.sleep(30)

            async def listen(self):
                while True:
                    if self._link is None:
                        self._link = await self._connect()
                        self._poller = asyncio.create_task(self._poll())
                    data = await self._link.read()
                    if not data:
                        self._poller.cancel()
                        self._link = None

            async def listen_leaky(self):
                while True:
                    if self._link is None:
                        self._link = await self._connect()
                        self._poller = asyncio.create_task(self._poll())  # ACK502
                    data = await self._link.read()
                    if not data:
                        self._link = None

            async def listen_cancels_another(self):
                while True:
                    if not self._link:
                        self._link = await self._connect()
                        self._poller = asyncio.create_task(self._poll())  # ACK502
                    data = await self._link.read()
                    if not data:
                        self._watchdog.cancel()
                        self._link = None

            async def listen_ungated(self, requests):
                while True:
                    await requests.get()
                    self._poller = asyncio.create_task(self._poll())  # ACK502
                    if self._link is None:
                        self._poller.cancel()
                        self._link = None
    ''', ["ACK502"])


def test_a_task_bound_to_a_local_of_a_coroutine_that_then_loops_forever_is_held_by_its_frame():
    # A debugging client starts a writer task, binds it to `_` and then reads replies in `while True:` for as
    # long as it runs: the local lives in the coroutine's frame, which the endless loop keeps alive. A loop
    # that can break or return lets the frame go while the task runs on; a name rebound later loses the task;
    # a task made inside the loop is rebound each round: all still reported
    check_marked('''
        import asyncio


        async def pump(writer, interval):
            while True:
                writer.write(b"?")
                await writer.drain()
                await asyncio.sleep(interval)


        async def watch(reader, writer):
            _ = asyncio.create_task(pump(writer, 5))
            while True:
                line = await reader.readline()
                print(line)


        async def watch_named(reader, writer):
            pumping = asyncio.create_task(pump(writer, 5))
            while 1:
                print(await reader.readline())


        async def watch_until_empty(reader, writer):
            _ = asyncio.create_task(pump(writer, 5))  # ACK302
            while True:
                line = await reader.readline()
                if not line:
                    break
                print(line)


        async def watch_until_done(reader, writer):
            _ = asyncio.create_task(pump(writer, 5))  # ACK302
            while True:
                line = await reader.readline()
                for word in line.split():
                    if word == b"done":
                        return
                print(line)


        async def watch_rebinding(reader, writer):
            _ = asyncio.create_task(pump(writer, 5))  # ACK302
            while True:
                _, line = None, await reader.readline()
                print(line)


        async def watch_once(reader, writer):
            _ = asyncio.create_task(pump(writer, 5))  # ACK302
            print(await reader.readline())


        async def watch_each(reader, writer):
            while True:
                _ = asyncio.create_task(pump(writer, 5))  # ACK302
                print(await reader.readline())
    ''', ["ACK302"])
