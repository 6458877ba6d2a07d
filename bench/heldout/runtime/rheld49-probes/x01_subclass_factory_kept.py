import asyncio
class Traced(asyncio.Task):
    pass
DONE = []
async def warm(k):
    await asyncio.sleep(0.02)
    DONE.append(k)
async def main():
    loop = asyncio.get_running_loop()
    loop.set_task_factory(lambda loop, coro, **kw: Traced(coro, loop=loop, **kw))
    keep = set()
    for k in ("a", "b"):
        t = loop.create_task(warm(k)); keep.add(t); t.add_done_callback(keep.discard)
    while len(DONE) < 2:
        await asyncio.sleep(0.01)
    print(DONE)
asyncio.run(main())
