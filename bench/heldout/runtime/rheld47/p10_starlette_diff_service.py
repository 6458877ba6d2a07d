"""A Starlette document-diff service served by uvicorn in-process; a client asks it for a large diff."""
import asyncio
import difflib
import socket

import uvicorn
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

DOCS = {
    "v1": [f"clause {i}: the party shall pay {i * 7 % 101} units\n" for i in range(6000)],
}
DOCS["v2"] = [line if i % 23 else f"clause {i}: amended\n" for i, line in enumerate(DOCS["v1"])]


async def diff(request):
    a, b = DOCS[request.query_params["a"]], DOCS[request.query_params["b"]]
    changes = list(difflib.unified_diff(a, b, "a", "b"))  # PLANT ACK120
    return PlainTextResponse(f"{len(changes)} diff lines")


app = Starlette(routes=[Route("/diff", diff)])


async def get(port, path):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: docs\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    data = await reader.read()
    writer.close()
    await writer.wait_closed()
    return data.split(b"\r\n\r\n", 1)[1].decode()


async def main():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="error", lifespan="off"))
    serving = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:
        await asyncio.sleep(0.01)
    print(await get(sock.getsockname()[1], "/diff?a=v1&b=v2"))
    server.should_exit = True
    await serving


asyncio.run(main())
