"""A decorator that fires a metrics task per call and keeps it in a set until done."""
import asyncio
import functools

sent = []
_inflight = set()


async def emit(name):
    await asyncio.sleep(0.005)
    sent.append(name)


def counted(fn):
    @functools.wraps(fn)
    async def wrapper(*args, **kwargs):
        t = asyncio.ensure_future(emit(fn.__name__))
        _inflight.add(t)
        t.add_done_callback(_inflight.discard)
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
