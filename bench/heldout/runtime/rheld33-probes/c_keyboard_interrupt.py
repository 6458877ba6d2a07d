"""A server loop ended by SIGINT, cleaning up in finally; the process dies of SIGINT as python's does."""
import asyncio
import signal


async def main():
    try:
        asyncio.get_running_loop().call_later(0.05, signal.raise_signal, signal.SIGINT)
        await asyncio.sleep(5)
    finally:
        print("cleaned up")


asyncio.run(main())
