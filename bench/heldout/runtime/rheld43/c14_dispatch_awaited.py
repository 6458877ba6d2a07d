"""An event router dispatching through .get(kind) and getattr(self, f"on_{kind}"), both awaited."""
import asyncio

log = []


async def on_created(payload):
    log.append(("created", payload))


ROUTES = {"created": on_created}


class Session:
    async def on_join(self, body):
        log.append(("joined", body))

    async def receive(self, kind, body):
        method = getattr(self, f"on_{kind}", None)
        if method is not None:
            await method(body)


async def route(event):
    handler = ROUTES.get(event["kind"])
    if handler is None:
        return False
    await handler(event["id"])
    return True


async def main():
    print("routed", await route({"kind": "created", "id": 7}))
    await Session().receive("join", "room-1")
    print("log", log)


asyncio.run(main())
