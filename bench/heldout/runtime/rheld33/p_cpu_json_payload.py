"""An export endpoint that serialises a large payload on the loop."""
import asyncio
import json
import time


def build_rows(n):
    return [{"id": i, "name": f"user-{i}", "tags": ["a", "b", "c"], "score": i * 0.5} for i in range(n)]


async def export(rows):
    await asyncio.sleep(0)
    body = json.dumps(rows, indent=2, sort_keys=True)  # PLANT ACK120
    return len(body)


async def main():
    rows = build_rows(1)
    start = time.thread_time()
    n = 1
    while time.thread_time() - start < 0.05:
        json.dumps(rows * 2000, indent=2, sort_keys=True)
        n += 1
    rows = build_rows(int(2000 * 0.4 / (time.thread_time() - start) * n))
    size = await export(rows)
    print("exported", size > 0)


asyncio.run(main())
