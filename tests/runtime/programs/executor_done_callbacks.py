"""A concurrent future's done callback reading that future's result: it is done by definition (a pool's results
handed back through callbacks), and when the job had finished already `add_done_callback` runs the callback at
once, on the loop's thread. Another future's result read there still waits for its job."""
import asyncio
import concurrent.futures
import time


async def main():
    log = []
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        quick = pool.submit(pow, 2, 5)
        await asyncio.wrap_future(quick)  # done now: each callback added below runs at once, here
        quick.add_done_callback(lambda f: log.append(f.result()))
        quick.add_done_callback(lambda f: log.append(f.exception()))
        slow = pool.submit(time.sleep, 0.02)
        quick.add_done_callback(lambda f: log.append(slow.result()))  # ACK106: another job's future
    print(log)


asyncio.run(main())
