"""A cron-style runner, started in asyncio's debug mode, runs a shell job that reports the disk usage through
asyncio's subprocess support."""
import asyncio
import sys

JOBS = []


async def disk_report():
    proc = await asyncio.create_subprocess_exec(sys.executable, "-c", "print('usage 42%')", stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    JOBS.append(("disk_report", out.decode().strip()))


async def heartbeat():
    await asyncio.sleep(0.01)
    JOBS.append(("heartbeat", "ok"))


async def cron(schedule):
    for delay, job in schedule:
        await asyncio.sleep(delay)
        await job()
    return sorted(JOBS)


print(asyncio.run(cron([(0.01, heartbeat), (0.01, disk_report)]), debug=True))
