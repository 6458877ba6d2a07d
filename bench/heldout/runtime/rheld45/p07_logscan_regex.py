"""A log-scanning job queue: each worker greps a big buffer with a backtracking pattern on the loop."""
import asyncio
import re

ERROR = re.compile(r"(\d+)\s*ERROR:")
CHUNK = "ts " + "7" * 5500 + " no error here"


def scan(buf):
    return [m.group(1) for m in ERROR.finditer(buf)]


async def worker(name, q, results):
    while True:
        item = await q.get()
        try:
            results[item[0]] = scan(item[1])  # PLANT ACK120
        finally:
            q.task_done()


async def main():
    q = asyncio.Queue(maxsize=4)
    results = {}
    workers = [asyncio.create_task(worker(f"w{i}", q, results)) for i in range(2)]
    await q.put(("small", "boot 17 ERROR: ok"))
    await q.put(("big", CHUNK))
    await q.join()
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    print(sorted((k, len(v)) for k, v in results.items()))


asyncio.run(main())
