"""An upload handler compressing small bodies inline and big ones in the executor."""
import asyncio
import zlib

BIG = b"".join(b"%d,%d,row-%d;" % (i, i * 7 % 1000, i) for i in range(120_000))
SMALL = b"x=1;y=2;" * 200


async def upload(body):
    if len(body) < 64 * 1024:
        return len(zlib.compress(body, 6))
    loop = asyncio.get_running_loop()
    return len(await loop.run_in_executor(None, zlib.compress, body, 6))


async def main():
    small = await upload(SMALL)
    big = await upload(BIG)
    print("sizes ok", small < len(SMALL), big < len(BIG))


asyncio.run(main())
