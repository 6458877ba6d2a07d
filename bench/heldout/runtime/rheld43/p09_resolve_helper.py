"""A connection-pool helper resolving its upstream with socket.getaddrinfo inside a coroutine."""
import asyncio
import socket


class Upstream:
    def __init__(self, host, port):
        self.host, self.port = host, port

    def addresses(self):
        infos = socket.getaddrinfo(self.host, self.port, type=socket.SOCK_STREAM)
        return sorted({info[4][0] for info in infos})


async def warm_pool(up):
    addrs = up.addresses()  # PLANT ACK105
    await asyncio.sleep(0)
    return addrs


async def main():
    addrs = await warm_pool(Upstream("localhost", 8080))
    print("resolved", "127.0.0.1" in addrs or "::1" in addrs)


asyncio.run(main())
