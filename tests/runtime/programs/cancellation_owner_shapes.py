"""The linter's task-root shapes of a602w at run time: a task started through the program's own `create_task`
wrapper, a private loop its task's function ends with (`return await`), an entry popped from a mapping of tasks and
cancelled: each swallows a cancel its owner sent while nothing waited on the task, and is quiet, as in the linter. A task whose awaiter is cancelled
gets that awaiter's cancel, and its swallow is reported (ACK602, at the handler)."""
import asyncio

stopped = []


def create_task_logged(coro):
    task = asyncio.create_task(coro)
    task.add_done_callback(lambda t: t.cancelled() or t.exception())
    return task


async def monitor():
    while True:
        try:
            await asyncio.sleep(0.001)
        except asyncio.CancelledError:  # started through the wrapper, stopped by its owner
            break
    stopped.append("monitor")


async def _mixed_loop():
    while True:
        try:
            await asyncio.sleep(0.001)
        except asyncio.CancelledError:  # the task's function ends with it; its owner cancelled the task
            break
    stopped.append("mixed")


async def queue_to_buffer(mixed):
    if mixed:
        return await _mixed_loop()
    await asyncio.sleep(10)


async def reader(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:  # popped from the mapping and cancelled by its owner
        stopped.append(name)


async def awaited():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:  # ACK602: its awaiter's cancel came through, and the awaiter carries on
        stopped.append("awaited")


async def waiter(task):
    await task


async def main():
    watchdog = create_task_logged(monitor())
    pump = asyncio.get_running_loop().create_task(queue_to_buffer(True))
    readers = {name: asyncio.create_task(reader(name)) for name in ("a", "b")}
    await asyncio.sleep(0.01)
    watchdog.cancel()
    pump.cancel()
    popped = readers.pop("a")
    popped.cancel()
    await asyncio.gather(watchdog, pump, popped, return_exceptions=True)
    readers.pop("b").cancel()
    await asyncio.sleep(0)
    late = asyncio.create_task(awaited())
    watching = asyncio.create_task(waiter(late))
    await asyncio.sleep(0.01)
    watching.cancel()
    await asyncio.gather(watching, return_exceptions=True)
    print(sorted(stopped))


asyncio.run(main())
