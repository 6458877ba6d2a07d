"""A CSV import endpoint (Starlette) that hands rows to a background writer through a bounded queue."""
import asyncio
import csv
import io

import httpx
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route


class Importer:
    def __init__(self):
        self.rows = asyncio.Queue(maxsize=1000)
        self.stored = 0
        self.batches = 0

    async def writer(self):
        while True:
            batch = [await self.rows.get()]
            while not self.rows.empty() and len(batch) < 500:
                batch.append(self.rows.get_nowait())
            await asyncio.sleep(0.001)
            self.stored += len(batch)
            self.batches += 1
            for _ in batch:
                self.rows.task_done()


IMPORTER = Importer()


async def upload(request):
    text = (await request.body()).decode()
    accepted = 0
    for row in csv.DictReader(io.StringIO(text)):
        await IMPORTER.rows.put((row["sku"], int(row["qty"])))
        accepted += 1
    return JSONResponse({"accepted": accepted})


app = Starlette(routes=[Route("/import", upload, methods=["POST"])])


async def main():
    writer = asyncio.create_task(IMPORTER.writer())
    body = "sku,qty\n" + "".join(f"SKU-{n:05d},{n % 7}\n" for n in range(12000))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://import") as client:
        resp = await client.post("/import", content=body)
    await IMPORTER.rows.join()
    writer.cancel()
    print(resp.status_code, resp.json(), IMPORTER.stored)


asyncio.run(main())
