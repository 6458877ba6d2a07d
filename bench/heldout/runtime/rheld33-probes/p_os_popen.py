"""A status command that reads the output of os.popen inside its coroutine."""
import asyncio
import os
import sys


async def uptime():
    await asyncio.sleep(0)
    with os.popen(f"{sys.executable} -c \"import time; time.sleep(0.1); print('up 3 days')\"") as p:  # PLANT ACK104
        return p.read().strip()


print(asyncio.run(uptime()))
