"""A worker thread that runs its own event loop with its own Event and Queue; SIGUSR1 handled on the main loop."""
import asyncio
import os
import signal
import threading


def worker(results):
    async def run():
        q = asyncio.Queue()
        ready = asyncio.Event()
        for i in range(3):
            q.put_nowait(i)
        ready.set()
        await ready.wait()
        results.append(sum([q.get_nowait() for _ in range(q.qsize())]))

    asyncio.run(run())


async def main():
    results = []
    t = threading.Thread(target=worker, args=(results,))
    t.start()
    await asyncio.to_thread(t.join)
    loop = asyncio.get_running_loop()
    got = asyncio.Event()
    loop.add_signal_handler(signal.SIGUSR1, got.set)
    os.kill(os.getpid(), signal.SIGUSR1)
    await asyncio.wait_for(got.wait(), 2)
    loop.remove_signal_handler(signal.SIGUSR1)
    print("worker sum", results[0], "signal", got.is_set())


asyncio.run(main())
