"""An upload handler compressing the whole body with zlib before storing it."""
import asyncio
import zlib

BODY = b"".join(b"%d,%d,row-%d;" % (i, i * 7 % 1000, i) for i in range(450_000))


class Store:
    def __init__(self):
        self.blobs = {}

    def put(self, key, body):
        self.blobs[key] = zlib.compress(body, 6)


async def upload(store, key):
    await asyncio.sleep(0)
    store.put(key, BODY)  # PLANT ACK120
    return len(store.blobs[key]) < len(BODY)


async def main():
    print("stored smaller", await upload(Store(), "k1"))


asyncio.run(main())
