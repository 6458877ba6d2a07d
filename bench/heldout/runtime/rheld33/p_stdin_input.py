"""An interactive prompt that reads with input() inside the coroutine."""
import asyncio


async def repl():
    seen = []
    for _ in range(2):
        line = input("> ")  # PLANT ACK107
        seen.append(line.upper())
        await asyncio.sleep(0)
    print(seen)


asyncio.run(repl())
