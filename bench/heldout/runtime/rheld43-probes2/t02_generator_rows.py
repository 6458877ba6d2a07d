"""A sync generator reading rows from a CSV file, iterated by a coroutine."""
import asyncio
import os
import tempfile


def read_rows(path):
    with open(path) as f:
        for line in f:
            yield line.strip().split(",")


async def import_file(path):
    total = 0
    for row in read_rows(path):  # PLANT ACK103
        total += int(row[1])
    await asyncio.sleep(0)
    return total


with tempfile.TemporaryDirectory() as d:
    p = os.path.join(d, "rows.csv")
    with open(p, "w") as f:
        f.write("a,1\nb,2\nc,3\n")
    print("total", asyncio.run(import_file(p)))
