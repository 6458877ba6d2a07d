"""Build info assembled by an async method that shells out through a sync helper."""
import asyncio
import subprocess


def tool_version():
    out = subprocess.check_output(["echo", "v1.2.3"], text=True)
    return out.strip()


class BuildInfo:
    async def collect(self):
        await asyncio.sleep(0)
        version = tool_version()  # PLANT ACK104
        return {"version": version, "ok": True}


async def main():
    info = await BuildInfo().collect()
    print(sorted(info.items()))


asyncio.run(main())
