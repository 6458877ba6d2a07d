"""A circuit breaker whose threading.Lock guards only the counters, never an await."""
import asyncio
import threading


class CircuitBreaker:
    def __init__(self, threshold=3):
        self.threshold = threshold
        self.failures = 0
        self._lock = threading.Lock()

    def _is_open(self):
        with self._lock:
            return self.failures >= self.threshold

    def _record_failure(self):
        with self._lock:
            self.failures += 1

    async def call(self, fn, *args):
        if self._is_open():
            raise RuntimeError("open")
        try:
            return await fn(*args)
        except ConnectionError:
            self._record_failure()
            raise


async def flaky(n):
    await asyncio.sleep(0.01)
    if n % 2:
        raise ConnectionError(n)
    return n


async def main():
    breaker = CircuitBreaker(threshold=2)
    results = await asyncio.gather(*(breaker.call(flaky, n) for n in range(6)), return_exceptions=True)
    print([type(r).__name__ if isinstance(r, Exception) else r for r in results])


asyncio.run(main())
