"""A CLI that tags a batch of records against a rate-limited API; its token bucket sleeps when empty."""
import argparse
import asyncio
import time


class TokenBucket:
    def __init__(self, rate, burst):
        self.rate = rate
        self.tokens = burst
        self.stamp = time.monotonic()

    def take(self):
        now = time.monotonic()
        self.tokens = min(3, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens < 1:
            time.sleep((1 - self.tokens) / self.rate)
            self.tokens = 1
        self.tokens -= 1


async def tag(record, bucket):
    bucket.take()  # PLANT ACK101
    await asyncio.sleep(0.001)
    return f"{record}:tagged"


async def main(args):
    bucket = TokenBucket(rate=args.rate, burst=1)
    records = [f"rec{i}" for i in range(args.count)]
    results = await asyncio.gather(*(tag(r, bucket) for r in records))
    print(len(results), results[0], results[-1])


parser = argparse.ArgumentParser(prog="bulk-tagger")
parser.add_argument("--rate", type=float, default=20.0)
parser.add_argument("--count", type=int, default=6)
asyncio.run(main(parser.parse_args()))
