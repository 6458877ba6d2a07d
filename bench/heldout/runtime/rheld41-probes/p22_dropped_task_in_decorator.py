"""A decorator that fires a metrics task per call and drops it."""
import asyncio
import functools

sent = []


async def emit(name):
    await asyncio.sleep(0.005)
    sent.append(name)


def counted(fn):
    @functools.wraps(fn)
    async def wrapper(*args, **kwargs):
        asyncio.ensure_future(emit(fn.__name__))  # PLANT ACK302
        return await fn(*args, **kwargs)
    return wrapper


@counted
async def get_user(uid):
    await asyncio.sleep(0)
    return {"id": uid}


async def main():
    print(await get_user(1), await get_user(2))
    await asyncio.sleep(0.05)
    print("metrics", sent)


asyncio.run(main())
