"""Cancellations swallowed where the program's own tasks are not involved: a member of `gather(...)` (asyncio's
task, cancelled through the gathering future), and a task that swallows its cancellation and never ends by itself
(`asyncio.run` cancels it again at its end). Look-alikes: members that re-raise (return_exceptions too), a
re-raise deferred past a cleanup, a cancellation undone on purpose (`uncancel()`), timeouts inside members."""
import asyncio


async def fetch_retrying(log):
    for attempt in range(2):
        try:
            await asyncio.sleep(0.02)
            log.append(("ok", attempt))
        except asyncio.CancelledError:  # ACK601: a gather member that carries on
            log.append(("cancelled", attempt))
    return "fetched"


async def scan(rows):
    while len(rows) < 2:
        try:
            await asyncio.sleep(0.02)
        except asyncio.CancelledError:  # ACK601: wait_for's timeout cancels the gather's members
            pass
        rows.append(1)
    return len(rows)


async def heartbeat(beats):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:  # ACK601: the task goes on beating until asyncio.run cancels it again
        beats.append("stop ignored")
    while True:
        await asyncio.sleep(0.002)
        beats.append("beat")


async def member(n, log):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        log.append(f"cleanup {n}")
        raise


async def deferred(log):
    cancelled = False
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        cancelled = True
    await asyncio.sleep(0.002)  # a cleanup past the handler, then the cancellation goes on
    if cancelled:
        raise asyncio.CancelledError


async def resilient(log):
    for i in range(2):
        try:
            await asyncio.sleep(0.01)
            log.append(i)
        except asyncio.CancelledError:
            asyncio.current_task().uncancel()  # undone on purpose: not swallowed
            log.append("nudged")
    return "resilient"


async def polls(results):
    for _ in range(2):
        try:
            async with asyncio.timeout(0.002):
                await asyncio.sleep(1)
        except TimeoutError:
            results.append("timeout")
    return results


async def cancelled_later(awaitable):
    await asyncio.sleep(0.005)
    awaitable.cancel()
    try:
        return await awaitable
    except asyncio.CancelledError:
        return "cancelled"


async def main():
    log = []
    print(await cancelled_later(asyncio.gather(fetch_retrying(log), asyncio.sleep(1))))
    try:
        await asyncio.wait_for(asyncio.gather(scan([]), scan([])), 0.005)
    except asyncio.TimeoutError:
        print("timed out")
    print(await cancelled_later(asyncio.gather(member(1, log), member(2, log), return_exceptions=True)))
    print(await cancelled_later(asyncio.gather(member(3, log), deferred(log))))
    print(await cancelled_later(asyncio.create_task(deferred(log))))
    print(await cancelled_later(asyncio.create_task(resilient(log))))
    print(await asyncio.gather(polls([]), polls([])))
    beats = []
    beating = asyncio.create_task(heartbeat(beats))
    await asyncio.sleep(0.005)
    beating.cancel()
    await asyncio.sleep(0.02)
    print("still beating:", not beating.done(), sorted(log, key=str))


asyncio.run(main())
