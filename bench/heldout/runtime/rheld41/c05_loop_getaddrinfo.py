"""Resolving upstreams with the loop's getaddrinfo; numeric addresses parsed without a resolver."""
import asyncio
import socket

UPSTREAMS = ["localhost", "127.0.0.1"]


async def resolve_upstreams(names):
    loop = asyncio.get_running_loop()
    addrs = []
    for n in names:
        infos = await loop.getaddrinfo(n, 80, type=socket.SOCK_STREAM)
        addrs.append(infos[0][4][0])
    return addrs


async def main():
    addrs = await resolve_upstreams(UPSTREAMS)
    packed = socket.inet_aton("10.0.0.1")
    numeric = socket.getaddrinfo("127.0.0.1", 8080, type=socket.SOCK_STREAM)[0][4]
    print("resolved", len(addrs), "packed", len(packed), "numeric", numeric)


asyncio.run(main())
