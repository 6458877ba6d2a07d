"""Thumbnails made in a thread pool, each result pushed into an asyncio.Queue by the job's done-callback."""
import asyncio
import concurrent.futures
import time


def thumbnail(name):
    time.sleep(0.03)
    return f"{name}.thumb"


async def main():
    results = asyncio.Queue()
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for name in ["a.png", "b.png"]:
            job = pool.submit(thumbnail, name)
            job.add_done_callback(lambda f: results.put_nowait(f.result()))  # PLANT ACK401
        got = []
        while len(got) < 2:
            try:
                got.append(await asyncio.wait_for(results.get(), 0.01))
            except asyncio.TimeoutError:
                pass
    print("thumbs", sorted(got))


asyncio.run(main())
