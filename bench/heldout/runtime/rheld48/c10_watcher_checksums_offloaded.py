"""A sync tool's watcher thread reports changed blobs; a worker computes each one's Adler-style checksum."""
import asyncio
import threading


def checksum(data):
    a, b = 1, 0
    for byte in data:
        a = (a + byte) % 65521
        b = (b + a) % 65521
    return (b << 16) | a


def watch(loop, changes):
    for i in range(2):
        blob = bytes((i * 7 + j) % 251 for j in range(1_500_000))
        loop.call_soon_threadsafe(changes.put_nowait, (f"blob{i}", blob))
    loop.call_soon_threadsafe(changes.put_nowait, None)


async def main():
    changes = asyncio.Queue()
    watcher = threading.Thread(target=watch, args=(asyncio.get_running_loop(), changes))
    watcher.start()
    sums = {}
    while (item := await changes.get()) is not None:
        name, blob = item
        sums[name] = await asyncio.to_thread(checksum, blob)
    await asyncio.to_thread(watcher.join)
    print(sorted(sums.items()))


asyncio.run(main())
