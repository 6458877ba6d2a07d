"""A small interactive client that reads commands from standard input inside its coroutine."""
import asyncio
import sys


async def read_commands(n):
    commands = []
    for _ in range(n):
        line = sys.stdin.readline()  # PLANT ACK107
        if not line:
            break
        commands.append(line.strip())
        await asyncio.sleep(0)
    return commands


async def main():
    cmds = await read_commands(3)
    print("commands:", " ".join(cmds))


asyncio.run(main())
