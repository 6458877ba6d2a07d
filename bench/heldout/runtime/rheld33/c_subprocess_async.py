"""A deploy step that shells out with asyncio.create_subprocess_exec."""
import asyncio
import sys


async def git_rev():
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", "import time; time.sleep(0.1); print('abc123')", stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    return out.decode().strip()


print(asyncio.run(git_rev()))
