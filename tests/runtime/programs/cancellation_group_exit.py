"""An `asyncio.TaskGroup` whose child fails while its host already waits in the group's exit cancels the host and
catches that cancel itself (up to 3.12 it never takes the count back: CPython's leak, fixed in 3.13). The host's
`except BaseException` gets the group's ExceptionGroup, not a CancelledError: no ACK601. The same handler catching
a real cancel and carrying on is still reported."""
import asyncio


async def failing():
    await asyncio.sleep(0.001)
    raise ValueError("boom")


async def sleeper():
    await asyncio.sleep(10)


async def host(log):
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(sleeper())
            group.create_task(failing())
    except BaseException as exc:  # the group's failure, not a cancel
        log.append(type(exc).__name__)
    await asyncio.sleep(0.001)
    log.append("host went on")


async def swallows(log):
    try:
        await asyncio.sleep(10)
    except BaseException:  # ACK601: a real cancel, and it goes on
        log.append("swallowed")
    await asyncio.sleep(0.001)
    log.append("went on")


async def main():
    log = []
    if hasattr(asyncio, "TaskGroup"):
        try:
            async with asyncio.TaskGroup() as group:
                group.create_task(sleeper())
                group.create_task(failing())
        except BaseException as exc:  # the main task of asyncio.run, the same shape
            log.append(type(exc).__name__)
        await asyncio.create_task(host(log))
    else:
        log += ["ExceptionGroup", "ExceptionGroup", "host went on"]
    task = asyncio.create_task(swallows(log))
    await asyncio.sleep(0.002)
    task.cancel()
    await task
    print(log)


asyncio.run(main())
