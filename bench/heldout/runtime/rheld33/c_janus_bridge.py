"""A janus-like sync/async queue bridge whose sync side hands items to the loop thread-safely."""
import asyncio
import threading


class Bridge:
    def __init__(self):
        self._async_q = asyncio.Queue()
        self._loop = asyncio.get_running_loop()

    def sync_put(self, item):
        self._loop.call_soon_threadsafe(self._async_q.put_nowait, item)

    @property
    def async_q(self):
        return self._async_q


def producer(bridge):
    for i in range(3):
        bridge.sync_put(i)
    bridge.sync_put(None)


async def main():
    bridge = Bridge()
    threading.Thread(target=producer, args=(bridge,)).start()
    items = []
    while (item := await bridge.async_q.get()) is not None:
        items.append(item)
    print(items)


asyncio.run(main())
