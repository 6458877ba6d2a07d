"""A request handler that starts an audit task and drops its handle; the task runs fine."""
import asyncio

audit_log = []


async def audit(req):
    await asyncio.sleep(0.01)
    audit_log.append(req)


async def handle(req):
    asyncio.create_task(audit(req))  # PLANT ACK302
    await asyncio.sleep(0)
    return f"ok {req}"


async def main():
    for r in ("r1", "r2", "r3"):
        print(await handle(r))
    await asyncio.sleep(0.05)
    print("audited", sorted(audit_log))


asyncio.run(main())
