"""A to_thread worker that resolves the caller's future through call_soon_threadsafe."""
import asyncio
import hashlib


def digest_files(names, loop, fut):
    out = {n: hashlib.sha1(n.encode()).hexdigest()[:8] for n in names}
    loop.call_soon_threadsafe(fut.set_result, out)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    await asyncio.to_thread(digest_files, ["a", "b"], loop, fut)
    print(await fut)


asyncio.run(main())
