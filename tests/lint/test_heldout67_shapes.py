"""Shapes of the flow rules found missing on a held-out set written in the shapes real code takes (heldout67):
a retry loop that counts its own rounds, a plain helper that hands back a coroutine, a coroutine tested through
a walrus, a task whose coroutine waits for the done callback's signal."""
from __future__ import annotations

from .helpers import check_marked, project_findings


def test_retry_loop_with_a_counter_of_its_own_reraises_only_on_its_last_round():
    # `retries += 1` in a `while True:` counts rounds as `for attempt in range(n)` does: `if retries >= 3: raise`
    # lets cancellation through only on the last one
    check_marked('''
        import asyncio

        async def upload(client, blob) -> None:
            retries = 0
            while True:
                try:
                    await client.upload(blob)
                    return
                except:  # ACK601
                    if retries >= 3:
                        raise
                    retries += 1

        async def upload_counting_down(client, blob) -> None:
            left = 3
            while True:
                try:
                    await client.upload(blob)
                    return
                except BaseException:  # ACK601
                    left -= 1
                    if left == 0:
                        raise

        async def upload_cancel_aware(client, blob) -> None:
            retries = 0
            while True:
                try:
                    await client.upload(blob)
                    return
                except BaseException as exc:
                    if isinstance(exc, asyncio.CancelledError) or retries >= 3:
                        raise
                    retries += 1

        async def upload_narrow(client, blob) -> None:
            retries = 0
            while True:
                try:
                    await client.upload(blob)
                    return
                except ConnectionError:
                    if retries >= 3:
                        raise
                    retries += 1

        async def counts_but_always_reraises(client, blob, stats) -> None:
            while True:
                try:
                    await client.upload(blob)
                    return
                except BaseException:
                    stats.failures += 1
                    raise
    ''', ["ACK601", "ACK602"])
