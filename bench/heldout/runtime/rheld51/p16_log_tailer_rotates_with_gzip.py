"""A log tailer follows a file and ships its lines in batches; every 40 lines it rotates the file and compresses
the old part with the system's gzip. Tasks come from a factory that counts them."""
import asyncio
import os
import subprocess
import tempfile

MADE = []


def counting_factory(loop, coro, **kwargs):
    MADE.append(coro.__qualname__)
    return asyncio.Task(coro, loop=loop, **kwargs)


def read_new(path, offset):
    with open(path) as f:
        f.seek(offset)
        return f.readlines(), f.tell()


class Tailer:
    def __init__(self, path):
        self.path = path
        self.rotations = 0
        self.shipped = 0

    async def rotate(self):
        self.rotations += 1
        old = f"{self.path}.{self.rotations}"
        await asyncio.to_thread(os.rename, self.path, old)
        subprocess.run(["gzip", "-f", old], check=True)  # PLANT ACK104
        await asyncio.to_thread(touch, self.path)

    async def follow(self, rounds):
        for _ in range(rounds):
            lines, _ = await asyncio.to_thread(read_new, self.path, 0)
            self.shipped += len(lines)
            await self.rotate()
        return self.rotations


def touch(path):
    open(path, "w").close()


def write_lines(path, n):
    with open(path, "w") as f:
        for i in range(n):
            f.write(f"2026-12-05T04:{i // 60:02d}:{i % 60:02d} GET /health 200\n")


async def main(path):
    asyncio.get_running_loop().set_task_factory(counting_factory)
    tailer = Tailer(path)
    rotations = await asyncio.create_task(tailer.follow(2))
    print(rotations, tailer.shipped, MADE)


with tempfile.TemporaryDirectory() as tmp:
    write_lines(os.path.join(tmp, "access.log"), 40)
    asyncio.run(main(os.path.join(tmp, "access.log")))
    print(sorted(os.listdir(tmp)))
