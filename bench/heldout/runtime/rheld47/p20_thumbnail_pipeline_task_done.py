"""A thumbnail pipeline: a coroutine hands queued jobs to a thread pool, whose job marks the queue item done."""
import asyncio
import concurrent.futures
import hashlib


def render(q, name):
    digest = hashlib.sha1(name.encode()).hexdigest()[:8]
    q.task_done()  # PLANT ACK401
    return f"{name}.thumb.{digest}"


async def dispatcher(q, pool, out):
    loop = asyncio.get_running_loop()
    while True:
        name = await q.get()
        out.append(await loop.run_in_executor(pool, render, q, name))


async def main():
    q = asyncio.Queue(maxsize=8)
    out = []
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        worker = asyncio.create_task(dispatcher(q, pool, out))
        for name in ("cat.png", "dog.png", "owl.png"):
            await q.put(name)
        await q.join()
        worker.cancel()
    print(len(out) in (2, 3), sorted(o.split(".")[0] for o in out)[:2])


asyncio.run(main())
