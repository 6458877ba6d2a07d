"""A worker pool reports crashed threads through threading.excepthook, executor failures through their futures,
and checks the hook it found was the default one."""
import asyncio
import concurrent.futures
import threading

CRASHES = []


def hook(args):
    CRASHES.append((args.exc_type.__name__, str(args.exc_value), args.thread.name if args.thread else None))


def crash(kind):
    raise {"value": ValueError, "os": OSError}[kind](f"{kind} in worker")


def loop_in_thread():
    async def inner():
        await asyncio.sleep(0)
        raise RuntimeError("loop thread failed")
    asyncio.run(inner())


async def main():
    print(threading.excepthook is threading.__excepthook__, threading.excepthook.__name__)
    threading.excepthook = hook
    for name, kind in (("alpha", "value"), ("beta", "os")):
        t = threading.Thread(target=crash, args=(kind,), name=name)
        t.start()
        t.join()
    t = threading.Thread(target=loop_in_thread, name="gamma")
    t.start()
    await asyncio.to_thread(t.join)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        fut = pool.submit(crash, "value")
        print("executor", type(fut.exception()).__name__)
    try:
        await asyncio.to_thread(crash, "os")
    except OSError as exc:
        print("to_thread", exc)
    threading.excepthook = threading.__excepthook__
    print(CRASHES)


asyncio.run(main())
