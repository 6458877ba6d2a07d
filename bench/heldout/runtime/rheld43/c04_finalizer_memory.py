"""A buffer whose __del__ hands what is left to an in-memory list; the disk write happens in a thread."""
import asyncio
import os
import tempfile

leftovers = []


class Batch:
    def __init__(self, name):
        self.name = name
        self.rows = []

    def add(self, row):
        self.rows.append(row)

    def __del__(self):
        if self.rows:
            leftovers.append((self.name, list(self.rows)))


def spill(folder):
    for name, rows in leftovers:
        with open(os.path.join(folder, name), "w") as f:
            f.write("\n".join(rows))
    return sorted(os.listdir(folder))


async def collect(folder):
    batch = Batch("metrics")
    for i in range(3):
        batch.add(f"m{i}")
        await asyncio.sleep(0)
    del batch
    return await asyncio.to_thread(spill, folder)


async def main():
    with tempfile.TemporaryDirectory() as d:
        print("spooled", await collect(d))


asyncio.run(main())
