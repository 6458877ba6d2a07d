"""A SIGUSR2 handler (loop.add_signal_handler) that rebuilds a search index in place."""
import asyncio
import os
import signal

DOCS = [f"doc {i} about item {i % 97}" for i in range(150_000)]
index = {}


def build(docs):
    out = {}
    for n, d in enumerate(docs):
        for w in d.split():
            out.setdefault(w, []).append(n)
    return out


def reindex():
    index.update(build(DOCS))  # PLANT ACK120


async def main():
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGUSR2, reindex)
    os.kill(os.getpid(), signal.SIGUSR2)
    await asyncio.sleep(0.05)
    loop.remove_signal_handler(signal.SIGUSR2)
    print("terms", len(index))


asyncio.run(main())
