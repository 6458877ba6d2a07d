"""A crawler with a deadline enforced by a threading.Timer that cancels its task."""
import asyncio
import threading


class Crawler:
    def __init__(self):
        self.pages = 0
        self.task = None

    async def crawl(self):
        for _ in range(200):
            await asyncio.sleep(0.01)
            self.pages += 1

    def start(self):
        self.task = asyncio.create_task(self.crawl())
        self.timer = threading.Timer(0.05, self._deadline)
        self.timer.start()
        return self.task

    def _deadline(self):
        self.task.cancel()  # PLANT ACK401


async def main():
    c = Crawler()
    t = c.start()
    try:
        await t
        print("finished")
    except asyncio.CancelledError:
        print("cancelled by deadline:", t.cancelled(), "before the end:", c.pages < 200)


asyncio.run(main())
