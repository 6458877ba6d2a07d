"""A call_soon callback that tries to run a coroutine to completion on the running loop."""
import asyncio


async def refresh():
    await asyncio.sleep(0)
    return "fresh"


def on_tick(loop, out):
    try:
        out.append(loop.run_until_complete(refresh()))  # PLANT ACK108
    except RuntimeError as e:
        out.append(str(e)[:20])


async def main():
    loop = asyncio.get_running_loop()
    out = []
    loop.call_soon(on_tick, loop, out)
    await asyncio.sleep(0.02)
    print(out)


asyncio.run(main())
