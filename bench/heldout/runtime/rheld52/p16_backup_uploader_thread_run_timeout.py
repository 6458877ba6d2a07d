"""A backup uploader with a synchronous entry point for the scheduler: `upload_sync()` runs its own loop on the
scheduler's worker thread and uploads the parts with a deadline; a part that is cut off by the deadline reports
that it is partial."""
import asyncio


class Part:
    def __init__(self, name, size, speed):
        self.name, self.size, self.speed = name, size, speed
        self.sent = 0

    async def upload(self):
        try:
            while self.sent < self.size:
                await asyncio.sleep(0.01)
                self.sent = min(self.size, self.sent + self.speed)
            return self.name, "done"
        except asyncio.CancelledError:  # PLANT ACK602
            return self.name, "partial" if self.sent < self.size else "done"


async def upload_all(parts, deadline):
    results = []
    for part in parts:
        task = asyncio.create_task(part.upload())
        try:
            async with asyncio.timeout(deadline):
                results.append(await task)
        except TimeoutError:
            results.append((part.name, "timed out"))
    return results


def upload_sync(parts, deadline):
    return asyncio.run(upload_all(parts, deadline))


async def scheduler():
    parts = [Part("db.tar.0", 100, 50), Part("db.tar.1", 10000, 40), Part("db.tar.2", 60, 30)]
    results = await asyncio.to_thread(upload_sync, parts, 0.4)
    for name, status in results:
        print(name, status)


asyncio.run(scheduler())
