"""A plugin hook that calls a sync wrapper which runs its own asyncio.run from inside a coroutine."""
import asyncio


async def fetch_token():
    await asyncio.sleep(0)
    return "tok"


def token_sync():
    try:
        return asyncio.run(fetch_token())
    except RuntimeError:
        return "fallback"


async def on_request():
    await asyncio.sleep(0)
    return token_sync()  # PLANT ACK108


print(asyncio.run(on_request()))
