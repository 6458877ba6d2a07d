"""A buffer whose __del__ spills what is left to a spool file, dropped inside a coroutine."""
import asyncio
import os
import tempfile

SPOOL = tempfile.mkdtemp()


class Batch:
    def __init__(self, name):
        self.name = name
        self.rows = []

    def add(self, row):
        self.rows.append(row)

    def __del__(self):
        if self.rows:
            with open(os.path.join(SPOOL, self.name), "w") as f:  # PLANT ACK103
                f.write("\n".join(self.rows))


async def collect():
    batch = Batch("metrics")
    for i in range(3):
        batch.add(f"m{i}")
        await asyncio.sleep(0)
    del batch
    await asyncio.sleep(0)
    return sorted(os.listdir(SPOOL))


async def main():
    print("spooled", await collect())


asyncio.run(main())
for name in os.listdir(SPOOL):
    os.unlink(os.path.join(SPOOL, name))
os.rmdir(SPOOL)
