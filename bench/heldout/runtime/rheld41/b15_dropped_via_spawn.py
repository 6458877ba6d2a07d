"""Events published through a spawn() helper whose returned task nobody keeps."""
import asyncio


def spawn(coro):
    return asyncio.ensure_future(coro)


class Notifier:
    def __init__(self):
        self.delivered = []

    async def _deliver(self, event):
        await asyncio.sleep(0.005)
        self.delivered.append(event)

    async def publish(self, event):
        spawn(self._deliver(event))  # PLANT ACK302
        await asyncio.sleep(0)


async def main():
    n = Notifier()
    await n.publish("signup")
    await n.publish("login")
    await asyncio.sleep(0.05)
    print("delivered", sorted(n.delivered))


asyncio.run(main())
