"""A version probe using asyncio.create_subprocess_exec from a health-check coroutine."""
import asyncio
import sys


async def tool_version():
    proc = await asyncio.create_subprocess_exec(sys.executable, "-c", "print('tool 1.2')", stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    return out.decode().strip()


async def health():
    version = await tool_version()
    return {"ok": True, "version": version}


async def main():
    print(await health())


asyncio.run(main())
