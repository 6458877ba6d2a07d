"""A protocol decoding small JSON lines in data_received."""
import asyncio
import json


class Ingest(asyncio.Protocol):
    def __init__(self, out):
        self.out = out

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        for line in data.splitlines():
            self.out.append(json.loads(line)["id"])
        self.transport.write(b"ok\n")


async def main():
    out = []
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: Ingest(out), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b'{"id": 1}\n{"id": 2}\n')
    print("reply", (await reader.readline()).decode().strip(), "items", out)
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()


asyncio.run(main())
