"""A small aiohttp site on loopback, served from a thread with its own loop: pages that link to each other."""
import asyncio
import threading

from aiohttp import web

PAGES = {f"/page/{i}": [f"/page/{(i * 2 + 1) % 9}", f"/page/{(i * 3 + 2) % 9}"] for i in range(9)}


async def page(request):
    links = PAGES.get(request.path)
    if links is None:
        raise web.HTTPNotFound()
    await asyncio.sleep(0.002)
    body = "".join(f'<a href="{link}">{link}</a>\n' for link in links)
    return web.Response(text=f"<title>{request.path}</title>\n{body}", content_type="text/html")


async def robots(request):
    return web.Response(text="User-agent: *\nDisallow: /page/7\nCrawl-delay: 0.01\n")


def start():
    """Serve the site on a free port from a daemon thread; returns its base URL."""
    ready = threading.Event()
    box = {}

    def serve():
        loop = asyncio.new_event_loop()
        app = web.Application()
        app.router.add_get("/robots.txt", robots)
        app.router.add_get("/page/{n}", page)
        runner = web.AppRunner(app, access_log=None)
        loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0)
        loop.run_until_complete(site.start())
        box["port"] = site._server.sockets[0].getsockname()[1]
        ready.set()
        loop.run_forever()

    threading.Thread(target=serve, daemon=True, name="site").start()
    ready.wait(10)
    return f"http://127.0.0.1:{box['port']}"
