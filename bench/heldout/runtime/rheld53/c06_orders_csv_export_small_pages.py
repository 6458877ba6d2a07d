"""A streaming CSV export of the orders table for the finance team: a starlette endpoint answers with a
`StreamingResponse` fed by an async generator that reads the table a small page at a time and renders each page
to CSV.
Driven here by httpx through its ASGI transport, as the service's tests do."""
import asyncio
import csv
import hashlib
import io

import httpx
from starlette.applications import Starlette
from starlette.responses import StreamingResponse
from starlette.routing import Route


class OrdersTable:
    def __init__(self, count):
        self.rows = [(i, f"cust-{i % 977}", i % 13 + 1, round((i * 7919) % 10000 / 100, 2), "EUR")
                     for i in range(count)]

    async def pages(self, size):
        for start in range(0, len(self.rows), size):
            await asyncio.sleep(0)
            yield self.rows[start:start + size]


def render(rows, header=False):
    out = io.StringIO()
    writer = csv.writer(out)
    if header:
        writer.writerow(["id", "customer", "qty", "price", "currency"])
    writer.writerows(rows)
    return out.getvalue()


def export_app(table):
    async def export(request):
        async def body():
            first = True
            async for page in table.pages(size=2_000):
                yield render(page, header=first)
                first = False
        return StreamingResponse(body(), media_type="text/csv")
    return Starlette(routes=[Route("/export/orders.csv", export)])


async def main(table):
    transport = httpx.ASGITransport(app=export_app(table))
    async with httpx.AsyncClient(transport=transport, base_url="http://finance") as client:
        digest, lines = hashlib.sha256(), 0
        async with client.stream("GET", "/export/orders.csv") as response:
            async for chunk in response.aiter_bytes():
                digest.update(chunk)
                lines += chunk.count(b"\n")
    print(response.status_code, lines, digest.hexdigest()[:16])


asyncio.run(main(OrdersTable(400_000)))
