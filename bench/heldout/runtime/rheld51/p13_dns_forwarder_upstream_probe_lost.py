"""A DNS-over-TCP forwarder keeps a health probe per upstream; the probes run as named tasks made by the
forwarder's task factory, and the forwarder keeps them in a table to show their state on its status page."""
import asyncio
import itertools

COUNTER = itertools.count(1)


def named_factory(loop, coro, **kwargs):
    task = asyncio.Task(coro, loop=loop, **kwargs)
    task.set_name(f"probe-{next(COUNTER)}")
    return task


async def probe(upstream):
    await asyncio.sleep(0.01)
    if upstream.endswith(":5353"):
        raise ConnectionRefusedError(f"{upstream} refused")
    return "up"


class Forwarder:
    def __init__(self, upstreams):
        self.upstreams = upstreams
        self.probes = {}

    def start_probes(self):
        for upstream in self.upstreams:
            self.probes[upstream] = asyncio.create_task(probe(upstream))  # PLANT ACK303

    def status(self):
        return {u: ("done" if t.done() else "running") for u, t in self.probes.items()}


async def main():
    asyncio.get_running_loop().set_task_factory(named_factory)
    fwd = Forwarder(["10.0.0.1:53", "10.0.0.2:5353"])
    fwd.start_probes()
    await asyncio.sleep(0.05)
    print(fwd.status())


asyncio.run(main())
