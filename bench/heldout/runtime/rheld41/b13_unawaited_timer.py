"""A token refresher scheduled with call_later, though it is a coroutine function."""
import asyncio

state = {"token": "t0", "refreshes": 0}


async def refresh_tokens():
    await asyncio.sleep(0)
    state["token"] = "t1"
    state["refreshes"] += 1


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0.01, refresh_tokens)  # PLANT ACK301
    await asyncio.sleep(0.05)
    print("token", state["token"], "refreshes", state["refreshes"])


asyncio.run(main())
