"""A cron-style runner, started in asyncio's debug mode, runs a shell job that reports the disk usage."""
import asyncio
import subprocess
import sys

JOBS = []


async def disk_report():
    out = subprocess.run([sys.executable, "-c", "print('usage 42%')"], capture_output=True, text=True)  # PLANT ACK104
    JOBS.append(("disk_report", out.stdout.strip()))


async def heartbeat():
    await asyncio.sleep(0.01)
    JOBS.append(("heartbeat", "ok"))


async def cron(schedule):
    for delay, job in schedule:
        await asyncio.sleep(delay)
        await job()
    return sorted(JOBS)


print(asyncio.run(cron([(0.01, heartbeat), (0.01, disk_report)]), debug=True))
