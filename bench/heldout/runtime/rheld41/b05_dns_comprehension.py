"""Resolving a list of upstream hosts inside a coroutine."""
import asyncio
import socket

UPSTREAMS = ["localhost", "localhost"]


async def resolve_upstreams(names):
    await asyncio.sleep(0)
    addrs = [socket.gethostbyname(n) for n in names]  # PLANT ACK105
    return addrs


async def main():
    addrs = await resolve_upstreams(UPSTREAMS)
    print("resolved", len(addrs), "upstreams; loopback:", all(a.startswith("127.") for a in addrs))


asyncio.run(main())
