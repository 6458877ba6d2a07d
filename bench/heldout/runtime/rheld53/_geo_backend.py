"""A small geo-IP backend on aiohttp (for the geo client programs): every third lookup of an address answers
503 the first time, as a backend behind a busy load balancer does."""
from aiohttp import web

CITIES = {"10.0.0.1": "Lisbon", "10.0.0.2": "Oslo", "10.0.0.3": "Quito", "10.0.0.4": "Perth", "10.0.0.5": "Accra"}


async def start_backend():
    seen = {}

    async def lookup(request):
        ip = request.match_info["ip"]
        seen[ip] = seen.get(ip, 0) + 1
        if int(ip.rsplit(".", 1)[1]) % 3 == 0 and seen[ip] == 1:
            return web.json_response({"error": "busy"}, status=503)
        return web.json_response({"ip": ip, "city": CITIES.get(ip, "unknown")})

    app = web.Application()
    app.router.add_get("/geo/{ip}", lookup)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    return runner, f"http://127.0.0.1:{port}"
