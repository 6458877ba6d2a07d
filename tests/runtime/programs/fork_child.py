import asyncio
import os
import sys
import time


async def child():
    time.sleep(0.01)  # ACK101 in the child's own report


async def parent():
    time.sleep(0.01)  # ACK101


pid = os.fork()
if pid == 0:
    asyncio.run(child())
    sys.exit(0)
_, status = os.waitpid(pid, 0)
asyncio.run(parent())
print("parent", os.waitstatus_to_exitcode(status))
