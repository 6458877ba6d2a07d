"""A health probe whose helper calls subprocess.check_output."""
import asyncio
import subprocess
import sys


def disk_usage():
    return subprocess.check_output([sys.executable, "-c", "import time; time.sleep(0.15); print(71)"], text=True)


class Probe:
    async def run(self):
        await asyncio.sleep(0.01)
        usage = int(disk_usage())  # PLANT ACK104
        return usage < 90


print(asyncio.run(Probe().run()))
