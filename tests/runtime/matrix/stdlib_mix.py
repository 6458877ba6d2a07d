"""A program that leans on the standard library's concurrency machinery. Under `asynccheck run` (and the pytest
plugin) it must print, write to stderr and exit exactly as under `python`, with any start method."""
import asyncio
import atexit
import concurrent.futures
import logging
import multiprocessing
import os
import signal
import subprocess
import sys
import threading


def square(x):
    return x * x


def threads_and_sync():
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(threadName)s %(message)s")
    log = logging.getLogger("mix")
    done = threading.Event()
    timer = threading.Timer(0.01, done.set)
    timer.start()
    done.wait(5)
    cond, items = threading.Condition(), []

    def produce():
        with cond:
            items.append(1)
            cond.notify_all()
        log.info("produced")

    worker = threading.Thread(target=produce, name="producer")
    with cond:
        worker.start()
        cond.wait_for(lambda: items, 5)
    worker.join()
    barrier = threading.Barrier(3)
    parties = [threading.Thread(target=barrier.wait) for _ in range(2)]
    for t in parties:
        t.start()
    barrier.wait()
    for t in parties:
        t.join()
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        print("threads", sorted(pool.map(square, range(4))))
    rlock = threading.RLock()
    with rlock, rlock:
        print("rlock", isinstance(threading.Lock(), type(threading.Lock())))
    threading.Thread(target=lambda: threading.Event().wait(60), daemon=True).start()  # never joined


def processes(method):
    ctx = multiprocessing.get_context(method)
    with ctx.Pool(2) as pool:
        print("pool", pool.map(square, range(5)))
    with concurrent.futures.ProcessPoolExecutor(2, mp_context=ctx) as ex:
        print("executor", list(ex.map(square, range(3))))
    queue = ctx.Queue()
    proc = ctx.Process(target=square, args=(3,))
    proc.start()
    proc.join()
    queue.put("through a queue")
    print(queue.get(timeout=10), proc.exitcode)
    with ctx.Manager() as manager:
        shared, lock = manager.dict(), manager.Lock()
        with lock:
            shared["k"] = 1
        print("manager", dict(shared))


async def in_the_loop():
    loop = asyncio.get_running_loop()
    got = asyncio.Event()
    loop.add_signal_handler(signal.SIGUSR1, got.set)
    os.kill(os.getpid(), signal.SIGUSR1)
    await asyncio.wait_for(got.wait(), 5)
    out = await asyncio.to_thread(subprocess.run, [sys.executable, "-c", "print('child')"],
                                  capture_output=True, text=True)
    print("subprocess", out.stdout.strip())
    proc = await asyncio.create_subprocess_exec(sys.executable, "-c", "import sys; sys.exit(3)")
    print("async subprocess", await proc.wait())


def exit_from_thread():
    threading.Thread(target=sys.exit, args=(5,)).start()  # SystemExit in a thread ends only that thread


if __name__ == "__main__":
    method = sys.argv[1]
    atexit.register(print, "atexit ran")
    threads_and_sync()
    if method != "none":
        processes(method)
    asyncio.run(in_the_loop())
    exit_from_thread()
    print("stderr line", file=sys.stderr)
    sys.exit(int(sys.argv[2]) if len(sys.argv) > 2 else 0)
