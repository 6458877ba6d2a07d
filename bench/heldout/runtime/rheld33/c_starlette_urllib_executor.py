"""Starlette endpoint calling a sync pricing client in the loop's default executor."""
import asyncio
import json
import urllib.request

from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

import _httpd
from _serve import get, served

server, BASE = _httpd.serve()


def fetch_json(url):
    with urllib.request.urlopen(url, timeout=5) as resp:
        return json.load(resp)


async def quote(request):
    loop = asyncio.get_running_loop()
    data = await loop.run_in_executor(None, fetch_json, f"{BASE}/price/x")
    return JSONResponse({"sku": request.path_params["sku"], "price": data["price"]})


app = Starlette(routes=[Route("/quote/{sku}", quote)])


async def main():
    async with served(app) as port:
        print(await get(port, "/quote/abc"))
        print(await get(port, "/quote/def"))


asyncio.run(main())
server.shutdown()
