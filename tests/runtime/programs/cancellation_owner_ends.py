"""Task roots that swallow the cancel and end: quiet when the cancel came straight from the task's owner (a
`task.cancel()` in the program while nothing waited on the task, or its task group cancelling its children),
reported (ACK602, at the handler) when it came through something that waits on the task for a cancel of its own: a
task awaiting it, or another task cancelling it while a third awaits it. A `gather` or `shield` over it is no such
waiter: a gather that is cancelled raises CancelledError once its members are done, swallowed or not, and a shield
never passes the cancel on, so the task's swallow loses nobody's cancel (as the linter's task roots)."""
import asyncio
import contextlib

import anyio

stopped = []


async def poller(name):
    try:
        while True:
            await asyncio.sleep(0.001)
    except asyncio.CancelledError:  # its owner stops it, then waits for it: nobody's cancel is lost
        stopped.append(name)


async def awaited_root(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:  # ACK602: the cancel of the task awaiting it came through
        stopped.append(name)


async def watched_root(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:  # ACK602: cancelled while another task awaited it, which carries on
        stopped.append(name)


async def gathered_root(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:  # a gather over it raises its own awaiter's cancel anyway
        stopped.append(name)


async def shielded_root(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:  # a shield over it never passes a cancel on
        stopped.append(name)


async def suppressed_root():
    with contextlib.suppress(asyncio.CancelledError):  # ACK602: the cancel of the task awaiting it came through
        await asyncio.sleep(10)


async def slow_cleanup_root(gate):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:  # ACK602: cleans up past the checker's first looks, then ends, while awaited
        await gate.wait()
        stopped.append("slow cleanup")


async def failing():
    await asyncio.sleep(0.001)
    raise ValueError("boom")


async def group_child(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:  # its task group cancelled it and waits for it: nobody's cancel is lost
        stopped.append(name)


async def anyio_child(name):
    try:
        await anyio.sleep(10)
    except asyncio.CancelledError:  # its anyio task group's cancel scope: the group's own cancel, as start_soon's
        stopped.append(name)


async def anyio_grouped():
    async with anyio.create_task_group() as group:
        group.start_soon(anyio_child, "anyio cancelled")
        await anyio.sleep(0.002)
        group.cancel_scope.cancel()
    try:
        async with anyio.create_task_group() as group:
            group.start_soon(anyio_child, "anyio failed")
            group.start_soon(failing)
    except Exception:
        print("anyio group failed")


async def awaits(task):
    return await task


async def grouped():
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(group_child("grouped"))
            group.create_task(failing())
    except Exception:  # (an ExceptionGroup; 3.9 cannot compile `except*`)
        print("group failed")


async def main():
    owned = asyncio.create_task(poller("owned"))
    dropped = asyncio.create_task(poller("dropped"))
    await asyncio.sleep(0.003)
    owned.cancel()
    await owned
    dropped.cancel()
    await asyncio.sleep(0.002)

    inner = asyncio.create_task(awaited_root("awaited"))
    outer = asyncio.create_task(awaits(inner))
    await asyncio.sleep(0.002)
    outer.cancel()
    print(await outer)

    watched = asyncio.create_task(watched_root("watched"))
    watcher = asyncio.create_task(awaits(watched))
    await asyncio.sleep(0.002)
    watched.cancel()
    print(await watcher)

    member = asyncio.create_task(gathered_root("gathered"))
    gathering = asyncio.gather(member)
    await asyncio.sleep(0.002)
    member.cancel()
    print(await gathering)

    member = asyncio.create_task(gathered_root("gathered by a cancelled awaiter"))
    outer = asyncio.create_task(awaits(asyncio.gather(member)))
    await asyncio.sleep(0.002)
    outer.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        print("the gather raised its awaiter's cancel")

    shielded = asyncio.create_task(shielded_root("shielded"))
    shield = asyncio.shield(shielded)
    await asyncio.sleep(0.002)
    shielded.cancel()
    print(await shield)

    inner = asyncio.create_task(suppressed_root())
    outer = asyncio.create_task(awaits(inner))
    await asyncio.sleep(0.002)
    outer.cancel()
    print(await outer)

    gate = asyncio.Event()
    inner = asyncio.create_task(slow_cleanup_root(gate))
    outer = asyncio.create_task(awaits(inner))
    await asyncio.sleep(0.002)
    outer.cancel()
    for _ in range(30):  # past the checker's looks right after the delivery
        await asyncio.sleep(0)
    gate.set()
    print(await outer)

    if hasattr(asyncio, "TaskGroup"):
        await asyncio.create_task(grouped())
    await asyncio.create_task(anyio_grouped())


asyncio.run(main())
print(sorted(stopped))
