"""Request-scoped state in `contextvars`: what `copy_context()` holds (how many variables, their names and values)
in the module, a task, a loop callback, a timer, an executor job, `to_thread`, a thread, and a done callback."""
import asyncio
import concurrent.futures
import contextvars
import threading

REQUEST_ID = contextvars.ContextVar("request_id", default=None)
USER = contextvars.ContextVar("user")


def snapshot(where, out):
    ctx = contextvars.copy_context()
    out.append((where, len(ctx), sorted((var.name, value) for var, value in ctx.items())))


async def handler(out):
    REQUEST_ID.set("req-7")
    USER.set("ana")
    snapshot("task", out)
    loop = asyncio.get_running_loop()
    loop.call_soon(snapshot, "call_soon", out)
    loop.call_later(0.001, snapshot, "call_later", out)
    await asyncio.sleep(0.01)
    await loop.run_in_executor(None, snapshot, "run_in_executor", out)
    await asyncio.to_thread(snapshot, "to_thread", out)
    t = threading.Thread(target=snapshot, args=("thread", out))
    t.start()
    await asyncio.to_thread(t.join)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        await asyncio.wrap_future(pool.submit(snapshot, "pool.submit", out))
    child = asyncio.create_task(asyncio.sleep(0))
    child.add_done_callback(lambda _: snapshot("done_callback", out))
    await child
    await asyncio.sleep(0)


async def main():
    out = []
    snapshot("main", out)
    await asyncio.create_task(handler(out))
    snapshot("main after", out)
    for row in out:
        print(*row)


snapshot_out = []
snapshot("module", snapshot_out)
print(*snapshot_out[0])
asyncio.run(main())
