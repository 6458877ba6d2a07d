"""An aiohttp reverse proxy whose middleware checks each request's token with the auth service before forwarding."""
import asyncio
import json
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import aiohttp
from aiohttp import web

TOKENS = {"t-alice": "alice", "t-bob": "bob"}


class AuthHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        user = TOKENS.get(self.path.rsplit("/", 1)[-1])
        body = json.dumps({"user": user}).encode()
        self.send_response(200 if user else 403)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def start_auth_service():
    server = ThreadingHTTPServer(("127.0.0.1", 0), AuthHandler)
    threading.Thread(target=server.serve_forever, daemon=True, name="auth").start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@web.middleware
async def require_token(request, handler):
    token = request.headers.get("X-Token", "")
    try:
        with urllib.request.urlopen(f"{request.app['auth']}/tokens/{token}", timeout=5) as resp:  # PLANT ACK102
            request["user"] = json.load(resp)["user"]
    except urllib.error.HTTPError:
        raise web.HTTPForbidden()
    return await handler(request)


async def orders(request):
    return web.json_response({"orders_of": request["user"]})


async def main():
    auth_server, auth_url = start_auth_service()
    app = web.Application(middlewares=[require_token])
    app["auth"] = auth_url
    app.router.add_get("/orders", orders)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    seen = []
    async with aiohttp.ClientSession() as session:
        for token in ("t-alice", "nope", "t-bob"):
            async with session.get(f"http://127.0.0.1:{port}/orders", headers={"X-Token": token}) as resp:
                seen.append((resp.status, (await resp.json())["orders_of"] if resp.status == 200 else None))
    await runner.cleanup()
    await asyncio.to_thread(auth_server.shutdown)
    print(seen)


asyncio.run(main())
