"""A page renderer tags log lines with a request id (contextvars); its sync profile lookup runs its own Runner."""
import asyncio
import contextvars
import logging
import os
import tempfile

request_id = contextvars.ContextVar("request_id", default="-")
LOGFILE = os.path.join(tempfile.mkdtemp(), "render.log")
logging.basicConfig(filename=LOGFILE, level=logging.INFO, format="%(message)s")
log = logging.getLogger("render")
CACHE = {1: "ann (cached)"}


async def fetch_profile(uid):
    await asyncio.sleep(0.01)
    return f"user{uid}"


def profile_sync(uid):
    try:
        with asyncio.Runner() as runner:
            return runner.run(fetch_profile(uid))
    except RuntimeError:
        return CACHE.get(uid, "unknown")


async def render(uid):
    request_id.set(f"req-{uid}")
    name = profile_sync(uid)  # PLANT ACK108
    log.info("%s rendered %s", request_id.get(), name)
    return f"<h1>{name}</h1>"


async def main():
    print(await asyncio.gather(render(1), render(2)))


asyncio.run(main())
logging.shutdown()
print(open(LOGFILE).read().split())
