"""A janus-like sync/async queue bridge whose sync side feeds the async queue directly."""
import asyncio
import threading


class Bridge:
    def __init__(self):
        self._async_q = asyncio.Queue()
        self._loop = asyncio.get_running_loop()

    class _SyncSide:
        def __init__(self, bridge):
            self.bridge = bridge

        def put(self, item):
            self.bridge._async_q.put_nowait(item)  # PLANT ACK401

    @property
    def sync_q(self):
        return self._SyncSide(self)

    @property
    def async_q(self):
        return self._async_q


def producer(q):
    for i in range(3):
        q.put(i)
    q.put(None)


async def main():
    bridge = Bridge()
    t = threading.Thread(target=producer, args=(bridge.sync_q,))
    t.start()
    await asyncio.to_thread(t.join)
    items = []
    while not bridge.async_q.empty():
        items.append(bridge.async_q.get_nowait())
    print(items)


asyncio.run(main())
