"""A call_soon callback starting a coroutine and keeping the task; a flusher that re-raises its cancellation."""
import asyncio

sent = []
running = set()


async def send_metrics(batch):
    await asyncio.sleep(0.01)
    sent.append(batch)


def on_tick(batch):
    t = asyncio.ensure_future(send_metrics(batch))
    running.add(t)
    t.add_done_callback(running.discard)


async def flusher():
    try:
        while True:
            await asyncio.sleep(0.01)
    except asyncio.CancelledError:
        sent.append("final flush")
        raise


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(on_tick, "b1")
    fl = asyncio.create_task(flusher())
    await asyncio.sleep(0.05)
    fl.cancel()
    await asyncio.gather(fl, return_exceptions=True)
    print("sent", sent)


asyncio.run(main())
