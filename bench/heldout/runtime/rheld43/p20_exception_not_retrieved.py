"""A fan-out keeping its tasks in a list, then clearing it without looking at their outcome."""
import asyncio


async def push(target):
    await asyncio.sleep(0.01)
    if target == "eu-2":
        raise ConnectionResetError(target)
    return target


class Fanout:
    def __init__(self):
        self.pending = []

    def start(self, targets):
        for t in targets:
            self.pending.append(asyncio.get_running_loop().create_task(push(t)))  # PLANT ACK303

    def reset(self):
        self.pending.clear()


async def main():
    f = Fanout()
    f.start(["eu-1", "eu-2"])
    await asyncio.sleep(0.05)
    f.reset()
    print("reset; pending", len(f.pending))


asyncio.run(main())
