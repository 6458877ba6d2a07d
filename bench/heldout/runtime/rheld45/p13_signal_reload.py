"""A daemon that reloads its config on SIGUSR1 through add_signal_handler; the handler waits with time.sleep."""
import asyncio
import os
import signal
import time


class Daemon:
    def __init__(self):
        self.generation = 0
        self.reloaded = asyncio.Event()

    def on_reload(self):
        time.sleep(0.15)  # PLANT ACK101
        self.generation += 1
        self.reloaded.set()

    async def run(self):
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGUSR1, self.on_reload)
        loop.call_later(0.02, os.kill, os.getpid(), signal.SIGUSR1)
        await self.reloaded.wait()
        loop.remove_signal_handler(signal.SIGUSR1)
        print("generation", self.generation)


asyncio.run(Daemon().run())
