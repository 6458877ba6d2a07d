"""A SIGUSR1 handler installed with loop.add_signal_handler that only sets an event."""
import asyncio
import os
import signal


async def main():
    dump = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGUSR1, dump.set)
    loop.call_later(0.05, os.kill, os.getpid(), signal.SIGUSR1)
    await asyncio.wait_for(dump.wait(), 5)
    print("dump requested")
    loop.remove_signal_handler(signal.SIGUSR1)


asyncio.run(main())
