"""multiprocessing's waits on the loop's thread are ACK106, as the linter reports them: a pipe end's recv(), a
multiprocessing Queue's get(), a Process's join() (one finding, not also the os.waitpid inside it). Look-alikes:
the same waits handed to threads, a queue read with block=False or timeout=0, a poll() with no timeout, a recv()
after a poll() that found the message there, a join(timeout=0), and leaving a `with ProcessPoolExecutor()` block
whose jobs were awaited (asyncio's own example: the executor's shutdown waits for its workers to exit)."""
import asyncio
import multiprocessing
import queue
from concurrent.futures import ProcessPoolExecutor


def child(conn, results):
    conn.send("hello")
    conn.send("again")
    results.put(41)
    results.put(42)
    conn.close()


def square(n):
    return n * n


async def main():
    ctx = multiprocessing.get_context("spawn")
    parent, kid = ctx.Pipe()
    results = ctx.Queue()
    proc = ctx.Process(target=child, args=(kid, results))
    proc.start()
    proc.join(timeout=0)
    print(parent.recv())  # ACK106
    print(results.get())  # ACK106
    while not parent.poll():
        await asyncio.sleep(0.01)
    print(parent.recv())
    print(await asyncio.to_thread(results.get, timeout=5))
    try:
        results.get(block=False)
    except queue.Empty:
        pass
    try:
        results.get(timeout=0)
    except queue.Empty:
        pass
    await asyncio.to_thread(proc.join)
    proc.join()  # ACK106
    with ProcessPoolExecutor(1, mp_context=ctx) as pool:
        print(await asyncio.get_running_loop().run_in_executor(pool, square, 7))
    print("exit", proc.exitcode)


if __name__ == "__main__":
    asyncio.run(main())
