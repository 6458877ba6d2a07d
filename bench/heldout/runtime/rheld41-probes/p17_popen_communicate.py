"""A coroutine that runs a formatter through subprocess.Popen and communicate()."""
import asyncio
import subprocess


async def fmt(text):
    await asyncio.sleep(0)
    proc = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    out, _ = proc.communicate(text.encode())  # PLANT ACK104
    return out.decode()


async def main():
    print("formatted:", await fmt("x = 1"))


asyncio.run(main())
