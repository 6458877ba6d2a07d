"""An error reporter: the forms of traceback a service logs for errors raised in tasks, executors and calls."""
import asyncio
import os
import sys
import tempfile
import time
import traceback


def short(lines):
    return [(os.path.basename(fs.filename), fs.name, fs.line) for fs in lines]


def failing_job():
    raise KeyError("missing")


async def open_missing():
    open(os.path.join(tempfile.gettempdir(), "no-such-dir-xyz", "f.txt"))  # noqa: ACK103


async def main():
    loop = asyncio.get_running_loop()
    print("stack", short(traceback.extract_stack()))
    try:
        await open_missing()
    except OSError as e:
        print("open", short(traceback.extract_tb(e.__traceback__)))
        print("exc lines", sum(line.startswith("  File") for line in traceback.format_exc().splitlines()))
    try:
        time.sleep(-1)
    except ValueError as e:
        print("sleep", short(traceback.extract_tb(e.__traceback__)), str(e))
    try:
        await loop.run_in_executor(None, failing_job)
    except KeyError as e:
        print("executor", short(traceback.extract_tb(e.__traceback__)))
    try:
        await asyncio.wait_for(asyncio.sleep(1), 0.01)
    except TimeoutError as e:
        print("timeout", [n for _, n, _ in short(traceback.extract_tb(e.__traceback__))])
    info = sys.exc_info()
    print("exc_info after", info[0])


asyncio.run(main())
