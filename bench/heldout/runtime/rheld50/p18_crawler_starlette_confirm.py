"""A crawler's control API (Starlette, called through httpx's ASGI transport) asks the operator on the console
before it crawls a host outside the allow list."""
import asyncio

import httpx
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

ALLOWED = {"docs.example"}


async def start_crawl(request):
    host = request.path_params["host"]
    if host not in ALLOWED:
        answer = input(f"crawl {host}? ")  # PLANT ACK107
        if answer.strip() != "alpha":
            return JSONResponse({"host": host, "started": False})
    return JSONResponse({"host": host, "started": True})


app = Starlette(routes=[Route("/crawl/{host}", start_crawl, methods=["POST"])])


async def main():
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://control") as client:
        for host in ("docs.example", "shop.example"):
            print((await client.post(f"/crawl/{host}")).json())


asyncio.run(main())
