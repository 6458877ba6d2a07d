"""A leaderboard refreshed from a call_soon'd coroutine, run by run_forever and stopped from a callback."""
import asyncio
import random

rng = random.Random(7)
SCORES = [(f"p{i}", rng.random(), rng.randint(0, 99)) for i in range(200000)]


def rank_key(entry):
    return (-entry[2], entry[1], entry[0])


async def refresh(board):
    await asyncio.sleep(0.01)
    board["top"] = sorted(SCORES, key=rank_key)[:3]  # PLANT ACK120
    print([name for name, _, _ in board["top"]])


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
