"""Tasks whose handle the program dropped while they still run: each is reported at the line that created it."""
import asyncio
import sys
import weakref

started = weakref.WeakSet()  # weak: keeps nothing alive


async def work(delay=0.02):
    await asyncio.sleep(delay)


async def spin():
    for _ in range(20):
        await asyncio.sleep(0)  # always ready to run again


async def forever():
    await asyncio.get_running_loop().create_future()  # a future nobody else holds


async def on(other):
    await other


def spawn():
    return asyncio.create_task(work())  # the caller drops what this returns: its line is the one to change


def from_callback():
    asyncio.ensure_future(work())  # ACK302


async def main():
    loop = asyncio.get_running_loop()
    asyncio.create_task(work())  # ACK302
    asyncio.ensure_future(work())  # ACK302
    loop.create_task(work())  # ACK302
    asyncio.create_task(spin())  # ACK302: ready to run at every look
    asyncio.create_task(forever())  # ACK302
    other = asyncio.create_task(work(0.05))
    asyncio.create_task(on(other))  # ACK302: waits on another task
    asyncio.create_task(work()).add_done_callback(lambda t: None)  # ACK302: a callback keeps nothing
    started.add(asyncio.create_task(work()))  # ACK302
    for _ in range(3):
        last = asyncio.create_task(work())  # ACK302: each round drops the previous one
    spawn()  # ACK302
    loop.call_soon(from_callback)
    # an eager task that did not finish in its first step (uvloop 0.23's create_task refuses 3.13's eager factory)
    if sys.version_info >= (3, 12) and type(loop).__module__.startswith("asyncio"):
        loop.set_task_factory(asyncio.eager_task_factory)
    asyncio.create_task(work())  # ACK302
    loop.set_task_factory(None)
    await asyncio.sleep(0.1)
    await last
    await other
    print("dropped", len(started) >= 0)


asyncio.run(main())
