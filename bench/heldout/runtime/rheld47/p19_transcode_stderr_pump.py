"""A transcoding step runs a child with create_subprocess_exec and pumps its stderr from a task nobody keeps."""
import asyncio
import sys

CHILD = "import sys, time\nfor i in range(3):\n    print(f'frame {i}', file=sys.stderr, flush=True)\n    time.sleep(0.03)\nprint('done')"
LOG = []


async def pump_stderr(proc):
    async for line in proc.stderr:
        LOG.append(line.decode().strip())


async def transcode():
    proc = await asyncio.create_subprocess_exec(sys.executable, "-c", CHILD, stdout=asyncio.subprocess.PIPE,
                                                stderr=asyncio.subprocess.PIPE)
    asyncio.ensure_future(pump_stderr(proc))  # PLANT ACK302
    out = await proc.stdout.read()
    await proc.wait()
    await asyncio.sleep(0.05)
    return out.decode().strip()


print(asyncio.run(transcode()), LOG)
