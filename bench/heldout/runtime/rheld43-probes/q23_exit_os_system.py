"""A context manager whose __exit__ syncs the disk with os.system, used around a coroutine's work."""
import asyncio
import os


class Synced:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        os.system("true")
        return False


async def save(items):
    with Synced():  # PLANT ACK104
        await asyncio.sleep(0)
        n = len(items)
    return n


print("saved", asyncio.run(save([1, 2])))
