"""A tiny order service that makes every mistake the runtime checker sees. Run it:

    asynccheck run examples/service/app.py

It serves a few orders over a local socket, then exits 0; the report lists what went wrong on the way, each
at the line below marked with its code.
"""
import asyncio
import gc
import hashlib
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

PRICES = Path(__file__).with_name("prices.json")
audit_lock = threading.Lock()
backlog: asyncio.Queue = asyncio.Queue()  # ACK501 once it grows past the threshold (10,000 items)


async def audit(order_id: int) -> None:
    await asyncio.sleep(0)


async def watch_prices() -> None:
    await asyncio.Event().wait()


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    order_id = int((await reader.readline()).decode())
    time.sleep(0.02)  # ACK101: "rate limiting" that freezes every connection
    prices = json.loads(PRICES.read_text())  # ACK103: the loop waits for the disk
    audit(order_id)  # ACK301: never awaited
    with audit_lock:  # ACK201: held across the await below
        await asyncio.sleep(0.001)
    digest = hashlib.sha256(str(sum(i * i for i in range(8_000_000))).encode()).hexdigest()  # ACK120: CPU work
    writer.write(f"{order_id} {prices['widget']} {digest[:8]}\n".encode())
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def failing_refresh() -> None:
    raise ConnectionError("price feed unreachable")


def price_feed(loop: asyncio.AbstractEventLoop, ready: asyncio.Event, updates: asyncio.Queue) -> None:
    time.sleep(0.01)  # fine: this runs in its own thread
    loop.call_soon(ready.set)  # ACK402: not thread-safe; call_soon_threadsafe is
    time.sleep(0.05)
    updates.put_nowait("widget")  # ACK401: wakes the loop's waiter from this thread


async def flush_metrics() -> None:
    while True:  # a timer that keeps the loop waking up, as a real service has
        await asyncio.sleep(0.01)


async def main() -> None:
    metrics = asyncio.create_task(flush_metrics())
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    loop = asyncio.get_running_loop()
    ready, updates = asyncio.Event(), asyncio.Queue(maxsize=10)
    threading.Thread(target=price_feed, args=(loop, ready, updates)).start()
    await asyncio.wait_for(ready.wait(), 5)
    await asyncio.wait_for(updates.get(), 5)
    version = subprocess.run([sys.executable, "--version"], capture_output=True, text=True)  # ACK104
    print(version.stdout.strip() or version.stderr.strip())
    task = asyncio.create_task(failing_refresh())  # ACK303: nobody retrieves its exception
    asyncio.create_task(watch_prices())  # ACK302: nothing keeps this task while it runs
    for order_id in range(3):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(f"{order_id}\n".encode())
        print((await reader.readline()).decode().strip())
        writer.close()
        await writer.wait_closed()
    for i in range(20_000):
        backlog.put_nowait(i)
    server.close()
    await server.wait_closed()
    del task
    gc.collect()
    metrics.cancel()


if __name__ == "__main__":
    asyncio.run(main())
