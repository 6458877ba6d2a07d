"""ACK301 on coroutine methods of library objects: aiohttp's responses, websockets and application."""
from __future__ import annotations

import pytest

from .helpers import check_marked

CASES = {
    "aiohttp-server-coroutines-dropped": '''
        import aiohttp
        from aiohttp import web
        from aiohttp.web import WebSocketResponse

        async def ws_handler(request: web.Request) -> web.WebSocketResponse:
            ws = web.WebSocketResponse()
            await ws.prepare(request)
            ws.send_str("hello")  # ACK301
            ws.send_json({"ok": True})  # ACK301
            ws.close()  # ACK301
            return ws

        async def stream(request: web.Request):
            resp = web.StreamResponse()
            resp.prepare(request)  # ACK301
            await resp.write(b"chunk")
            resp.write_eof()  # ACK301
            return resp

        class Shutdown:
            def __init__(self, app: web.Application):
                self.app = app

            async def __call__(self):
                self.app.shutdown()  # ACK301
                await self.app.cleanup()

        async def pinger(ws: WebSocketResponse):
            ws.ping()  # ACK301
    ''',
    "aiohttp-client-websocket": '''
        import aiohttp

        async def bot(url):
            async with aiohttp.ClientSession() as session:
                ws = await session.ws_connect(url)
                ws.send_str("hello")  # ACK301
                await ws.send_json({"op": 1})
                msg = await ws.receive()
                ws.close()  # ACK301
                return msg
    ''',
    "aiohttp-look-alikes": '''
        import asyncio
        from aiohttp import web

        class WebSocketResponse:  # the project's own class of the same name, with sync methods
            def send_str(self, text):
                return text

            def close(self):
                pass

        class Application:
            def shutdown(self):
                pass

        async def ws_handler(request: web.Request, app: Application) -> web.WebSocketResponse:
            ws = web.WebSocketResponse()
            await ws.prepare(request)
            await ws.send_str("hello")
            closing = ws.close()
            await closing
            mine = WebSocketResponse()
            mine.send_str("x")
            mine.close()
            app.shutdown()
            await asyncio.gather(ws.send_json({}), ws.ping())
            return ws
    ''',
}


@pytest.mark.parametrize("name", CASES)
def test_library_coroutines(name):
    check_marked(CASES[name], ["ACK301"])
