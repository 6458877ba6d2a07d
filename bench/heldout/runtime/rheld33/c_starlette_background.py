"""Starlette endpoint that writes its audit record as a response background task."""
import asyncio

from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from _serve import get, served

AUDIT = []


async def write_audit(event):
    await asyncio.sleep(0.05)
    AUDIT.append(event)


async def login(request):
    return PlainTextResponse("ok", background=BackgroundTask(write_audit, {"user": request.path_params["user"]}))


app = Starlette(routes=[Route("/login/{user}", login)])


async def main():
    async with served(app) as port:
        print(await get(port, "/login/bob"))
        await asyncio.sleep(0.2)
    print(AUDIT)


asyncio.run(main())
