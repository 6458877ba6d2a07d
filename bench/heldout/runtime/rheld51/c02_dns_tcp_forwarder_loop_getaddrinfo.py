"""A DNS-over-TCP forwarder: each query arrives length-prefixed on a stream; the forwarder resolves the name
with the loop's resolver (which runs getaddrinfo in the default executor) and answers."""
import asyncio
import socket
import struct


async def serve(reader, writer):
    loop = asyncio.get_running_loop()
    while True:
        head = await reader.read(2)
        if not head:
            break
        (size,) = struct.unpack("!H", head)
        name = (await reader.readexactly(size)).decode()
        infos = await loop.getaddrinfo(name, None, family=socket.AF_INET, type=socket.SOCK_STREAM)
        answer = f"{name}={infos[0][4][0]}".encode()
        writer.write(struct.pack("!H", len(answer)) + answer)
        await writer.drain()
    writer.close()


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
    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print(await ask(port, ["localhost", "localhost"]))
    server.close()
    await server.wait_closed()


asyncio.run(main())
