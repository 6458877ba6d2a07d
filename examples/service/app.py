"""A tiny order service that makes every mistake the runtime checker sees. Run it:

    asynccheck run examples/service/app.py

It serves a few requests over a local socket, then exits 0; the report lists what went wrong on the way.
"""
import asyncio
import hashlib
import threading
import time

audit_lock = threading.Lock()
backlog: asyncio.Queue = asyncio.Queue()  # ACK501 once it grows past the threshold


async def audit(order_id: int) -> None:
    await asyncio.sleep(0)


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    order_id = int((await reader.readline()).decode())
    time.sleep(0.02)  # ACK101: "rate limiting" that freezes every connection
    audit(order_id)  # ACK301: never awaited
    with audit_lock:  # ACK201: held across the await below
        await asyncio.sleep(0.001)
    digest = hashlib.sha256(str(sum(i * i for i in range(2_000_000))).encode()).hexdigest()  # ACK120: CPU work on the loop
    writer.write(f"{order_id} {digest[:8]}\n".encode())
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def failing_refresh() -> None:
    raise ConnectionError("price feed unreachable")


def price_feed(loop: asyncio.AbstractEventLoop, ready: asyncio.Event) -> None:
    time.sleep(0.01)  # fine: this runs in its own thread
    loop.call_soon(ready.set)  # ACK402: not thread-safe; call_soon_threadsafe is


async def main() -> None:
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    loop = asyncio.get_running_loop()
    ready = asyncio.Event()
    threading.Thread(target=price_feed, args=(loop, ready)).start()
    await asyncio.wait_for(ready.wait(), 5)
    task = asyncio.create_task(failing_refresh())  # ACK303: its exception is never retrieved
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


if __name__ == "__main__":
    asyncio.run(main())
