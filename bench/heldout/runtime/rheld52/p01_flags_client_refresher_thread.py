"""A feature-flag client: a background thread polls the flag service every 20 ms and swaps in the new rules; the
first successful poll marks the client ready, which request handlers wait for before they evaluate a flag."""
import asyncio
import hashlib
import threading
import time


class FlagService:
    def __init__(self):
        self.version = 0

    def fetch(self):
        time.sleep(0.01)
        self.version += 1
        return {"version": self.version, "rules": {"new-checkout": 30, "dark-mode": 100, "beta-search": 0}}


class FlagClient:
    def __init__(self, service):
        self.service = service
        self.rules = {}
        self.ready = asyncio.Event()
        self.stop = threading.Event()

    def refresher(self):
        while not self.stop.is_set():
            snapshot = self.service.fetch()
            self.rules = snapshot["rules"]
            if not self.ready.is_set():
                self.ready.set()  # PLANT ACK401
            self.stop.wait(0.02)

    def start(self):
        self.thread = threading.Thread(target=self.refresher, name="flag-refresher", daemon=True)
        self.thread.start()

    def enabled(self, flag, user):
        bucket = int(hashlib.sha1(f"{flag}:{user}".encode()).hexdigest(), 16) % 100
        return bucket < self.rules.get(flag, 0)


async def handle(client, user):
    await client.ready.wait()
    return user, [f for f in ("new-checkout", "dark-mode", "beta-search") if client.enabled(f, user)]


async def report_health(stop):
    beats = 0
    while not stop.is_set():
        await asyncio.sleep(0.01)
        beats += 1
    return beats


async def main():
    client = FlagClient(FlagService())
    client.start()
    health = asyncio.create_task(report_health(client.stop))
    results = await asyncio.gather(*(handle(client, f"user-{n}") for n in range(6)))
    client.stop.set()
    await health
    await asyncio.to_thread(client.thread.join)
    for user, flags in results:
        print(user, ",".join(flags) or "-")


asyncio.run(main())
