"""A line-oriented worker that reads commands with sys.stdin.readline in the executor."""
import asyncio
import sys


async def main():
    loop = asyncio.get_running_loop()
    cmds = []
    for _ in range(3):
        cmds.append((await loop.run_in_executor(None, sys.stdin.readline)).strip())
    print(cmds)


asyncio.run(main())
