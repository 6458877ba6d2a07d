"""A leaderboard re-ranked in a loop.call_soon callback."""
import asyncio
import random


def rank(rows):
    return sorted(rows, key=lambda r: (-r[1], r[0]))


class Board:
    def __init__(self, rows):
        self.rows = rows
        self.top = None

    def rerank(self):
        self.top = rank(self.rows)[:3]  # PLANT ACK120


_rnd = random.Random(7)
ROWS = [(f"p{i}", _rnd.randrange(10**6)) for i in range(250_000)]


async def main():
    board = Board(ROWS)
    loop = asyncio.get_running_loop()
    loop.call_soon(board.rerank)
    await asyncio.sleep(0.05)
    print("top", [name for name, _ in board.top])


asyncio.run(main())
