"""A backup task that compresses a snapshot with zlib at level 9 on the loop."""
import asyncio
import os
import time
import zlib


def snapshot(size):
    chunk = os.urandom(64) * 16
    return chunk * (size // len(chunk))


class Backup:
    def __init__(self, data):
        self.data = data

    def pack(self):
        return zlib.compress(self.data, 9)


async def run_backup(backup):
    await asyncio.sleep(0)
    packed = backup.pack()  # PLANT ACK120
    return len(packed)


async def main():
    data = snapshot(1 << 20)
    start = time.thread_time()
    zlib.compress(data, 9)
    per_mb = max(time.thread_time() - start, 0.001)
    data = snapshot(int((1 << 20) * min(0.45 / per_mb, 400)))
    print("packed", await run_backup(Backup(data)) > 0)


asyncio.run(main())
