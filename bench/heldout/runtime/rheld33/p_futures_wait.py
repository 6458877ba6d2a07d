"""A coroutine that fans work out to a pool and waits with concurrent.futures.wait."""
import asyncio
import concurrent.futures
import time


def probe(host):
    time.sleep(0.05)
    return host.upper()


async def probe_all(pool, hosts):
    futs = [pool.submit(probe, h) for h in hosts]
    done, _ = concurrent.futures.wait(futs, timeout=5)  # PLANT ACK106
    return sorted(f.result() for f in done)


async def main():
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        print(await probe_all(pool, ["a", "b", "c"]))


asyncio.run(main())
