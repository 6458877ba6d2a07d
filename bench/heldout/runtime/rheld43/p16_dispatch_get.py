"""An event router dispatching through a dict's .get(kind), the handler's coroutine never awaited."""
import asyncio

log = []


async def on_created(payload):
    log.append(("created", payload))


async def on_deleted(payload):
    log.append(("deleted", payload))


ROUTES = {"created": on_created, "deleted": on_deleted}


async def route(event):
    handler = ROUTES.get(event["kind"])
    if handler is None:
        return False
    handler(event["id"])  # PLANT ACK301
    return True


async def main():
    print("routed", await route({"kind": "created", "id": 7}), "log", log)


asyncio.run(main())
