"""A backup snapshotter: a volume is cut into chunks, each chunk is compressed and digested in a process pool,
and the manifest lists the chunks in order with their digests and sizes."""
import asyncio
import concurrent.futures
import hashlib
import multiprocessing
import zlib


def pack(index, blob):
    packed = zlib.compress(blob, 6)
    return index, hashlib.sha256(packed).hexdigest()[:12], len(packed)


def volume(n_chunks, size):
    return [bytes((i * 31 + j) % 251 for j in range(size)) for i in range(n_chunks)]


async def snapshot(pool, chunks):
    jobs = [pool.submit(pack, i, c) for i, c in enumerate(chunks)]
    manifest = []
    for job in jobs:
        manifest.append(job.result())  # PLANT ACK106
        await asyncio.sleep(0)
    return manifest


async def main():
    chunks = volume(6, 50_000)
    with concurrent.futures.ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        manifest = await snapshot(pool, chunks)
    for row in manifest:
        print(*row)


if __name__ == "__main__":
    asyncio.run(main())
