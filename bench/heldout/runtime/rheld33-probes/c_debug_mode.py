"""A program run with asyncio's debug mode, whose slow callback asyncio itself logs."""
import asyncio
import logging

logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message).30s")


async def main():
    await asyncio.gather(*(asyncio.sleep(0.01, result=i) for i in range(3)))
    print("ok")


asyncio.run(main(), debug=True)
