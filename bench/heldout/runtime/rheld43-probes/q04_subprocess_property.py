"""A settings object whose git_sha property runs subprocess.run, read in a request coroutine."""
import asyncio
import subprocess
import sys


class Settings:
    @property
    def git_sha(self):
        out = subprocess.run([sys.executable, "-c", "print('abc123')"], capture_output=True, text=True)
        return out.stdout.strip()


async def version_endpoint(settings):
    await asyncio.sleep(0)
    return {"sha": settings.git_sha}  # PLANT ACK104


print(asyncio.run(version_endpoint(Settings())))
