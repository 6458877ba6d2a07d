"""A deploy step that shells out with subprocess.run from its coroutine."""
import asyncio
import subprocess
import sys


async def git_rev():
    await asyncio.sleep(0)
    out = subprocess.run([sys.executable, "-c", "import time; time.sleep(0.2); print('abc123')"],  # PLANT ACK104
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


print(asyncio.run(git_rev()))
