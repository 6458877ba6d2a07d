"""A plugin registry whose async retry decorator backs off with time.sleep."""
import asyncio
import functools
import time

REGISTRY = {}


def plugin(name):
    def register(fn):
        REGISTRY[name] = fn
        return fn
    return register


def retrying(times=3, delay=0.15):
    def deco(fn):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            for attempt in range(times):
                try:
                    return await fn(*args, **kwargs)
                except ConnectionError:
                    if attempt == times - 1:
                        raise
                    time.sleep(delay)  # PLANT ACK101
        return wrapper
    return deco


state = {"geo": 0}


@plugin("geo")
@retrying()
async def geo_lookup(ip):
    state["geo"] += 1
    await asyncio.sleep(0)
    if state["geo"] < 2:
        raise ConnectionError("reset")
    return "NL" if ip.startswith("10.") else "US"


@plugin("echo")
async def echo(ip):
    await asyncio.sleep(0)
    return ip


async def main():
    for name in sorted(REGISTRY):
        print(name, await REGISTRY[name]("10.0.0.1"))


asyncio.run(main())
