"""A game server's fixed-rate simulation: the arena ticks every 50 ms on a loop timer (`call_at`, from the
tick's planned time so the rate does not drift), moves every body and finds the pairs that touch before the
physics resolves them, through a grid of cells as wide as a contact; the match ends after a few ticks."""
import asyncio
import random


class Arena:
    def __init__(self, bodies, ticks):
        rng = random.Random(7)
        self.bodies = [[rng.uniform(0, 1000), rng.uniform(0, 1000), rng.uniform(-5, 5), rng.uniform(-5, 5)]
                       for _ in range(bodies)]
        self.left = ticks
        self.contacts = []
        self.done = None

    def start(self, loop, period=0.05):
        self.done = loop.create_future()
        self.schedule(loop, loop.time() + period, period)

    def schedule(self, loop, when, period):
        loop.call_at(when, self.tick, loop, when, period)

    def tick(self, loop, planned, period):
        for b in self.bodies:
            b[0] = (b[0] + b[2]) % 1000
            b[1] = (b[1] + b[3]) % 1000
        self.contacts.append(len(touching(self.bodies, radius=6)))
        self.left -= 1
        if self.left:
            self.schedule(loop, planned + period, period)
        else:
            self.done.set_result(self.contacts)


def touching(bodies, radius):
    limit = (2 * radius) ** 2
    size = 2 * radius
    cells = {}
    for i, b in enumerate(bodies):
        cells.setdefault((int(b[0] // size), int(b[1] // size)), []).append(i)
    pairs = []
    for (cx, cy), members in cells.items():
        near = [j for dx in (-1, 0, 1) for dy in (-1, 0, 1) for j in cells.get((cx + dx, cy + dy), ())]
        for i in members:
            ax, ay = bodies[i][0], bodies[i][1]
            for j in near:
                if j > i:
                    dx, dy = ax - bodies[j][0], ay - bodies[j][1]
                    if dx * dx + dy * dy < limit:
                        pairs.append((i, j))
    return pairs


async def main():
    arena = Arena(bodies=2200, ticks=3)
    arena.start(asyncio.get_running_loop())
    print("contacts per tick:", await arena.done)


asyncio.run(main())
