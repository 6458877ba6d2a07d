"""A coroutine that waits for a wake-up byte on a blocking socketpair."""
import asyncio
import socket
import threading

a, b = socket.socketpair()


async def wait_wakeup():
    await asyncio.sleep(0)
    data = a.recv(1)  # PLANT ACK105
    return data


async def main():
    threading.Timer(0.1, b.send, args=(b"x",)).start()
    print("woke with", await wait_wakeup())


asyncio.run(main())
a.close()
b.close()
