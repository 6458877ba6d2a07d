"""What a program sees of the child interpreters it starts with multiprocessing's spawn and forkserver methods,
printed so that a run under python and one under `asynccheck run` can be compared (tests/runtime/
test_spawn_children.py). `python children_fidelity.py CASE METHOD`; every child's output is flushed, and the
parent waits for it before printing, so the order is the same in both runs."""
import asyncio
import concurrent.futures
import multiprocessing
import os
import signal
import sys
import time

class Boom(Exception):
    pass


class Payload:
    def __init__(self, value):
        self.value = value


async def double(n):
    await asyncio.sleep(0)
    return n * 2


def job(n):
    if n == 3:
        raise Boom(f"job {n} failed")
    return asyncio.run(double(n))


def show(payload):
    print(f"child runs the program as {__name__}", flush=True)  # __mp_main__: re-imported, not run
    print(f"child got {type(payload).__module__}.{type(payload).__qualname__} {payload.value}", flush=True)


def crash():
    raise Boom("the child crashed")


def quit_at_once():
    print("child leaving through os._exit", flush=True)
    os._exit(7)


def wait_forever(ready):
    ready.set()
    while True:
        time.sleep(0.05)


def pid_of_worker(_):
    time.sleep(0.05)
    return os.getpid()


def interpreter():
    print(f"child runs {os.path.realpath(sys.executable) == os.path.realpath(sys.argv[1]) or sys.executable}",
          flush=True)


def main(case, method):
    ctx = multiprocessing.get_context(method)
    if case == "pickle-main":
        child = ctx.Process(target=show, args=(Payload(42),))
        child.start()
        child.join()
        print("exit code", child.exitcode)
    elif case == "pool":
        with ctx.Pool(2) as pool:
            print(pool.map(job, [0, 1, 2]))
            try:
                pool.map(job, [3])
            except Boom as exc:
                print("pool raised", repr(exc), type(exc.__cause__).__name__)
    elif case == "executor":
        with concurrent.futures.ProcessPoolExecutor(2, mp_context=ctx) as pool:
            for future in [pool.submit(job, n) for n in range(5)]:
                try:
                    print(future.result())
                except Boom as exc:
                    print("future raised", repr(exc))
    elif case == "max-tasks":  # (not ProcessPoolExecutor's max_tasks_per_child: it can hang on 3.13.0 itself)
        with ctx.Pool(1, maxtasksperchild=2) as pool:
            pids = pool.map(pid_of_worker, range(6), chunksize=1)
        print("workers", len(set(pids)))
    elif case == "terminate":
        pool = ctx.Pool(2)
        result = pool.map_async(time.sleep, [30, 30])
        time.sleep(0.5)
        pool.terminate()
        pool.join()
        print("terminated, ready:", result.ready())
    elif case == "sigterm":
        ready = ctx.Event()
        child = ctx.Process(target=wait_forever, args=(ready,))
        child.start()
        ready.wait(60)
        os.kill(child.pid, signal.SIGTERM)
        child.join(60)
        print("exit code", child.exitcode)
    elif case == "os-exit":
        child = ctx.Process(target=quit_at_once)
        child.start()
        child.join()
        print("exit code", child.exitcode)
    elif case == "crash":
        child = ctx.Process(target=crash)
        child.start()
        child.join()
        print("exit code", child.exitcode)
    elif case == "preload":
        ctx.set_forkserver_preload(["__main__", "json"])
        with concurrent.futures.ProcessPoolExecutor(1, mp_context=ctx) as pool:
            print(pool.submit(job, 4).result())
    elif case == "set-executable":
        other = os.path.realpath(sys.executable)  # (a venv's python is a link to its base interpreter)
        ctx.set_executable(other)
        child = ctx.Process(target=interpreter)
        sys.argv[1:] = [other]
        child.start()
        child.join()
        print("exit code", child.exitcode)
    elif case == "own-executable":  # set before multiprocessing.spawn is imported: its children run that one
        sys.executable = os.path.realpath(sys.executable)
        sys.argv[1:] = [sys.executable]
        child = ctx.Process(target=interpreter)
        child.start()
        child.join()
        print("exit code", child.exitcode)
    elif case == "exit-status":
        with ctx.Pool(1) as pool:
            print(pool.apply(job, (5,)))
        sys.exit(4)
    else:
        raise SystemExit(f"unknown case {case}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
