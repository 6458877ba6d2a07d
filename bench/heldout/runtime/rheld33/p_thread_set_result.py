"""A to_thread worker that resolves the caller's future directly when it finishes."""
import asyncio
import hashlib


def digest_files(names, fut):
    out = {n: hashlib.sha1(n.encode()).hexdigest()[:8] for n in names}
    fut.set_result(out)  # PLANT ACK401


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    await asyncio.gather(asyncio.to_thread(digest_files, ["a", "b"], fut), asyncio.sleep(0.05))
    print(await fut)


asyncio.run(main())
