"""A SIGUSR2 handler that only wakes a coroutine; the index rebuild runs in a thread."""
import asyncio
import os
import signal

DOCS = [f"doc {i} about item {i % 97}" for i in range(150_000)]


def build(docs):
    out = {}
    for n, d in enumerate(docs):
        for w in d.split():
            out.setdefault(w, []).append(n)
    return out


async def main():
    loop = asyncio.get_running_loop()
    wake = asyncio.Event()
    loop.add_signal_handler(signal.SIGUSR2, wake.set)
    os.kill(os.getpid(), signal.SIGUSR2)
    await asyncio.wait_for(wake.wait(), 1)
    loop.remove_signal_handler(signal.SIGUSR2)
    index = await asyncio.to_thread(build, DOCS)
    print("terms", len(index))


asyncio.run(main())
