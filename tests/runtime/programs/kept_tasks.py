"""Look-alikes of dropped_tasks.py that keep their tasks, or whose tasks asyncio or the loop made: nothing to
report."""
import asyncio
import sys

background = set()
registry = []


class Service:
    def __init__(self):
        self.task = None
        self.by_name = {}

    def start(self):
        self.task = asyncio.create_task(work())
        self.by_name["x"] = asyncio.ensure_future(work())


async def work(delay=0.02):
    await asyncio.sleep(delay)
    return delay


async def quick():
    return 1  # finishes in its first step: nothing left to lose


def keep(task):
    registry.append(task)
    return task


def make():
    return asyncio.create_task(work())


async def echo(reader, writer):
    writer.write(await reader.readline())
    await writer.drain()
    writer.close()


async def main():
    loop = asyncio.get_running_loop()
    task = asyncio.create_task(work())
    background.add(task)
    task.add_done_callback(background.discard)
    registry.append(asyncio.create_task(work()))
    service = Service()
    service.start()
    local = asyncio.create_task(work())
    await asyncio.sleep(0)
    await local
    keep(asyncio.create_task(work()))
    kept = make()
    await asyncio.gather(asyncio.create_task(work()), work(), asyncio.ensure_future(work()))
    await asyncio.wait([asyncio.create_task(work()), asyncio.create_task(work())])
    await asyncio.shield(asyncio.create_task(work()))
    await asyncio.wait_for(asyncio.create_task(work()), 5)
    await asyncio.create_task(work())
    asyncio.create_task(quick())
    if sys.version_info >= (3, 11):
        async with asyncio.TaskGroup() as group:
            group.create_task(work())
            group.create_task(work())
    server = await asyncio.start_server(echo, "127.0.0.1", 0)  # the loop's tasks for each connection
    reader, writer = await asyncio.open_connection("127.0.0.1", server.sockets[0].getsockname()[1])
    writer.write(b"hi\n")
    print((await reader.readline()).decode().strip())
    writer.close()
    server.close()
    await server.wait_closed()
    for t in (kept, service.task, *service.by_name.values(), *registry):
        await t
    print("kept", len(background))


asyncio.run(main())
