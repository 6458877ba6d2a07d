import asyncio, contextvars
request_id = contextvars.ContextVar("request_id")
LOG = []
async def audit(action):
    await asyncio.sleep(0.01)
    LOG.append((request_id.get(), action))
async def handle(rid):
    ctx = contextvars.copy_context()
    ctx.run(request_id.set, rid)
    ctx.run(asyncio.create_task, audit("login"))  # PLANT ACK302
    await asyncio.sleep(0)
async def main():
    for rid in ("r1", "r2"):
        await handle(rid)
    while len(LOG) < 2: await asyncio.sleep(0.01)
    print(sorted(LOG))
asyncio.run(main())
