"""Child interpreters with async code, for the findings `asynccheck run` brings back from them
(tests/runtime/test_spawn_children.py). `python children_findings.py CASE METHOD`."""
import asyncio
import multiprocessing
import sys
import time


async def handler():
    time.sleep(0.2)  # ACK101, in the child


async def handler_in_thread():
    await asyncio.to_thread(time.sleep, 0.2)


def serve():
    asyncio.run(handler())


def serve_in_thread():
    asyncio.run(handler_in_thread())


def sync_work(n):
    time.sleep(0.05)  # no loop: nothing to report
    return n + 1


def serve_once(_):
    serve()
    return "served"


def main(case, method):
    ctx = multiprocessing.get_context(method)
    if case == "blocking":
        child = ctx.Process(target=serve)
    elif case == "to-thread":
        child = ctx.Process(target=serve_in_thread)
    elif case == "sync":
        with ctx.Pool(2) as pool:
            print(pool.map(sync_work, range(4)))
        return
    elif case == "pool":  # closed and joined: the workers end by themselves (terminate() would SIGTERM them)
        with ctx.Pool(2) as pool:
            print(pool.map(serve_once, range(4), chunksize=1))
            pool.close()
            pool.join()
        return
    elif case == "pool-terminate":  # leaving the block terminates the pool: each worker dies of SIGTERM
        with ctx.Pool(2) as pool:
            print(pool.map(serve_once, range(4), chunksize=1))
        return
    elif case == "outlives":  # not joined by the program: python joins it at exit, after the report
        child = ctx.Process(target=serve_once, args=(0,))
        child.start()
        print("left running", flush=True)
        return
    else:
        raise SystemExit(f"unknown case {case}")
    child.start()
    child.join()
    print("exit code", child.exitcode)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
