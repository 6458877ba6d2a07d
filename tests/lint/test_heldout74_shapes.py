"""Shapes found missing on heldout74's set (whole modules of Django, Channels, bots, Textual, SQLAlchemy, NATS,
ZeroMQ, devices, flows, Celery, Qt, telemetry, Redis streams, mail, Dask/Ray): each flagged shape beside the
look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked


def test_a_loop_made_by_the_policy_in_a_helper_that_runs_a_coroutine():
    check_marked('''
        import asyncio

        def run(coro):
            return asyncio.get_event_loop_policy().new_event_loop().run_until_complete(coro)

        async def echo() -> bytes:
            return b""

        async def roundtrip() -> bytes:
            return run(echo())  # ACK108

        async def inline() -> bytes:
            return asyncio.get_event_loop_policy().get_event_loop().run_until_complete(echo())  # ACK108

        def sync_caller() -> bytes:
            return run(echo())

        async def awaited() -> bytes:
            return await echo()

        async def policy_only() -> None:
            policy = asyncio.get_event_loop_policy()
            policy.set_event_loop(None)
    ''', ["ACK108"])


def test_ray_waits_for_remote_results():
    check_marked('''
        import asyncio

        import ray

        @ray.remote
        def train(shard: int) -> float:
            return shard * 0.5

        async def train_all(shards: list) -> list:
            refs = [train.remote(s) for s in shards]
            return ray.get(refs)  # ACK106

        async def first_done(refs: list) -> list:
            done, _ = ray.wait(refs, num_returns=1)  # ACK106
            return done

        async def train_all_async(shards: list) -> list:
            refs = [train.remote(s) for s in shards]
            return await asyncio.gather(*refs)

        async def offloaded(refs: list) -> list:
            return await asyncio.to_thread(ray.get, refs)

        def driver(shards: list) -> list:
            return ray.get([train.remote(s) for s in shards])

        class Cache:
            def get(self, key):
                return key

        async def look_alike(cache: Cache) -> None:
            cache.get("ray")
    ''', ["ACK106", "ACK108"])
