import asyncio
import contextlib
import threading

lock = threading.Lock()
state = threading.Lock()
owner = threading.Lock()


def take():
    lock.acquire()  # taken in a helper, released by another one after the await


def give():
    lock.release()


@contextlib.contextmanager
def locked():
    with state:  # held while a coroutine keeps the context manager open
        yield


async def claim():
    owner.acquire()  # ACK201: taken by a coroutine that returns; its caller awaits with it held
    return 1


async def helpers():
    take()  # ACK201: where the coroutine took the lock through the helper
    await asyncio.sleep(0.01)
    give()


async def managed():
    with locked():  # ACK201: the context manager the coroutine keeps open across its await
        await asyncio.sleep(0.01)


async def outer():
    await claim()
    await asyncio.sleep(0.01)
    owner.release()


async def look_alikes():
    take()
    give()  # released in the same step
    with locked():
        pass
    await claim()
    owner.release()  # released by the caller before it awaits
    await asyncio.sleep(0.01)


async def main():
    await look_alikes()
    await helpers()
    await managed()
    await outer()
    print("helpers")


asyncio.run(main())
