"""Starlette endpoint calling a pricing client that uses urllib.request under the hood."""
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


class PricingClient:
    def price(self, sku):
        return fetch_json(f"{BASE}/price/{sku}")["price"]


pricing = PricingClient()


async def quote(request):
    price = pricing.price(request.path_params["sku"])  # PLANT ACK102
    return JSONResponse({"sku": request.path_params["sku"], "price": price})


app = Starlette(routes=[Route("/quote/{sku}", quote)])


async def main():
    async with served(app) as port:
        print(await get(port, "/quote/abc"))


asyncio.run(main())
server.shutdown()
