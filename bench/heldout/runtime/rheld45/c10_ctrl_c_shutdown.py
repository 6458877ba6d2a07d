"""A service stopped by Ctrl-C (simulated with signal.raise_signal); its task cleans up and re-raises."""
import asyncio
import signal


async def serve(state):
    try:
        while True:
            await asyncio.sleep(0.01)
            state["ticks"] += 1
    except asyncio.CancelledError:
        state["clean"] = True
        raise


async def main(state):
    task = asyncio.create_task(serve(state))
    await asyncio.sleep(0.05)
    asyncio.get_running_loop().call_soon(signal.raise_signal, signal.SIGINT)
    await task


state = {"ticks": 0, "clean": False}
try:
    asyncio.run(main(state))
except KeyboardInterrupt:
    print("interrupted; clean shutdown:", state["clean"], state["ticks"] > 0)
