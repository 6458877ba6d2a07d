"""A rate limiter shared by sync workers (threads) and async handlers: a refill thread adds a token every 10 ms;
a handler that finds no token parks on a future, and the refill thread hands the token straight to the first
parked handler."""
import asyncio
import collections
import threading


class Limiter:
    def __init__(self, tokens):
        self.tokens = tokens
        self.lock = threading.Lock()
        self.parked = collections.deque()

    def try_take(self):
        with self.lock:
            if self.tokens:
                self.tokens -= 1
                return True
            return False

    async def take(self):
        if self.try_take():
            return
        fut = asyncio.get_running_loop().create_future()
        with self.lock:
            self.parked.append(fut)
        await fut

    def refill(self):
        with self.lock:
            if self.parked:
                fut = self.parked.popleft()
            else:
                self.tokens += 1
                return
        fut.set_result(True)  # PLANT ACK401


def refiller(limiter, stop):
    while not stop.wait(0.01):
        limiter.refill()


def sync_worker(limiter, done):
    taken = 0
    while taken < 3:
        if limiter.try_take():
            taken += 1
        else:
            threading.Event().wait(0.005)
    done.append(taken)


async def handler(limiter, n):
    await limiter.take()
    return n


async def ticker(stop):
    # the service's own housekeeping tick
    while not stop.is_set():
        await asyncio.sleep(0.005)


async def main():
    limiter = Limiter(tokens=2)
    stop = threading.Event()
    done = []
    threads = [threading.Thread(target=refiller, args=(limiter, stop)),
               threading.Thread(target=sync_worker, args=(limiter, done))]
    for t in threads:
        t.start()
    tick = asyncio.create_task(ticker(stop))
    served = []
    for coro in asyncio.as_completed([handler(limiter, n) for n in range(6)], timeout=3):
        served.append(await coro)
        await asyncio.sleep(0)
    await asyncio.to_thread(threads[1].join)
    stop.set()
    await tick
    await asyncio.to_thread(threads[0].join)
    print(sorted(served), done)


asyncio.run(main())
