"""A leaderboard re-ranked in a thread; the call_soon callback only takes the finished ranking."""
import asyncio
import random


def rank(rows):
    return sorted(rows, key=lambda r: (-r[1], r[0]))


class Board:
    def __init__(self, rows):
        self.rows = rows
        self.top = None

    def publish(self, ranked):
        self.top = ranked[:3]


_rnd = random.Random(7)
ROWS = [(f"p{i}", _rnd.randrange(10**6)) for i in range(250_000)]


async def main():
    board = Board(ROWS)
    loop = asyncio.get_running_loop()
    ranked = await loop.run_in_executor(None, rank, board.rows)
    loop.call_soon(board.publish, ranked)
    await asyncio.sleep(0.01)
    print("top", [name for name, _ in board.top])


asyncio.run(main())
