import asyncio
import httpx
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route
class Span:
    def __init__(self, name): self.name = name; self.events = []
    async def __aenter__(self): return self
    async def __aexit__(self, *exc):
        self.summary = sum(sorted(hash((self.name, i)) % 1000 for i in range(800000)))  # PLANT ACK120
async def traced(request):
    async with Span("traced") as span:
        span.events.append("start")
    return JSONResponse({"events": span.events})
app = Starlette(routes=[Route("/", traced)])
async def main():
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        print((await c.get("/")).json())
asyncio.run(main())
