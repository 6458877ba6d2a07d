"""Thumbnails rendered in a thread pool; each job's done-callback hands the result to the loop thread-safely."""
import asyncio
import concurrent.futures


def render(name):
    return f"thumb-{name}"


async def main():
    loop = asyncio.get_running_loop()
    results = asyncio.Queue()
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for name in ("a", "b", "c"):
            job = pool.submit(render, name)
            job.add_done_callback(lambda f: loop.call_soon_threadsafe(results.put_nowait, f.result()))
        got = [await asyncio.wait_for(results.get(), 2) for _ in range(3)]
    print(sorted(got))


asyncio.run(main())
