"""A metrics service whose sync vendor SDK (retrying with time.sleep) is called through asyncio.to_thread."""
import asyncio
import time


class TransientError(Exception):
    pass


def _with_retries(fn, attempts=3, backoff=0.12):
    for i in range(attempts):
        try:
            return fn()
        except TransientError:
            if i == attempts - 1:
                raise
            time.sleep(backoff)


class VendorClient:
    def __init__(self):
        self.calls = 0

    def _post(self, payload):
        self.calls += 1
        if self.calls == 1:
            raise TransientError("503")
        return {"ok": True, "n": len(payload)}

    def push(self, payload):
        return _with_retries(lambda: self._post(payload))


class MetricsService:
    def __init__(self):
        self.client = VendorClient()
        self.buffer = []
        self._task = None

    async def start(self):
        self._task = asyncio.create_task(self._flusher())

    async def _flusher(self):
        while True:
            await asyncio.sleep(0.01)
            if self.buffer:
                batch, self.buffer = self.buffer, []
                result = await asyncio.to_thread(self.client.push, batch)
                print("flushed", result["n"])

    async def stop(self):
        self._task.cancel()
        try:
            await self._task
        except asyncio.CancelledError:
            pass


async def main():
    svc = MetricsService()
    await svc.start()
    svc.buffer.extend(["cpu=1", "mem=2", "disk=3"])
    await asyncio.sleep(0.4)
    await svc.stop()
    print("calls", svc.client.calls)


asyncio.run(main())
