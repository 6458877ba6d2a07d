"""A pre-fork server: the parent forks workers that each run their own asyncio loop and exit with a status
the parent collects, one at a time (no exec in the child)."""
import asyncio
import os
import sys


async def serve(worker):
    await asyncio.sleep(0.01 * worker)
    tasks = [asyncio.create_task(asyncio.sleep(0, result=n)) for n in range(3)]
    return worker, sum(await asyncio.gather(*tasks))


def child(worker):
    result = asyncio.run(serve(worker))
    print("child", result, flush=True)
    if worker == 2:
        sys.exit(7)
    if worker == 3:
        os._exit(9)
    return 0


async def parent_loop():
    await asyncio.sleep(0)
    return "parent ok"


statuses = {}
for worker in (1, 2, 3):
    pid = os.fork()
    if pid == 0:
        code = child(worker)
        sys.exit(code)
    _, status = os.waitpid(pid, 0)
    statuses[worker] = os.waitstatus_to_exitcode(status)
print(sorted(statuses.items()))
print(asyncio.run(parent_loop()))
