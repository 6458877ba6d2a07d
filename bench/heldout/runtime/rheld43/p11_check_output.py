"""A version probe shelling out with subprocess.check_output from a health-check coroutine."""
import asyncio
import subprocess
import sys


def tool_version():
    out = subprocess.check_output([sys.executable, "-c", "print('tool 1.2')"])
    return out.decode().strip()


async def health():
    await asyncio.sleep(0)
    version = tool_version()  # PLANT ACK104
    return {"ok": True, "version": version}


async def main():
    print(await health())


asyncio.run(main())
