"""A connection helper that resolves its host with socket.gethostbyname in the coroutine."""
import asyncio
import socket


async def resolve(host):
    await asyncio.sleep(0)
    return socket.gethostbyname(host)  # PLANT ACK105


print(asyncio.run(resolve("localhost")))
