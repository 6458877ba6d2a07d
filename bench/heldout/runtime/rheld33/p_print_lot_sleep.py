"""A report printer that prints many lines and pauses with time.sleep between pages."""
import asyncio
import time


async def print_pages(pages, per_page):
    for p in range(pages):
        for i in range(per_page):
            print(f"page {p} line {i}: " + "x" * 40)
        time.sleep(0.03)  # PLANT ACK101
        await asyncio.sleep(0)


asyncio.run(print_pages(4, 3000))
