import asyncio
import os
import sys
import time


async def main():
    time.sleep(0.01)  # ACK101
    sys.stdout.flush()
    os._exit(4)


asyncio.run(main())
