"""A client whose cached_property waits for a rate-limit window with time.sleep on first use."""
import asyncio
import functools
import time


class Client:
    @functools.cached_property
    def session_id(self):
        time.sleep(0.12)
        return "sess-1"


async def request(client):
    await asyncio.sleep(0)
    sid = client.session_id  # PLANT ACK101
    return sid


print("session", asyncio.run(request(Client())))
