"""A log shipper reads a child's output line by line into a queue that a slower uploader drains."""
import asyncio
import os
import tempfile

SPOOL = os.path.join(tempfile.mkdtemp(), "spool.log")
SPOOL_FILE = open(SPOOL, "wb")


async def read_lines(proc, q):
    while line := await proc.stdout.readline():
        q.put_nowait(line)
    await q.put(None)


async def upload(q):
    sent = 0
    while (line := await q.get()) is not None:
        SPOOL_FILE.write(line)
        sent += 1
        if sent % 2000 == 0:
            await asyncio.sleep(0.01)
    return sent


async def main():
    q = asyncio.Queue()  # PLANT ACK501
    proc = await asyncio.create_subprocess_exec("seq", "1", "30000", stdout=asyncio.subprocess.PIPE)
    uploader = asyncio.create_task(upload(q))
    await read_lines(proc, q)
    await proc.wait()
    return await uploader


shipped = asyncio.run(main())
SPOOL_FILE.close()
print("shipped", shipped, os.path.getsize(SPOOL) > 0)
