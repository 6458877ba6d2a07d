"""A periodic call_later callback that re-ranks a leaderboard with a slow sort key."""
import asyncio
import random
import time

random.seed(1)
BOARD = [(f"p{i}", random.random()) for i in range(200)]


def rank_key(entry):
    name, score = entry
    return sum(ord(c) for c in name * 40) * score


def rerank():
    start = time.thread_time()
    while time.thread_time() - start < 0.4:
        BOARD.sort(key=rank_key)  # PLANT ACK120


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0.01, rerank)
    await asyncio.sleep(0.6)
    print("top", BOARD[0][0] is not None)


asyncio.run(main())
