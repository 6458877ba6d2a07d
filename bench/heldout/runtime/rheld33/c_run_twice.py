"""A migration tool that runs two phases with asyncio.run and keeps state between them."""
import asyncio

STATE = {}


async def phase(name, n):
    results = await asyncio.gather(*(asyncio.sleep(0.01, result=i) for i in range(n)))
    STATE[name] = sum(results)


asyncio.run(phase("one", 3))
asyncio.run(phase("two", 4))
print(STATE)
