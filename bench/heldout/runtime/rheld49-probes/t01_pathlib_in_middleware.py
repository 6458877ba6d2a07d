import asyncio, pathlib, tempfile
import httpx
from starlette.applications import Starlette
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import PlainTextResponse
from starlette.routing import Route
FLAGS = pathlib.Path(tempfile.mkdtemp()) / "flags.txt"
FLAGS.write_text("beta=1\n")
class Flags(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        request.state.flags = FLAGS.read_text().split()  # PLANT ACK103
        return await call_next(request)
async def home(request):
    return PlainTextResponse(",".join(request.state.flags))
app = Starlette(routes=[Route("/", home)])
app.add_middleware(Flags)
async def main():
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        print((await c.get("/")).text)
asyncio.run(main())
