"""An SSE notification fan-out: each subscriber's delivery runs as a task, and a done callback writes a delivery
receipt for the audit trail (the audit sink is a sync client with a small back-off)."""
import asyncio
import time

RECEIPTS = []


def audit_receipt(task):
    # the audit client backs off a little between writes so the sink is not flooded
    time.sleep(0.02)  # PLANT ACK101
    RECEIPTS.append(task.result())


async def deliver(sub, event):
    await asyncio.sleep(0.01)
    return f"{sub}:{event['id']}"


async def fan_out(subscribers, event):
    tasks = []
    for sub in subscribers:
        t = asyncio.create_task(deliver(sub, event))
        t.add_done_callback(audit_receipt)
        tasks.append(t)
    await asyncio.gather(*tasks)
    await asyncio.sleep(0.1)


async def main():
    await fan_out(["ann", "bob", "cy"], {"id": 7, "data": "build finished"})
    print(sorted(RECEIPTS))


asyncio.run(main())
