"""A release CLI: it asks which services to release, checks each against the deploy backend (asynchronous
client), and prints the plan. The backend runs on a loop the CLI drives with `run_until_complete`; the prompts
come between its runs."""
import asyncio

CATALOGUE = {"alpha": "1.4.2", "beta": "0.9.0", "gamma": "2.0.1"}


class Backend:
    async def latest(self, service):
        await asyncio.sleep(0.01)
        return CATALOGUE.get(service)

    async def health(self):
        await asyncio.sleep(0.01)
        return "green"


def main():
    loop = asyncio.new_event_loop()
    backend = Backend()
    plan = []
    try:
        print("backend", loop.run_until_complete(backend.health()))
        for n in range(3):
            name = input(f"service {n + 1}? ").strip()
            plan.append((name, loop.run_until_complete(backend.latest(name))))
    finally:
        loop.close()
    print()
    for name, version in plan:
        print(f"release {name} {version}")


main()
