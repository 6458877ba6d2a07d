"""ACK401 on an asyncio Event nobody has waited on yet (3.10+ binds it to a loop at its first wait): it belongs to
the loop running where it was made. Look-alikes: set through call_soon_threadsafe, an Event made and used in a
thread's own loop, an Event made where no loop runs and used in a thread's own loop, is_set() read from a thread.
An Event made at module level (no loop runs there) belongs to the first loop that uses it (is_set, set, clear on
that loop's thread); set before any loop runs, or never used by a loop, it belongs to none (foreign_clean.py)."""
import asyncio
import threading


class Valve:
    def __init__(self):
        self.open = asyncio.Event()
        self.open.set()

    def close_from_driver(self):
        self.open.clear()  # ACK401


def loader(done):
    done.set()  # ACK401


def own_loop(out, made_outside):
    async def inner():
        gate = asyncio.Event()
        gate.set()
        gate.clear()
        asyncio.get_running_loop().call_soon(gate.set)
        await gate.wait()
        made_outside.set()
        out.append("own loop")

    asyncio.run(inner())


MADE_OUTSIDE = asyncio.Event()
STOP = asyncio.Event()  # polled by the loop
READY = asyncio.Event()  # set before any loop runs
FLAG = asyncio.Event()  # set by the loop first


def request_stop():
    STOP.set()  # ACK401


def lower_flag():
    FLAG.clear()  # ACK401


def before_the_loop():
    READY.set()


starter = threading.Thread(target=before_the_loop)
starter.start()
starter.join()


async def in_thread(target, *args):
    t = threading.Thread(target=target, args=args)
    t.start()
    while t.is_alive():
        await asyncio.sleep(0.002)


async def main():
    valve = Valve()
    await in_thread(valve.close_from_driver)
    done = asyncio.Event()
    await in_thread(loader, done)
    await done.wait()
    safe = asyncio.Event()
    loop = asyncio.get_running_loop()
    await in_thread(loop.call_soon_threadsafe, safe.set)
    await safe.wait()
    out = []
    await in_thread(own_loop, out, MADE_OUTSIDE)
    seen = []
    await in_thread(lambda: seen.append(valve.open.is_set()))
    assert not STOP.is_set()
    await in_thread(request_stop)
    FLAG.set()
    await in_thread(lower_flag)
    print(out, seen, MADE_OUTSIDE.is_set(), STOP.is_set(), READY.is_set())


asyncio.run(main())
