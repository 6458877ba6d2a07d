import asyncio
import sys
import time


async def main():
    time.sleep(0.01)  # ACK101
    print("module", __name__, sys.argv[1:])


asyncio.run(main())
