import asyncio
import contextlib
import threading

lock = threading.Lock()
state = threading.Lock()
owner = threading.Lock()


def take():
    lock.acquire()  # ACK201: taken in a helper, released by another one after the await


def give():
    lock.release()


@contextlib.contextmanager
def locked():
    with state:  # ACK201: a context manager the coroutine keeps open across its await
        yield


async def claim():
    owner.acquire()  # ACK201: taken by a coroutine that returns; its caller awaits with it held
    return 1


async def helpers():
    take()
    await asyncio.sleep(0.01)
    give()


async def managed():
    with locked():
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
