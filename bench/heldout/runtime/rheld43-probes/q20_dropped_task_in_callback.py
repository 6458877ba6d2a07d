"""A call_soon callback starting a coroutine with ensure_future and dropping the task."""
import asyncio

sent = []


async def send_metrics(batch):
    await asyncio.sleep(0.01)
    sent.append(batch)


def on_tick(batch):
    asyncio.ensure_future(send_metrics(batch))  # PLANT ACK302


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(on_tick, "b1")
    await asyncio.sleep(0.05)
    print("sent", sent)


asyncio.run(main())
