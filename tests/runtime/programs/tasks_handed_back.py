"""Tasks made by a wrapper of the program's that returns them (a loop subclass's create_task, a spawn helper, a
method): a dropped handle is the caller's doing, and is reported at the caller's line, as the linter does."""
import asyncio

kept = set()


async def work(delay=0.03):
    await asyncio.sleep(delay)


class CountingLoop(asyncio.SelectorEventLoop):
    made = 0

    def create_task(self, coro, **kw):
        CountingLoop.made += 1
        return super().create_task(coro, **kw)


def spawn(coro):
    task = asyncio.create_task(coro)
    return task


def spawn_named(coro, name):
    return spawn(coro)


def spawn_kept(coro):
    task = asyncio.create_task(coro)
    kept.add(task)
    task.add_done_callback(kept.discard)
    return task


def start_and_count(coro):
    asyncio.create_task(coro)  # ACK302: this helper drops it, and returns something else
    return 1


class Supervisor:
    def __init__(self):
        self.loop = asyncio.get_running_loop()

    def start(self, coro):
        return self.loop.create_task(coro)


async def on_subclass():
    asyncio.get_running_loop().create_task(work())  # ACK302
    t = asyncio.get_running_loop().create_task(work())
    await asyncio.sleep(0.06)
    await t


async def main():
    spawn(work())  # ACK302
    spawn_named(work(), "x")  # ACK302
    Supervisor().start(work())  # ACK302
    spawn_kept(work())
    start_and_count(work())
    a = spawn(work())
    b = Supervisor().start(work())
    both = [spawn_named(work(), "y"), spawn_named(work(), "z")]
    await asyncio.sleep(0.06)
    await asyncio.gather(a, b, *both)


asyncio.run(main())
loop = CountingLoop()
try:
    loop.run_until_complete(on_subclass())
finally:
    loop.close()
print(CountingLoop.made)
