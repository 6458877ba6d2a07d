"""A sync generator over rows already in memory, and a file read in a thread first."""
import asyncio
import os
import tempfile


def parse(lines):
    for line in lines:
        yield line.strip().split(",")


def read_lines(path):
    with open(path) as f:
        return f.readlines()


async def import_file(path):
    lines = await asyncio.to_thread(read_lines, path)
    total = 0
    for row in parse(lines):
        total += int(row[1])
    return total


with tempfile.TemporaryDirectory() as d:
    p = os.path.join(d, "rows.csv")
    with open(p, "w") as f:
        f.write("a,1\nb,2\nc,3\n")
    print("total", asyncio.run(import_file(p)))
