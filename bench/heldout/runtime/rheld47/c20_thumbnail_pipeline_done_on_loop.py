"""A thumbnail pipeline: a coroutine hands queued jobs to a thread pool and marks each item done on the loop."""
import asyncio
import concurrent.futures
import hashlib


def render(name):
    digest = hashlib.sha1(name.encode()).hexdigest()[:8]
    return f"{name}.thumb.{digest}"


async def dispatcher(q, pool, out):
    loop = asyncio.get_running_loop()
    while True:
        name = await q.get()
        try:
            out.append(await loop.run_in_executor(pool, render, name))
        finally:
            q.task_done()


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
