"""A line-oriented worker that reads stdin through connect_read_pipe."""
import asyncio
import sys


async def main():
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    lines = []
    while line := await reader.readline():
        lines.append(line.decode().strip())
    print(lines)


asyncio.run(main())
