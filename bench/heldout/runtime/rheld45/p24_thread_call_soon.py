"""A file-watcher thread reports changes by calling loop.call_soon from its own thread."""
import asyncio
import threading


class Watcher(threading.Thread):
    def __init__(self, loop, on_change):
        super().__init__(daemon=True)
        self.loop = loop
        self.on_change = on_change

    def run(self):
        for path in ("a.cfg", "b.cfg"):
            self.loop.call_soon(self.on_change, path)  # PLANT ACK402


async def main():
    loop = asyncio.get_running_loop()
    seen = []
    w = Watcher(loop, seen.append)
    w.start()
    await asyncio.to_thread(w.join)
    for _ in range(20):
        if len(seen) == 2:
            break
        await asyncio.sleep(0.01)
    print(seen)


asyncio.run(main())
