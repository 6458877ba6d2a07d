"""An SSE notification fan-out: each subscriber's delivery runs as a task, and a done callback only counts the
receipt; the audit sink is written once, off the loop."""
import asyncio
import time

RECEIPTS = []
AUDIT = []


def note_receipt(task):
    RECEIPTS.append(task.result())


def write_audit(rows):
    time.sleep(0.02)
    AUDIT.extend(rows)


async def deliver(sub, event):
    await asyncio.sleep(0.01)
    return f"{sub}:{event['id']}"


async def fan_out(subscribers, event):
    tasks = []
    for sub in subscribers:
        t = asyncio.create_task(deliver(sub, event))
        t.add_done_callback(note_receipt)
        tasks.append(t)
    await asyncio.gather(*tasks)
    await asyncio.sleep(0)
    await asyncio.to_thread(write_audit, sorted(RECEIPTS))


async def main():
    await fan_out(["ann", "bob", "cy"], {"id": 7, "data": "build finished"})
    print(AUDIT)


asyncio.run(main())
