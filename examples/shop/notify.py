import asyncio
import logging

log = logging.getLogger("shop")


async def send_receipt(order_id: int, email: str) -> None:
    await asyncio.sleep(0.01)  # stands in for an SMTP round trip
    log.info("receipt for %s sent to %s", order_id, email)
