"""A leaderboard that ranks in small chunks, yielding between them (each step a few ms), run_forever + stop."""
import asyncio
import heapq
import random

rng = random.Random(7)
SCORES = [(f"p{i}", rng.random(), rng.randint(0, 99)) for i in range(60000)]


def rank_key(entry):
    return (-entry[2], entry[1], entry[0])


async def refresh(board):
    best = []
    for start in range(0, len(SCORES), 2000):
        chunk = sorted(SCORES[start:start + 2000], key=rank_key)[:3]
        best = heapq.nsmallest(3, best + chunk, key=rank_key)
        await asyncio.sleep(0)
    board["top"] = best
    print([name for name, _, _ in best])


def main():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    board = {}
    task = loop.create_task(refresh(board))
    task.add_done_callback(lambda t: loop.stop())
    loop.run_forever()
    loop.close()
    print("stopped", task.done())


main()
