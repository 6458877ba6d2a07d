"""A URL shortener: redirects are answered from memory and hit counts are flushed to the analytics store by a
background task per batch. The service installs a task factory that names every task after the request that
made it, for its logs."""
import asyncio
import contextvars
import hashlib

REQUEST = contextvars.ContextVar("request", default="boot")


def naming_factory(loop, coro, **kwargs):
    task = asyncio.Task(coro, loop=loop, **kwargs)
    task.set_name(f"{REQUEST.get()}:{coro.__qualname__}")
    return task


class AnalyticsStore:
    def __init__(self):
        self.rows = []

    async def write(self, batch):
        await asyncio.sleep(0.005)
        if any(code.startswith("x") for code in batch):
            raise ValueError(f"analytics rejected batch of {len(batch)}")
        self.rows.extend(batch.items())


class Shortener:
    def __init__(self, store):
        self.links = {}
        self.hits = {}
        self.store = store
        self.flushes = []

    def shorten(self, url):
        code = hashlib.blake2s(url.encode(), digest_size=3).hexdigest()
        self.links[code] = url
        return code

    async def redirect(self, code):
        REQUEST.set(f"GET /{code}")
        self.hits[code] = self.hits.get(code, 0) + 1
        if sum(self.hits.values()) >= 4:
            batch, self.hits = self.hits, {}
            self.flushes.append(asyncio.get_running_loop().create_task(self.store.write(batch)))  # PLANT ACK303
        await asyncio.sleep(0.001)
        return self.links.get(code, "/404")


async def main():
    asyncio.get_running_loop().set_task_factory(naming_factory)
    store = AnalyticsStore()
    svc = Shortener(store)
    codes = [svc.shorten(u) for u in ("https://example.org/a", "https://example.org/b", "https://example.org/c")]
    for code in codes * 2 + ["xdead", "xbeef"] + codes:
        await svc.redirect(code)
    await asyncio.sleep(0.05)
    print(codes, sorted(store.rows), len(svc.flushes))


asyncio.run(main())
