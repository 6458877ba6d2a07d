"""A circuit breaker guarding its state with a threading.Lock held across the call."""
import asyncio
import threading


class CircuitBreaker:
    def __init__(self, threshold=3):
        self.threshold = threshold
        self.failures = 0
        self._lock = threading.Lock()

    async def call(self, fn, *args):
        with self._lock:  # PLANT ACK201
            if self.failures >= self.threshold:
                raise RuntimeError("open")
            try:
                return await fn(*args)
            except ConnectionError:
                self.failures += 1
                raise


async def flaky(n):
    await asyncio.sleep(0.01)
    if n % 2:
        raise ConnectionError(n)
    return n


async def main():
    breaker = CircuitBreaker()
    for n in range(4):
        try:
            print("ok", await breaker.call(flaky, n))
        except ConnectionError as e:
            print("failed", e)


asyncio.run(main())
