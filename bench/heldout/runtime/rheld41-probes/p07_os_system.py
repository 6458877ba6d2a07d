"""A cleanup step that runs a shell command with os.system from a coroutine helper."""
import asyncio
import os


def purge_cache():
    return os.system("true")


async def nightly():
    await asyncio.sleep(0)
    rc = purge_cache()  # PLANT ACK104
    return rc


async def main():
    print("purge rc", await nightly())


asyncio.run(main())
