"""False-alarm shapes found by linting more real asyncio code (nextcord, temporalio, distributed, ...): each
look-alike must stay clean, beside the close case it must still flag."""
from tests.lint.helpers import check_marked


def test_a_buffer_its_consumer_refills_only_once_it_is_empty():
    # A paginating iterator: `next()` fetches one more page only when it has handed out the last one.
    check_marked(
        """
        import asyncio


        class Pages:
            def __init__(self, fetch):
                self.fetch = fetch
                self.items = asyncio.Queue()

            async def next(self):
                if self.items.empty():
                    await self._fill()
                return self.items.get_nowait()

            async def _fill(self):
                for item in await self.fetch():
                    await self.items.put(item)

            async def all(self):
                out = []
                while True:
                    out.append(await self.next())


        class EarlyExit:
            def __init__(self, fetch):
                self.fetch = fetch
                self.items = asyncio.Queue()

            async def next(self):
                if not self.items.empty():
                    return self.items.get_nowait()
                await self._fill()
                return self.items.get_nowait()

            async def _fill(self):
                for item in await self.fetch():
                    self.items.put_nowait(item)

            async def all(self):
                while True:
                    yield await self.next()


        class Unguarded:
            def __init__(self, fetch):
                self.fetch = fetch
                self.items = asyncio.Queue()  # ACK501

            async def next(self):
                if self.items.qsize_hint:
                    await self._fill()
                return self.items.get_nowait()

            async def _fill(self):
                for item in await self.fetch():
                    await self.items.put(item)

            async def all(self):
                while True:
                    yield await self.next()


        class OtherQueueChecked:
            def __init__(self, fetch):
                self.fetch = fetch
                self.items = asyncio.Queue()  # ACK501
                self.other = asyncio.Queue(10)

            async def next(self):
                if self.other.empty():
                    await self._fill()
                return self.items.get_nowait()

            async def _fill(self):
                for item in await self.fetch():
                    await self.items.put(item)

            async def all(self):
                while True:
                    yield await self.next()


        class WholeStreamOnEmpty:
            def __init__(self, stream):
                self.stream = stream
                self.items = asyncio.Queue()  # ACK501

            async def next(self):
                if self.items.empty():
                    await self._fill()
                return self.items.get_nowait()

            async def _fill(self):
                async for item in self.stream:
                    await self.items.put(item)
        """,
        ["ACK501"],
    )

