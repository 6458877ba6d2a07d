"""A circuit breaker guarding its state with an asyncio.Lock across the call."""
import asyncio


class CircuitBreaker:
    def __init__(self, threshold=3):
        self.threshold = threshold
        self.failures = 0
        self._lock = asyncio.Lock()

    async def call(self, fn, *args):
        async with self._lock:
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
    results = await asyncio.gather(*(breaker.call(flaky, n) for n in range(4)), return_exceptions=True)
    print([type(r).__name__ if isinstance(r, Exception) else r for r in results])


asyncio.run(main())
