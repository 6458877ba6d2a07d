"""A line protocol whose data_received throttles clients with time.sleep."""
import asyncio
import time


class Throttled(asyncio.Protocol):
    def __init__(self, seen):
        self.seen = seen

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.seen.append(data.decode().strip())
        time.sleep(0.12)  # PLANT ACK101
        self.transport.write(b"ok\n")


async def main():
    seen = []
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: Throttled(seen), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"hello\n")
    print("reply", (await reader.readline()).decode().strip(), "seen", seen)
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()


asyncio.run(main())
