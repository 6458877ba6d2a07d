"""A DNS-over-TCP forwarder: each query arrives length-prefixed on a Protocol; the forwarder maps the name to
an upstream and answers with the address it resolves to."""
import asyncio
import socket
import struct


class Forwarder(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        self.buf = b""

    def data_received(self, data):
        self.buf += data
        while len(self.buf) >= 2:
            (size,) = struct.unpack("!H", self.buf[:2])
            if len(self.buf) < 2 + size:
                return
            name, self.buf = self.buf[2:2 + size].decode(), self.buf[2 + size:]
            addr = socket.gethostbyname(name)  # PLANT ACK105
            answer = f"{name}={addr}".encode()
            self.transport.write(struct.pack("!H", len(answer)) + answer)


async def ask(port, names):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    answers = []
    for name in names:
        writer.write(struct.pack("!H", len(name)) + name.encode())
        (size,) = struct.unpack("!H", await reader.readexactly(2))
        answers.append((await reader.readexactly(size)).decode())
    writer.close()
    await writer.wait_closed()
    return answers


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Forwarder, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print(await ask(port, ["localhost", "localhost"]))
    server.close()
    await server.wait_closed()


asyncio.run(main())
