import asyncio
import queue
import select
import threading
import time


async def main():
    # wrong arguments to wrapped calls fail exactly as they do unwrapped
    calls = [
        lambda: time.sleep("x"),
        lambda: time.sleep(-1),
        lambda: select.select([], [], [], "x"),
        lambda: threading.Event().wait("x"),  # ACK106
        lambda: queue.Queue().get(True, -1),  # ACK106
        lambda: threading.Thread().join("x"),  # ACK106
        lambda: open(3.5),  # ACK103
    ]
    for call in calls:
        try:
            call()
        except Exception as exc:
            print(type(exc).__name__, exc)


asyncio.run(main())
