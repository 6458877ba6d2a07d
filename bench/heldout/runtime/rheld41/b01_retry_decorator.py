"""A settings reader wrapped in a retry decorator that backs off between attempts."""
import asyncio
import functools
import time


def retry(times=3, delay=0.15):
    def wrap(fn):
        @functools.wraps(fn)
        def inner(*args, **kwargs):
            for attempt in range(times):
                try:
                    return fn(*args, **kwargs)
                except KeyError:
                    if attempt == times - 1:
                        raise
                    time.sleep(delay)
        return inner
    return wrap


_calls = {"n": 0}


@retry()
def read_setting(store, key):
    _calls["n"] += 1
    if _calls["n"] < 2:
        raise KeyError(key)
    return store[key]


async def main():
    store = {"region": "eu-west"}
    region = read_setting(store, "region")  # PLANT ACK101
    await asyncio.sleep(0)
    print("region", region, "tries", _calls["n"])


asyncio.run(main())
