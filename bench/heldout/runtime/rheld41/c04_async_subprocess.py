"""Build info collected with asyncio's subprocess API."""
import asyncio


class BuildInfo:
    async def tool_version(self):
        proc = await asyncio.create_subprocess_exec(
            "echo", "v1.2.3", stdout=asyncio.subprocess.PIPE)
        out, _ = await proc.communicate()
        return out.decode().strip()

    async def collect(self):
        return {"version": await self.tool_version(), "ok": True}


async def main():
    info = await BuildInfo().collect()
    print(sorted(info.items()))


asyncio.run(main())
