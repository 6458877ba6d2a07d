"""A retry decorator that knows coroutines: it waits with asyncio.sleep."""
import asyncio
import functools


def retry(times, pause):
    def wrap(fn):
        @functools.wraps(fn)
        async def inner(*args, **kwargs):
            for attempt in range(times):
                try:
                    return await fn(*args, **kwargs)
                except ConnectionError:
                    await asyncio.sleep(pause)
            return await fn(*args, **kwargs)
        return inner
    return wrap


_calls = {"n": 0}


@retry(times=3, pause=0.05)
async def fetch_token():
    _calls["n"] += 1
    if _calls["n"] < 3:
        raise ConnectionError("flaky")
    return "tok-3"


async def main():
    print("token", await fetch_token(), "after", _calls["n"], "calls")


asyncio.run(main())
