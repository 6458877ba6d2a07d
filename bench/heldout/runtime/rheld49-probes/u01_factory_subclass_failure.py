import asyncio
class TracedTask(asyncio.Task):
    pass
def factory(loop, coro, **kw):
    return TracedTask(coro, loop=loop, **kw)
async def sync_account(n):
    await asyncio.sleep(0.01)
    if n == 2:
        raise KeyError(f"account {n} missing")
async def main():
    loop = asyncio.get_running_loop()
    loop.set_task_factory(factory)
    pending = [loop.create_task(sync_account(n)) for n in range(4)]  # PLANT ACK303
    await asyncio.sleep(0.05)
    print(sum(t.done() for t in pending))
    pending.clear()
    await asyncio.sleep(0.01)
asyncio.run(main())
