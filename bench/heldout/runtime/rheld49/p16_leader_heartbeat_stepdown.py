"""A leader sends heartbeats while it holds its term; stepping down cancels the term, whose heartbeat then stops."""
import asyncio


class Leader:
    def __init__(self, name):
        self.name = name
        self.events = []
        self.beating = asyncio.Event()

    async def heartbeat(self):
        beats = 0
        try:
            while True:
                await asyncio.sleep(0.005)
                beats += 1
                self.beating.set()
        except asyncio.CancelledError:  # PLANT ACK602
            self.events.append("heartbeat stopped")
        return beats

    async def hold_term(self):
        self.events.append(f"{self.name} elected")
        beating = asyncio.create_task(self.heartbeat())
        beats = await beating
        self.events.append("term over")
        return beats


async def main():
    leader = Leader("node-b")
    term = asyncio.create_task(leader.hold_term())
    await leader.beating.wait()
    await asyncio.sleep(0.02)
    term.cancel()
    try:
        beats = await term
        outcome = "heartbeats sent" if beats > 0 else "no heartbeat"
    except asyncio.CancelledError:
        outcome = "term cancelled"
    print(outcome, leader.events)


asyncio.run(main())
