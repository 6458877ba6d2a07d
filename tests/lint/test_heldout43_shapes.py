"""A call on a receiver of unknown type that the same coroutine awaits at one place and drops at another: the
function itself says the call makes an awaitable (the twin a port from sync code forgot). Look-alikes: calls that
schedule their work anyway, output calls whose Future is optional, the two branches of a type test, and another
function's call."""
from __future__ import annotations

from .helpers import check_marked


def test_a_call_awaited_in_one_place_and_dropped_in_another():
    check_marked('''
        async def share(client, names):
            await client.http.post("/link")
            for name in names:
                client.http.post("/invites", json={"name": name})  # ACK301

        class Port:
            def __init__(self, dce):
                self.dce = dce

            async def enumerate(self, request):
                try:
                    self.dce.request(request)  # ACK301
                except LookupError:
                    pass
                return await self.dce.request(request)

        # look-alikes
        async def share_all(client, names):
            await client.http.post("/link")
            for name in names:
                await client.http.post("/invites", json={"name": name})

        async def offload(loop, pool, job):
            await loop.run_in_executor(pool, job)
            loop.run_in_executor(pool, job)  # the job runs either way

        async def stream(out):
            await out.write(b"head")
            out.write(b"tail")  # a write started at the call, its Future awaited when it matters
            out.flush()

        async def clear(cache, AsyncCache):
            if isinstance(cache, AsyncCache):
                await cache.clear()
            else:
                cache.clear()

        async def elsewhere(client):
            client.http.post("/x")

        def sync_twin(client):
            client.http.post("/y")
    ''', ["ACK301"])
