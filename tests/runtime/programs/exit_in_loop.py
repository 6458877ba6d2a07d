import asyncio
import sys
import time


async def main():
    time.sleep(0.01)  # ACK101
    print("exiting")
    sys.exit(5)


asyncio.run(main())
