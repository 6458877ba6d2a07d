"""Where a stall is reported: the line where the step's coroutine, or the callback the loop ran, entered the code
the time went to (as for a blocking call, and as the linter sees it), not the inner loop of the sync helper it
called: that call is what to hand to a thread or split. The stack still ends where the time went. Each busy
part is 0.3 s of CPU time (see stall.py)."""
import asyncio
import time


def spin(seconds):
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass


def prepare(n):
    spin(0.3)  # a helper's helper: the coroutine's call still
    return n


def key(x):
    spin(0.2)
    return x


async def in_helper():
    return prepare(1)  # ACK120: the helper the coroutine called


async def in_library():
    return sorted([3, 1, 2], key=key)  # ACK120: the program's key function, called by sorted()


def on_timer(done):
    prepare(2)  # ACK120: the callback the loop ran called the helper here
    done.set_result(None)


async def main():
    await in_helper()
    await asyncio.sleep(0)
    await in_library()
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    loop.call_soon(on_timer, done)
    await done
    print("done")


asyncio.run(main())
