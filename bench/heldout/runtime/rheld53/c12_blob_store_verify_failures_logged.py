"""A content-addressed blob store: blobs are written under their SHA-256, and each write starts a background
verification that reads the blob back and checks its digest. The store's loop has a task factory that names
every task after the blob it works on (for the service's task dumps); a verification in flight is kept by
digest until it ends, and a failed one is logged as a corrupt blob."""
import asyncio
import hashlib


def naming_factory(loop, coro, **kwargs):
    task = asyncio.Task(coro, loop=loop, **kwargs)
    task.set_name(f"blob:{coro.__qualname__}")
    return task


class FlakyDisk:
    def __init__(self):
        self.sectors = {}

    async def write(self, key, data):
        await asyncio.sleep(0.002)
        self.sectors[key] = data if b"bitrot" not in data else data.replace(b"bitrot", b"b1trot")

    async def read(self, key):
        await asyncio.sleep(0.002)
        return self.sectors[key]


class BlobStore:
    def __init__(self, disk):
        self.disk = disk
        self.verifying = {}
        self.verified = []
        self.corrupt = []

    async def verify(self, digest):
        data = await self.disk.read(digest)
        if hashlib.sha256(data).hexdigest() != digest:
            raise IOError(f"blob {digest[:8]} is corrupt on disk")
        self.verified.append(digest[:8])

    def verification_done(self, task):
        for digest, pending in list(self.verifying.items()):
            if pending is task:
                del self.verifying[digest]
        if not task.cancelled() and task.exception() is not None:
            self.corrupt.append(str(task.exception()))

    async def put(self, data):
        digest = hashlib.sha256(data).hexdigest()
        await self.disk.write(digest, data)
        task = asyncio.get_running_loop().create_task(self.verify(digest))
        self.verifying[digest] = task
        task.add_done_callback(self.verification_done)
        return digest[:8]


async def main():
    asyncio.get_running_loop().set_task_factory(naming_factory)
    store = BlobStore(FlakyDisk())
    keys = [await store.put(blob) for blob in (b"logo.png bytes", b"bitrot in this one", b"report.pdf bytes")]
    while store.verifying:
        await asyncio.sleep(0.005)
    print(keys)
    print("verified:", sorted(store.verified))
    print("corrupt:", store.corrupt)


asyncio.run(main())
