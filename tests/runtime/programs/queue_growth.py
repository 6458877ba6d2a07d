import asyncio


async def main():
    backlog = asyncio.Queue()  # ACK501
    bounded = asyncio.Queue(maxsize=20_000)
    small = asyncio.Queue()
    for i in range(15_000):
        backlog.put_nowait(i)
        bounded.put_nowait(i)
    small.put_nowait(1)
    print(backlog.qsize())


asyncio.run(main())
