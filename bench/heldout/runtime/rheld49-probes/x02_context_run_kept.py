import asyncio, contextvars
request_id = contextvars.ContextVar("request_id")
LOG = []
TASKS = set()
async def audit(action):
    await asyncio.sleep(0.01)
    LOG.append((request_id.get(), action))
async def handle(rid):
    ctx = contextvars.copy_context()
    ctx.run(request_id.set, rid)
    t = ctx.run(asyncio.create_task, audit("login"))
    TASKS.add(t); t.add_done_callback(TASKS.discard)
    await asyncio.sleep(0)
async def main():
    for rid in ("r1", "r2"):
        await handle(rid)
    while len(LOG) < 2: await asyncio.sleep(0.01)
    print(sorted(LOG))
asyncio.run(main())
