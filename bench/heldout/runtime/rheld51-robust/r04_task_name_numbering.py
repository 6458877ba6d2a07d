"""Default task names (Task-N) across two asyncio.run calls, a Runner, a TaskGroup, to_thread and a
run_until_complete loop: the counter is process-wide, so any task made behind the program's back shows."""
import asyncio
import sys


async def child():
    await asyncio.sleep(0)
    return asyncio.current_task().get_name()


async def main(tag):
    names = [asyncio.current_task().get_name()]
    names.append(await asyncio.create_task(child()))
    names.append(await asyncio.ensure_future(child()))
    await asyncio.to_thread(sum, [1, 2])
    names.append(await asyncio.create_task(child()))
    if sys.version_info >= (3, 11):
        async with asyncio.TaskGroup() as tg:
            t = tg.create_task(child())
        names.append(t.result())
    print(tag, names)


asyncio.run(main("run1"))
asyncio.run(main("run2"))
if sys.version_info >= (3, 11):
    with asyncio.Runner() as runner:
        runner.run(main("runner"))
loop = asyncio.new_event_loop()
loop.run_until_complete(main("ruc"))
loop.close()
