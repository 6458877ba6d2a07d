"""A metrics client that opens a blocking TCP connection to a statsd-like sink."""
import asyncio
import socket


async def sink(reader, writer):
    await reader.read()
    writer.close()


class Metrics:
    def __init__(self, port):
        self.port = port

    def _connect(self):
        return socket.create_connection(("127.0.0.1", self.port), timeout=5)

    async def push(self, name, value):
        await asyncio.sleep(0)
        conn = self._connect()  # PLANT ACK105
        conn.sendall(f"{name}:{value}|c\n".encode())
        conn.close()


async def main():
    server = await asyncio.start_server(sink, "127.0.0.1", 0)
    m = Metrics(server.sockets[0].getsockname()[1])
    await m.push("hits", 1)
    server.close()
    print("pushed")


asyncio.run(main())
