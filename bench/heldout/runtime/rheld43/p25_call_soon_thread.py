"""A metrics thread handing samples to the loop with loop.call_soon instead of call_soon_threadsafe."""
import asyncio
import threading

samples = []


def sampler(loop):
    for i in range(3):
        loop.call_soon(samples.append, i)  # PLANT ACK402


async def main():
    loop = asyncio.get_running_loop()
    t = threading.Thread(target=sampler, args=(loop,))
    t.start()
    await asyncio.to_thread(t.join)
    for _ in range(10):
        await asyncio.sleep(0.005)
    print("samples", sorted(samples))


asyncio.run(main())
