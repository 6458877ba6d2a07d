"""A metrics library decorates blocking functions with functools.wraps and keeps partials of them."""
import asyncio
import functools
import inspect
import socket
import subprocess
import time

CALLS = {}


def counted(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        CALLS[fn.__name__] = CALLS.get(fn.__name__, 0) + 1
        return fn(*args, **kwargs)
    return wrapper


csleep = counted(time.sleep)
crun = counted(subprocess.run)
cconn = counted(socket.create_connection)


def show(tag):
    for w in (csleep, crun, cconn):
        print(tag, w.__name__, w.__qualname__, w.__module__, (w.__doc__ or "").splitlines()[:1],
              w.__wrapped__ is {"sleep": time.sleep, "run": subprocess.run}.get(w.__name__, socket.create_connection),
              inspect.unwrap(w) is w.__wrapped__, sorted(k for k in vars(w) if not k.startswith("__wrapped")))
    print(tag, inspect.unwrap(time.sleep) is time.sleep, inspect.unwrap(subprocess.run) is subprocess.run,
          hasattr(time.sleep, "__wrapped__"), hasattr(subprocess.run, "__wrapped__"),
          getattr(time.sleep, "__dict__", "no dict"))
    p = functools.partial(time.sleep, 0)
    print(tag, p.func is time.sleep, repr(p).replace(hex(id(p)), "0x"), functools.partial(p, ).func is time.sleep)
    try:
        print(tag, inspect.signature(crun))
    except ValueError as e:
        print(tag, "no signature", e)
    print(tag, functools.update_wrapper(lambda s: s, time.sleep).__name__)
    cached = functools.lru_cache(maxsize=None)(time.sleep)
    print(tag, type(cached).__name__, cached.__wrapped__ is time.sleep, cached.__name__)


async def main():
    show("in-loop")
    await asyncio.to_thread(csleep, 0.001)
    await asyncio.to_thread(functools.partial(csleep, 0.001))
    print(CALLS)


show("before")
csleep(0)
asyncio.run(main())
show("after")
print(CALLS)
