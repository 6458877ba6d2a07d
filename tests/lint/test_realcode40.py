"""Shapes found wrong or overclaimed on real async applications (realcode40): each beside the real anti-pattern
of its kind, which is still reported as before."""
from __future__ import annotations

from .helpers import check_marked


def test_a_queue_a_method_fills_with_one_batch_and_then_drains_itself_is_not_a_backlog():
    # A dispatcher keeps a priority queue on the instance; `run(urls)` puts every url of the list it is handed,
    # then, in later statements of the same call, takes them out again as slots free up. The queue holds that
    # one batch, which the caller already holds as a list, and a maxsize would leave the fill waiting forever on
    # its own put (the drain only starts after it). Still reported: a method that drains first and fills in a
    # loop while it drains, a fill and a drain in each round of a loop (the backlog carries over the rounds), and
    # a fill whose drain lives in another method run concurrently (a channel whose producer can outrun it)
    check_marked('''
        import asyncio


        class Dispatcher:
            def __init__(self):
                self.pending = asyncio.PriorityQueue()
                self.rounds = asyncio.Queue()  # ACK501
                self.channel = asyncio.Queue()  # ACK501

            async def run(self, urls):
                active = set()
                try:
                    for url in urls:
                        await self.pending.put((0, url))
                    done = 0
                    while done < len(urls):
                        while len(active) < 4 and not self.pending.empty():
                            _, url = self.pending.get_nowait()
                            active.add(asyncio.create_task(self.fetch(url)))
                        finished, active = await asyncio.wait(active, return_when=asyncio.FIRST_COMPLETED)
                        done += len(finished)
                finally:
                    for task in active:
                        task.cancel()

            async def retry_all(self, urls):
                for url in urls:
                    self.pending.put_nowait((1, url))
                while not self.pending.empty():
                    await self.fetch(self.pending.get_nowait()[1])

            async def run_rounds(self, source):
                while True:
                    for url in await source.next_batch():
                        await self.rounds.put(url)
                    await self.fetch(await self.rounds.get())

            async def feed(self, source):
                async for url in source:
                    await self.channel.put(url)

            async def drain(self):
                while True:
                    await self.fetch(await self.channel.get())

            async def fetch(self, url):
                await asyncio.sleep(0)
    ''', ["ACK501"])


def test_a_retry_that_puts_back_the_item_its_caller_took_does_not_grow_the_queue():
    # A worker pool takes `(priority, (url, tries))` from the instance's queue and starts `self.fetch(url, tries)`
    # for it; when memory runs short, `fetch` puts the same url back with one more try. However often it runs,
    # each run puts back at most the one item its caller took. Still reported: a queue filled with fresh values
    # once per link found on a page
    check_marked('''
        import asyncio


        class Pool:
            def __init__(self, limit):
                self.limit = limit
                self.pending = asyncio.PriorityQueue()
                self.links = asyncio.Queue()  # ACK501

            async def work(self):
                while True:
                    priority, (url, tries) = await self.pending.get()
                    asyncio.create_task(self.fetch(url, tries=tries))

            async def fetch(self, url, tries):
                if self.busy():
                    await asyncio.sleep(0.1)
                    await self.pending.put((tries + 1, (url, tries + 1)))
                    return
                for link in await self.download(url):
                    await self.found(link)

            async def found(self, link):
                await self.links.put(link)

            async def crawl(self):
                while True:
                    await self.download(await self.links.get())

            def busy(self):
                return False

            async def download(self, url):
                return [url]
    ''', ["ACK501"])
