"""A chat room's presence tracker: every member is pinged each round and must answer within 250 ms; a member who
does not is shown as away. The ping records the time it gave up on the member."""
import asyncio
import time


class Member:
    def __init__(self, name, delay):
        self.name = name
        self.delay = delay

    async def answer(self):
        await asyncio.sleep(self.delay)
        return "pong"


class Presence:
    def __init__(self):
        self.gave_up = {}

    async def ping(self, member):
        try:
            return await member.answer() == "pong"
        except asyncio.CancelledError:  # PLANT ACK601
            self.gave_up[member.name] = time.monotonic()
            return False

    async def round(self, members):
        status = {}
        for m in members:
            try:
                status[m.name] = "here" if await asyncio.wait_for(self.ping(m), 0.25) else "away"
            except asyncio.TimeoutError:
                status[m.name] = "away"
        return status


async def main():
    members = [Member("ana", 0.01), Member("bo", 1.0), Member("cy", 0.02), Member("dee", 1.2)]
    presence = Presence()
    for n in range(2):
        print(n, await presence.round(members))
    print(sorted(presence.gave_up))


asyncio.run(main())
