"""A done-callback and a SIGUSR1 handler that only record and wake: the work is done by coroutines."""
import asyncio
import os
import signal

finished = []


async def job(n):
    await asyncio.sleep(0.01)
    return n * 2


async def main():
    loop = asyncio.get_running_loop()
    dump = asyncio.Event()
    loop.add_signal_handler(signal.SIGUSR1, dump.set)
    task = asyncio.create_task(job(21))
    task.add_done_callback(lambda t: finished.append(t.result()))
    await task
    os.kill(os.getpid(), signal.SIGUSR1)
    await asyncio.wait_for(dump.wait(), 1)
    loop.remove_signal_handler(signal.SIGUSR1)
    print("finished", finished, "dump requested", dump.is_set())


asyncio.run(main())
