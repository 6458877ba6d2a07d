"""A test helper records the warnings a block of async code raises and asserts on their category, text,
file and line."""
import asyncio
import gc
import os
import socket
import warnings


async def fetch():
    return 1


def summary(caught):
    return [(w.category.__name__, str(w.message).split(" at 0x")[0][:60], os.path.basename(w.filename), w.lineno)
            for w in caught]


async def main():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fetch()
        gc.collect()
        s = socket.socket()
        del s
        gc.collect()
        warnings.warn("custom", UserWarning)
        warnings.warn("stacked", DeprecationWarning, stacklevel=2)
        await asyncio.sleep(0)
    for item in summary(caught):
        print(item)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        coro = fetch()
        del coro
        loop = asyncio.get_running_loop()
        loop.call_soon(fetch)
        await asyncio.sleep(0.01)
        gc.collect()
    for item in summary(caught):
        print(item)
    print(len(warnings.filters) > 0, warnings.filters[0][0] if warnings.filters else None)


asyncio.run(main())
