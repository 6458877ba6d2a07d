"""A session store that waits for the next token under asyncio.timeout, then takes its mutex only to store it."""
import asyncio
import threading


class SessionStore:
    def __init__(self):
        self._mutex = threading.Lock()
        self._tokens = asyncio.Queue(maxsize=4)
        self.sessions = {}

    async def refresh(self, user):
        async with asyncio.timeout(1):
            token = await self._tokens.get()
        with self._mutex:
            self.sessions[user] = token
        return token

    async def issue(self, n):
        for i in range(n):
            await asyncio.sleep(0.01)
            await self._tokens.put(f"tok{i}")


async def main():
    store = SessionStore()
    issuer = asyncio.create_task(store.issue(2))
    print(await store.refresh("ann"), await store.refresh("bob"))
    await issuer
    print(sorted(store.sessions.items()))


asyncio.run(main())
