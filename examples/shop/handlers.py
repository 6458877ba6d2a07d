import asyncio
import threading
import time

import requests

from shop import send_receipt
from shop.storage import load_prices

orders: asyncio.Queue = asyncio.Queue()
stats_lock = threading.Lock()
stats = {"orders": 0}


async def checkout(order_id: int, email: str, item: str) -> int:
    prices = load_prices()
    send_receipt(order_id, email)
    with stats_lock:
        stats["orders"] += 1
        await orders.put(order_id)
    return prices[item]


async def notify_warehouse(order_id: int) -> None:
    requests.post("https://warehouse.invalid/orders", json={"id": order_id}, timeout=5)


async def retry(op, attempts: int = 3):
    for attempt in range(attempts):
        try:
            return await op()
        except Exception:
            time.sleep(0.1 * 2**attempt)


async def drain() -> None:
    while True:
        order_id = await orders.get()
        try:
            await notify_warehouse(order_id)
        except asyncio.CancelledError:
            print("shutting down, dropping", order_id)
        asyncio.create_task(send_receipt(order_id, "ops@shop.invalid"))
