"""A session store whose refresh waits for the next token under asyncio.timeout while holding its mutex."""
import asyncio
import threading


class SessionStore:
    def __init__(self):
        self._mutex = threading.Lock()
        self._tokens = asyncio.Queue(maxsize=4)
        self.sessions = {}

    async def refresh(self, user):
        with self._mutex:  # PLANT ACK201
            async with asyncio.timeout(1):
                token = await self._tokens.get()
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
