"""A tiny HTTP server on asyncio.start_server whose /export handler serialises a big report inline."""
import asyncio
import json

ROWS = [{"id": i, "name": f"user{i}", "tags": ["a", "b", "c"], "score": i * 0.5} for i in range(160000)]


def render_export():
    return json.dumps({"rows": ROWS}, sort_keys=True).encode()


async def handle(reader, writer):
    request_line = await reader.readline()
    while (await reader.readline()) not in (b"\r\n", b""):
        pass
    path = request_line.split()[1].decode()
    if path == "/export":
        body = render_export()  # PLANT ACK120
    else:
        body = b"ok"
    writer.write(b"HTTP/1.0 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
    await writer.drain()
    writer.close()


async def get(port, path):
    r, w = await asyncio.open_connection("127.0.0.1", port)
    w.write(f"GET {path} HTTP/1.0\r\n\r\n".encode())
    data = await r.read()
    w.close()
    return data.split(b"\r\n\r\n", 1)[1]


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        print((await get(port, "/health")).decode())
        print(len(await get(port, "/export")) > 1000)


asyncio.run(main())
