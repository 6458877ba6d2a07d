"""An export endpoint that serialises a large payload in a worker thread."""
import asyncio
import json


def build_rows(n):
    return [{"id": i, "name": f"user-{i}", "tags": ["a", "b", "c"], "score": i * 0.5} for i in range(n)]


async def export(rows):
    body = await asyncio.to_thread(json.dumps, rows, indent=2, sort_keys=True)
    return len(body)


async def main():
    size = await export(build_rows(40000))
    print("exported", size > 0)


asyncio.run(main())
