"""A worker record (dataclass) that holds its task; the supervisor awaits them all."""
import asyncio
import dataclasses


@dataclasses.dataclass
class Worker:
    name: str
    task: asyncio.Task = None


async def run(name):
    await asyncio.sleep(0.02)
    return name


async def main():
    workers = [Worker(n) for n in "ab"]
    for w in workers:
        w.task = asyncio.create_task(run(w.name))
    print([await w.task for w in workers])


asyncio.run(main())
