import asyncio
import contextlib
import queue
import select
import threading
import time


@contextlib.contextmanager
def shown():
    try:
        yield
    except Exception as exc:
        print(type(exc).__name__, exc)


async def main():
    # wrong arguments to wrapped calls fail exactly as they do unwrapped
    with shown():
        time.sleep("x")
    with shown():
        time.sleep(-1)
    with shown():
        select.select([], [], [], "x")
    with shown():
        threading.Event().wait("x")  # ACK106
    with shown():
        queue.Queue().get(True, -1)  # ACK106
    with shown():
        threading.Thread().join("x")  # ACK106
    with shown():
        open(3.5)  # ACK103


asyncio.run(main())
