"""A sync spawner that returns the task; the caller keeps and awaits them."""
import asyncio

DONE = []


def _log_errors(task):
    if not task.cancelled() and task.exception():
        print("failed", task.exception())


def spawn(coro):
    task = asyncio.get_running_loop().create_task(coro)
    task.add_done_callback(_log_errors)
    return task


async def sync_user(n):
    await asyncio.sleep(0.03)
    DONE.append(n)


async def main():
    tasks = [spawn(sync_user(n)) for n in range(3)]
    await asyncio.wait(tasks)
    print(sorted(DONE))


asyncio.run(main())
