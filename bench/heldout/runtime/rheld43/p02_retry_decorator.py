"""A retry decorator written for sync code, reused on a sync helper called from a coroutine."""
import asyncio
import functools
import time


def retry(times, pause):
    def wrap(fn):
        @functools.wraps(fn)
        def inner(*args, **kwargs):
            for attempt in range(times):
                try:
                    return fn(*args, **kwargs)
                except ConnectionError:
                    time.sleep(pause)
            return fn(*args, **kwargs)
        return inner
    return wrap


_calls = {"n": 0}


@retry(times=3, pause=0.05)
def fetch_token():
    _calls["n"] += 1
    if _calls["n"] < 3:
        raise ConnectionError("flaky")
    return "tok-3"


async def login():
    token = fetch_token()  # PLANT ACK101
    await asyncio.sleep(0)
    return token


async def main():
    print("token", await login(), "after", _calls["n"], "calls")


asyncio.run(main())
