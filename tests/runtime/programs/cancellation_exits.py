"""A cancelled task that waits inside a `with` block's exit before the CancelledError goes on (a task group that
cancels its children and waits for them, then re-raises) is still handling the cancellation there: asked to
cancel again meanwhile (anyio's task group re-cancels its host at each loop pass until the children are gone),
it has not carried on. An exit that waits and then swallows the cancellation, after which the task carries on,
is still ACK601."""
import asyncio

import anyio


class Draining:
    """An async context manager that, on the way out, waits for its helpers, then lets the exception through
    (``swallow=False``) or says it was handled."""

    def __init__(self, swallow=False):
        self.swallow = swallow
        self.helpers = []

    async def __aenter__(self):
        self.helpers.append(asyncio.ensure_future(asyncio.sleep(1)))
        return self

    async def __aexit__(self, kind, value, tb):
        for helper in self.helpers:
            helper.cancel()
        await asyncio.gather(*self.helpers, return_exceptions=True)
        await asyncio.sleep(0.005)
        return self.swallow


async def child(log):
    try:
        await anyio.sleep(1)
    finally:
        log.append("child stopped")


async def serve(log):
    async with anyio.create_task_group() as tg:
        tg.start_soon(child, log)
        await anyio.sleep_forever()


async def serve_then_clean_up(log):
    try:
        async with anyio.create_task_group() as tg:
            tg.start_soon(child, log)
            await anyio.sleep(1)
    finally:
        with anyio.CancelScope(shield=True):
            await anyio.sleep(0.005)
            log.append("cleaned up")


async def drains(log):
    async with Draining():
        await asyncio.sleep(1)
    log.append("never")


async def drains_and_goes_on(log):
    async with Draining(swallow=True):  # ACK601: the exit waited, then swallowed it, and the task went on
        await asyncio.sleep(1)
    await asyncio.sleep(0.005)
    log.append("went on")


async def main():
    log = []
    for job in (serve, serve_then_clean_up, drains, drains_and_goes_on):
        task = asyncio.create_task(job(log))
        await asyncio.sleep(0.01)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await asyncio.sleep(0.01)
        task.cancel()  # (a second cancel of a finished task does nothing)
    print(log)


asyncio.run(main())
