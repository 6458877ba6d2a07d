"""A protocol decoding one huge JSON document in data_received."""
import asyncio
import json

PAYLOAD = json.dumps([{"id": i, "v": [i, i + 1]} for i in range(180_000)]).encode() + b"\n"


class Ingest(asyncio.Protocol):
    def __init__(self, out):
        self.out = out
        self.buf = b""

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.buf += data
        if self.buf.endswith(b"\n"):
            self.out.append(len(json.loads(self.buf)))  # PLANT ACK120
            self.transport.write(b"ok\n")


async def main():
    out = []
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: Ingest(out), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(PAYLOAD)
    await writer.drain()
    print("reply", (await reader.readline()).decode().strip(), "items", out)
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()


asyncio.run(main())
