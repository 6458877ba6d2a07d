"""A cache scheduling its async refresh with loop.call_later: each call makes a coroutine nobody awaits."""
import asyncio


class TokenCache:
    def __init__(self):
        self.token = "t0"
        self.refreshed = 0

    async def refresh(self):
        self.refreshed += 1
        self.token = f"t{self.refreshed}"

    def schedule(self, loop):
        loop.call_later(0.01, self.refresh)  # PLANT ACK301


async def main():
    cache = TokenCache()
    cache.schedule(asyncio.get_running_loop())
    await asyncio.sleep(0.05)
    print("token", cache.token, "refreshed", cache.refreshed)


asyncio.run(main())
