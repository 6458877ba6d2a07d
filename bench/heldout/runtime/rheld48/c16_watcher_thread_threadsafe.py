"""A config watcher thread tells the service about changed settings with call_soon_threadsafe."""
import asyncio
import threading
import time


class Service:
    def __init__(self):
        self.settings = {"workers": 1}
        self.reloads = []

    def reload(self, key, value):
        self.settings[key] = value
        self.reloads.append(key)


def watch(loop, service, updates):
    for key, value in updates:
        time.sleep(0.01)
        loop.call_soon_threadsafe(service.reload, key, value)


async def main():
    loop = asyncio.get_running_loop()
    service = Service()
    updates = [("workers", 4), ("timeout", 30), ("debug", False)]
    watcher = threading.Thread(target=watch, args=(loop, service, updates))
    watcher.start()
    while len(service.reloads) < len(updates):
        await asyncio.sleep(0.02)
    await asyncio.to_thread(watcher.join)
    print(service.reloads, sorted(service.settings.items()))


asyncio.run(main())
