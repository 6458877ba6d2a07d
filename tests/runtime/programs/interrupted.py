import asyncio
import time


async def main():
    time.sleep(0.01)  # ACK101
    print("interrupted")
    raise KeyboardInterrupt


asyncio.run(main())
