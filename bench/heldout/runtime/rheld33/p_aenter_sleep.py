"""An async connection context manager whose __aenter__ waits for the server with time.sleep."""
import asyncio
import time


class Connection:
    def __init__(self, dsn):
        self.dsn = dsn
        self.open = False

    async def __aenter__(self):
        time.sleep(0.1)  # PLANT ACK101
        self.open = True
        return self

    async def __aexit__(self, *exc):
        self.open = False


async def main():
    async with Connection("db://x") as conn:
        print("open", conn.open)


asyncio.run(main())
