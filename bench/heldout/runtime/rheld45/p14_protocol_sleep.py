"""A line protocol server (asyncio.Protocol) that rate-limits inside data_received with time.sleep."""
import asyncio
import time


class RateLimitedEcho(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        for line in data.splitlines():
            if line.startswith(b"burst"):
                time.sleep(0.12)  # PLANT ACK101
            self.transport.write(line.upper() + b"\n")

    def eof_received(self):
        self.transport.close()


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(RateLimitedEcho, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"hello\nburst 1\n")
    writer.write_eof()
    print((await reader.read()).decode().split())
    writer.close()
    server.close()
    await server.wait_closed()


asyncio.run(main())
