"""A client whose slow cached_property is warmed in a thread; later reads are cached."""
import asyncio
import functools
import time


class Client:
    @functools.cached_property
    def session_id(self):
        time.sleep(0.12)
        return "sess-1"


async def request(client):
    await asyncio.to_thread(lambda: client.session_id)
    sid = client.session_id
    return sid


print("session", asyncio.run(request(Client())))
