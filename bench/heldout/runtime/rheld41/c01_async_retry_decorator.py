"""A retry decorator for coroutines that backs off with asyncio.sleep; a sync backoff runs in a thread."""
import asyncio
import functools
import time


def aretry(times=3, delay=0.02):
    def wrap(fn):
        @functools.wraps(fn)
        async def inner(*args, **kwargs):
            for attempt in range(times):
                try:
                    return await fn(*args, **kwargs)
                except KeyError:
                    if attempt == times - 1:
                        raise
                    await asyncio.sleep(delay)
        return inner
    return wrap


_calls = {"n": 0}


@aretry()
async def read_setting(store, key):
    _calls["n"] += 1
    if _calls["n"] < 2:
        raise KeyError(key)
    return store[key]


def settle():
    time.sleep(0.05)
    return "settled"


async def main():
    region = await read_setting({"region": "eu-west"}, "region")
    state = await asyncio.to_thread(settle)
    print("region", region, "tries", _calls["n"], state)


asyncio.run(main())
