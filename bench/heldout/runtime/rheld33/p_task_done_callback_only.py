"""A sync spawner that attaches an error-logging callback and keeps nothing else."""
import asyncio

DONE = []


def _log_errors(task):
    if not task.cancelled() and task.exception():
        print("failed", task.exception())


def spawn(coro):
    task = asyncio.get_running_loop().create_task(coro)  # PLANT ACK302
    task.add_done_callback(_log_errors)


async def sync_user(n):
    await asyncio.sleep(0.03)
    DONE.append(n)


async def main():
    for n in range(3):
        spawn(sync_user(n))
    await asyncio.sleep(0.15)
    print(sorted(DONE))


asyncio.run(main())
