"""A line-oriented worker that reads commands with sys.stdin.readline() on the loop."""
import asyncio
import sys


async def next_command():
    return sys.stdin.readline().strip()  # PLANT ACK107


async def main():
    cmds = []
    for _ in range(3):
        cmds.append(await next_command())
    print(cmds)


asyncio.run(main())
