import asyncio
import httpx
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.responses import JSONResponse
from starlette.routing import Route
TOTALS = []
async def rollup(n):
    TOTALS.append(sum(sorted((i * 7919) % 10007 for i in range(n))))  # PLANT ACK120
async def ingest(request):
    return JSONResponse({"ok": True}, background=BackgroundTask(rollup, 1500000))
app = Starlette(routes=[Route("/", ingest, methods=["POST"])])
async def main():
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        print((await c.post("/")).json(), len(TOTALS))
asyncio.run(main())
