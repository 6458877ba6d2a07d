"""A release CLI: it asks which services to release, checks each against the deploy backend (asynchronous
client), and prints the plan. The backend runs on a loop the CLI drives with `run_until_complete`."""
import asyncio

CATALOGUE = {"alpha": "1.4.2", "beta": "0.9.0", "gamma": "2.0.1"}


class Backend:
    async def latest(self, service):
        await asyncio.sleep(0.01)
        return CATALOGUE.get(service)

    async def health(self):
        await asyncio.sleep(0.01)
        return "green"


async def plan_release(backend):
    plan = []
    for n in range(3):
        name = input(f"service {n + 1}? ").strip()  # PLANT ACK107
        plan.append((name, await backend.latest(name)))
    return plan


def main():
    loop = asyncio.new_event_loop()
    backend = Backend()
    try:
        print("backend", loop.run_until_complete(backend.health()))
        plan = loop.run_until_complete(plan_release(backend))
    finally:
        loop.close()
    print()
    for name, version in plan:
        print(f"release {name} {version}")


main()
