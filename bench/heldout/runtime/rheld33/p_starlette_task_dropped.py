"""Starlette endpoint that fires an audit write as a task nobody keeps."""
import asyncio

from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from _serve import get, served

AUDIT = []


async def write_audit(event):
    await asyncio.sleep(0.05)
    AUDIT.append(event)


async def login(request):
    asyncio.create_task(write_audit({"user": request.path_params["user"]}))  # PLANT ACK302
    return PlainTextResponse("ok")


app = Starlette(routes=[Route("/login/{user}", login)])


async def main():
    async with served(app) as port:
        print(await get(port, "/login/ann"))
        await asyncio.sleep(0.2)
    print(AUDIT)


asyncio.run(main())
