"""A leaderboard sorted on the loop with an expensive key function."""
import asyncio


def strength(player):
    s = 0
    for i in range(100_000):
        s = (s + i * player) % 9_973
    return s


async def leaderboard(players):
    await asyncio.sleep(0)
    ranked = sorted(players, key=strength)  # PLANT ACK120
    return ranked[:3]


async def main():
    print("top", await leaderboard(list(range(1, 25))))


asyncio.run(main())
