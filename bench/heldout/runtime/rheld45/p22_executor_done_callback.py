"""Thumbnails rendered in a thread pool; the pool future's done-callback feeds the loop's queue directly."""
import asyncio
import concurrent.futures


def render(name):
    return f"thumb-{name}"


async def beat():
    while True:
        await asyncio.sleep(0.01)


async def main():
    heartbeat = asyncio.create_task(beat())
    results = asyncio.Queue()
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for name in ("a", "b", "c"):
            job = pool.submit(render, name)
            job.add_done_callback(lambda f: results.put_nowait(f.result()))  # PLANT ACK401
        got = [await asyncio.wait_for(results.get(), 2) for _ in range(3)]
    heartbeat.cancel()
    print(sorted(got))


asyncio.run(main())
