"""An unhandled exception in a plain thread (threading.excepthook), in an executor job nobody reads, and in a
task; then the exit status from SystemExit raised inside asyncio.run with a non-int code."""
import asyncio
import concurrent.futures
import threading


def boom(tag):
    raise ValueError(tag)


async def main():
    t = threading.Thread(target=boom, args=("thread",), name="bad-thread")
    t.start()
    await asyncio.to_thread(t.join)
    print("thread joined", t.is_alive())
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        job = pool.submit(boom, "job")
    print("job", type(job.exception()).__name__)
    task = asyncio.create_task(asyncio.sleep(0, "ok"))
    print("task", await task)
    print("before exit", flush=True)
    raise SystemExit("stopping: config missing")


asyncio.run(main())
