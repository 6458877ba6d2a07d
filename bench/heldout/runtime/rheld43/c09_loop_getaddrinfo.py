"""A connection-pool helper resolving its upstream with loop.getaddrinfo."""
import asyncio
import socket


class Upstream:
    def __init__(self, host, port):
        self.host, self.port = host, port

    async def addresses(self):
        loop = asyncio.get_running_loop()
        infos = await loop.getaddrinfo(self.host, self.port, type=socket.SOCK_STREAM)
        return sorted({info[4][0] for info in infos})


async def warm_pool(up):
    return await up.addresses()


async def main():
    addrs = await warm_pool(Upstream("localhost", 8080))
    print("resolved", "127.0.0.1" in addrs or "::1" in addrs)


asyncio.run(main())
