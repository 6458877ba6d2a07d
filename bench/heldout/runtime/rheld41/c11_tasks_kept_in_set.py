"""Fire-and-forget audit tasks kept in a set until they finish."""
import asyncio

audit_log = []
background = set()


async def audit(req):
    await asyncio.sleep(0.01)
    audit_log.append(req)


async def handle(req):
    t = asyncio.create_task(audit(req))
    background.add(t)
    t.add_done_callback(background.discard)
    await asyncio.sleep(0)
    return f"ok {req}"


async def main():
    for r in ("r1", "r2", "r3"):
        print(await handle(r))
    await asyncio.sleep(0.05)
    print("audited", sorted(audit_log), "pending", len(background))


asyncio.run(main())
