"""A plugin manager asks on the terminal before enabling each plugin it discovered."""
import asyncio

DISCOVERED = ["alpha-metrics", "beta-auth", "gamma-cache"]


async def warm_up(name):
    await asyncio.sleep(0.01)
    return f"{name}: ready"


async def enable_plugins():
    enabled = []
    for name in DISCOVERED:
        answer = input(f"enable {name}? ")  # PLANT ACK107
        if answer.strip() and name.startswith(answer.strip()[0]):
            enabled.append(await warm_up(name))
    return enabled


async def main():
    ticks = 0

    async def spinner():
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    spin = asyncio.create_task(spinner())
    enabled = await enable_plugins()
    spin.cancel()
    print()
    print(enabled)


asyncio.run(main())
