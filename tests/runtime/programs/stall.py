import asyncio


async def crunch():
    total = 0
    for i in range(4_000_000):
        total += i  # ACK120: where the time goes
    return total


async def short():
    return sum(range(1000))


async def main():
    await short()
    await crunch()
    print("crunched")


asyncio.run(main())
