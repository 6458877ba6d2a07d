"""A circuit breaker around an HTTP backend (aiohttp client and server): after three failures it opens, and
one probe at a time may half-open it again."""
import asyncio
import threading

from aiohttp import ClientSession, web

FLAKY = {"left": 3}


async def quote(request):
    if FLAKY["left"] > 0:
        FLAKY["left"] -= 1
        return web.Response(status=503, text="busy")
    return web.json_response({"eur": 1.08})


class Breaker:
    def __init__(self, session, url):
        self.session = session
        self.url = url
        self.failures = 0
        self.state = "closed"
        self._state_lock = threading.Lock()

    async def call(self):
        if self.state == "open":
            with self._state_lock:  # PLANT ACK201
                await asyncio.sleep(0.02)
                self.state = "half-open"
        async with self.session.get(self.url) as resp:
            ok = resp.status == 200
            body = await resp.json() if ok else None
        self.failures = 0 if ok else self.failures + 1
        self.state = "closed" if ok else ("open" if self.failures >= 3 else self.state)
        return self.state, body


async def main():
    app = web.Application()
    app.router.add_get("/quote", quote)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    seen = []
    async with ClientSession() as session:
        breaker = Breaker(session, f"http://127.0.0.1:{port}/quote")
        for _ in range(5):
            seen.append(await breaker.call())
    await runner.cleanup()
    print(seen)


asyncio.run(main())
