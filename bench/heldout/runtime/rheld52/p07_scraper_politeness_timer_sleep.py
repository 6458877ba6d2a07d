"""A scraper's politeness scheduler: each host has a crawl delay; fetches wait for a slot, and a loop timer opens
the next slot of a host once its delay has passed (a host that asks for more than the timer's granularity gets
the rest of its delay when the slot opens)."""
import asyncio
import time

CRAWL_DELAY = {"a.example": 0.03, "b.example": 0.05, "slow.example": 0.15}
GRANULARITY = 0.05


class Politeness:
    def __init__(self, loop):
        self.loop = loop
        self.slots = {host: asyncio.Semaphore(1) for host in CRAWL_DELAY}
        self.opened = []

    def open_slot(self, host, due):
        remaining = due - self.loop.time()
        if remaining > 0:
            time.sleep(remaining)  # PLANT ACK101
        self.opened.append(host)
        self.slots[host].release()

    async def fetch(self, host, path):
        await self.slots[host].acquire()
        await asyncio.sleep(0.005)
        delay = CRAWL_DELAY[host]
        due = self.loop.time() + delay
        self.loop.call_at(self.loop.time() + min(delay, GRANULARITY), self.open_slot, host, due)
        return f"{host}{path}"


async def main():
    polite = Politeness(asyncio.get_running_loop())
    urls = [(h, f"/page{n}") for n in range(3) for h in CRAWL_DELAY]
    pages = await asyncio.gather(*(polite.fetch(h, p) for h, p in urls))
    print(len(pages), pages[:3])
    await asyncio.sleep(0.2)
    print(sorted(set(polite.opened)), len(polite.opened))


asyncio.run(main())
