"""A Starlette webhook relay forwards each event to an upstream URL with urllib; driven by raw ASGI calls."""
import asyncio
import json
import urllib.request

from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

import _upstream

UPSTREAM = _upstream.start()
URL = f"http://127.0.0.1:{UPSTREAM.server_address[1]}/hook"


def forward(payload):
    req = urllib.request.Request(URL, data=json.dumps(payload).encode(), method="POST")
    with urllib.request.urlopen(req, timeout=5) as resp:
        return resp.read().decode()


async def relay(request):
    payload = await request.json()
    answer = forward(payload)  # PLANT ACK102
    return JSONResponse({"upstream": answer})


app = Starlette(routes=[Route("/relay", relay, methods=["POST"])])


async def call(path, body):
    sent = []
    chunks = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive():
        return chunks.pop(0) if chunks else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": path, "headers": [(b"content-type", b"application/json")],
             "query_string": b"", "root_path": "", "scheme": "http", "server": ("test", 80), "http_version": "1.1"}
    await app(scope, receive, send)
    return b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body").decode()


async def main():
    for event in ({"id": 1, "kind": "push"}, {"id": 2, "kind": "tag"}):
        print(await call("/relay", json.dumps(event).encode()))


asyncio.run(main())
UPSTREAM.shutdown()
