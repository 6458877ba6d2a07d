"""Request ids in contextvars across tasks, warnings turned into errors, log lines on stderr."""
import asyncio
import contextvars
import sys
import warnings

warnings.simplefilter("error")
request_id = contextvars.ContextVar("request_id", default="-")


def log(msg):
    print(f"[{request_id.get()}] {msg}", file=sys.stderr)


async def handle(rid):
    request_id.set(rid)
    log("start")
    await asyncio.sleep(0.001 * len(rid))
    try:
        warnings.warn("legacy header", DeprecationWarning)
    except DeprecationWarning as w:
        log(f"rejected: {w}")
    return f"{rid}:{request_id.get()}"


async def main():
    out = await asyncio.gather(*(handle(r) for r in ("r1", "r22", "r333")))
    print(out, request_id.get())


asyncio.run(main())
