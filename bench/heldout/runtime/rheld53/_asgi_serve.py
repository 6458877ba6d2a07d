"""Serve an ASGI app with uvicorn inside the running loop on a free port (for the feature-toggle programs)."""
import asyncio

import uvicorn


async def serve(app):
    config = uvicorn.Config(app, host="127.0.0.1", port=0, lifespan="on", log_level="error", access_log=False)
    server = uvicorn.Server(config)
    runner = asyncio.ensure_future(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    return server, runner, f"http://127.0.0.1:{port}"


async def stop(server, runner):
    server.should_exit = True
    await runner
