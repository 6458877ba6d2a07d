"""ACK401 on a future resolved from another thread while nothing awaits it yet, ACK402 on `loop.call_soon()` from
another thread: seen from Python 3.12 (sys.monitoring, in the program's own code), on asyncio's loop and uvloop's.
Look-alikes: `call_soon_threadsafe(fut.set_result, ...)`, `run_coroutine_threadsafe`, a concurrent.futures
Future, a thread running its own loop with its own futures, a loop not started yet, the loop's own calls."""
import asyncio
import concurrent.futures
import threading


def own_loop(out):
    async def inner():
        fut = asyncio.get_running_loop().create_future()
        fut.set_result("own")
        asyncio.get_running_loop().call_soon(out.append, "own call_soon")
        out.append(await fut)

    asyncio.run(inner())


async def in_thread(target, *args):
    t = threading.Thread(target=target, args=args)
    t.start()
    while t.is_alive():
        await asyncio.sleep(0.002)


async def main():
    loop = asyncio.get_running_loop()
    early, failed, dropped = loop.create_future(), asyncio.Future(), loop.create_future()

    def resolve():
        early.set_result(1)  # ACK401 (nothing awaits it, no callback reaches the loop: seen at the call site)
        failed.set_exception(ValueError("x"))  # ACK401
        dropped.cancel()  # ACK401

    await in_thread(resolve)
    got = [await early, dropped.cancelled()]
    try:
        await failed
    except ValueError:
        got.append("failed")

    def schedule():
        loop.call_soon(got.append, "soon")  # ACK402 (on uvloop, compiled: seen at the call site)

    await in_thread(schedule)
    handed = loop.create_future()
    await in_thread(loop.call_soon_threadsafe, handed.set_result, "handed")
    got.append(await handed)
    cfut = concurrent.futures.Future()
    await in_thread(cfut.set_result, "concurrent")
    got.append(await asyncio.wrap_future(cfut))
    await in_thread(lambda: asyncio.run_coroutine_threadsafe(asyncio.sleep(0, "coro"), loop).result(2))
    await in_thread(own_loop, got)
    mine, direct = loop.create_future(), loop.create_future()
    loop.call_soon(mine.set_result, "mine")
    direct.set_result("direct")
    got += [await mine, await direct]
    await asyncio.sleep(0.01)
    print(sorted(map(str, got)))


def before_start(later):
    later.call_soon(print, "queued before the loop started")
    later.create_future().set_result(None)


new = asyncio.new_event_loop()
t = threading.Thread(target=before_start, args=(new,))
t.start()
t.join()
new.run_until_complete(asyncio.sleep(0))
new.close()
asyncio.run(main())
