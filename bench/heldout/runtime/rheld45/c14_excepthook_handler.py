"""An app with its own loop exception handler and sys.excepthook; a failing task's error is retrieved."""
import asyncio
import sys

sys.excepthook = lambda tp, val, tb: print("fatal:", tp.__name__, val, file=sys.stderr)


def on_loop_error(loop, context):
    print("loop error:", context.get("message"), file=sys.stderr)


async def job(i):
    await asyncio.sleep(0.001)
    if i == 2:
        raise ValueError("bad record 2")
    return i


async def main():
    asyncio.get_running_loop().set_exception_handler(on_loop_error)
    tasks = [asyncio.create_task(job(i)) for i in range(4)]
    results = await asyncio.gather(*tasks, return_exceptions=True)
    print([r if isinstance(r, int) else type(r).__name__ for r in results])
    raise RuntimeError("shutdown failed")


asyncio.run(main())
