"""A feature-toggle service: an ASGI app served by uvicorn that answers `GET /flags/<name>` from an in-memory
table, refreshed from the config store by a background task the lifespan startup starts."""
import asyncio
import json

import httpx

from _asgi_serve import serve, stop

class ConfigStore:
    def __init__(self):
        self.current = {"checkout-v2": True, "dark-mode": False}

    def push(self, flags):
        self.current = dict(flags)


class ToggleApp:
    def __init__(self, store):
        self.store = store
        self.flags = {}

    async def refresh_forever(self):
        while True:
            self.flags = dict(self.store.current)
            await asyncio.sleep(0.02)

    async def lifespan(self, receive, send):
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                asyncio.get_running_loop().create_task(self.refresh_forever())  # PLANT ACK302
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            return await self.lifespan(receive, send)
        name = scope["path"].rsplit("/", 1)[-1]
        body = json.dumps({"flag": name, "on": self.flags.get(name, False)}).encode()
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": body})


async def main():
    store = ConfigStore()
    app = ToggleApp(store)
    server, runner, base = await serve(app)
    async with httpx.AsyncClient(base_url=base) as client:
        first = (await client.get("/flags/dark-mode")).json()
        store.push({"checkout-v2": True, "dark-mode": True})
        while not app.flags["dark-mode"]:
            await asyncio.sleep(0.01)
        later = (await client.get("/flags/dark-mode")).json()
    await stop(server, runner)
    print("dark-mode before:", first["on"], "after refresh:", later["on"])


asyncio.run(main())
