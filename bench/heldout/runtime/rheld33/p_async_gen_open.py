"""An async generator streaming a CSV file by opening it on the loop."""
import asyncio
import os
import tempfile

PATH = os.path.join(tempfile.mkdtemp(), "rows.csv")
with open(PATH, "w") as f:
    f.write("id,name\n1,ann\n2,bob\n")


async def rows(path):
    with open(path) as f:  # PLANT ACK103
        next(f)
        for line in f:
            yield line.strip().split(",")
            await asyncio.sleep(0)


async def main():
    async for row in rows(PATH):
        print(row)


asyncio.run(main())
