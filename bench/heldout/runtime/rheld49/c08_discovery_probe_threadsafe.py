"""A discovery responder that probes the host's interfaces in a worker and hands each announcement to the loop."""
import asyncio
import socket


class Announcer:
    def __init__(self, loop):
        self.loop = loop
        self.announced = []

    def announce(self, name, address):
        self.announced.append(f"{name}={address}")

    def probe(self):
        found = {}
        for index, name in socket.if_nameindex():
            if name == "lo":
                found[name] = "127.0.0.1"
        found.setdefault("lo", "127.0.0.1")
        for name, address in sorted(found.items()):
            self.loop.call_soon_threadsafe(self.announce, name, address)
        return len(found)


async def main():
    loop = asyncio.get_running_loop()
    announcer = Announcer(loop)
    rounds = []
    for _ in range(3):
        rounds.append(await loop.run_in_executor(None, announcer.probe))
        await asyncio.sleep(0.03)
    for _ in range(50):
        if len(announcer.announced) >= sum(rounds):
            break
        await asyncio.sleep(0.02)
    print(rounds, announcer.announced)


asyncio.run(main())
