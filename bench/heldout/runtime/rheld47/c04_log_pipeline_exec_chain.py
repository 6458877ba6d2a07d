"""A log pipeline: sort | uniq -c | gzip chained with os.pipe between asyncio subprocesses."""
import asyncio
import os


async def main():
    lines = "".join(f"host{i % 7} GET /page{i % 5}\n" for i in range(400)).encode()
    r1, w1 = os.pipe()
    r2, w2 = os.pipe()
    sort = await asyncio.create_subprocess_exec("sort", stdin=asyncio.subprocess.PIPE, stdout=w1)
    uniq = await asyncio.create_subprocess_exec("uniq", "-c", stdin=r1, stdout=w2)
    gzip = await asyncio.create_subprocess_exec("gzip", "-c", "-9", stdin=r2, stdout=asyncio.subprocess.PIPE)
    for fd in (r1, w1, r2, w2):
        os.close(fd)
    sort.stdin.write(lines)
    await sort.stdin.drain()
    sort.stdin.close()
    packed = await gzip.stdout.read()
    codes = [await p.wait() for p in (sort, uniq, gzip)]
    print("exit codes", codes, "gzip magic", packed[:2].hex())


asyncio.run(main())
