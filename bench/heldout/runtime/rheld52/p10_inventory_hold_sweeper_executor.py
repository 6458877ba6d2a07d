"""An inventory reservation service: a checkout puts a hold on stock for a few seconds; a sweep, run in the
default executor because it scans the whole hold table, releases the expired holds back to the shelf on the loop."""
import asyncio
import time


class Inventory:
    def __init__(self, loop, stock):
        self.loop = loop
        self.stock = dict(stock)
        self.holds = {}
        self.released = []

    def hold(self, order, sku, qty, ttl):
        if self.stock[sku] < qty:
            return False
        self.stock[sku] -= qty
        self.holds[order] = (sku, qty, time.monotonic() + ttl)
        return True

    def _release(self, order):
        sku, qty, _ = self.holds.pop(order)
        self.stock[sku] += qty
        self.released.append(order)

    def sweep(self):
        now = time.monotonic()
        expired = [order for order, (_, _, deadline) in list(self.holds.items()) if deadline <= now]
        for order in expired:
            self.loop.call_soon(self._release, order)  # PLANT ACK402
        return len(expired)


async def main():
    inv = Inventory(asyncio.get_running_loop(), {"mug": 3, "tee": 2})
    print([inv.hold(f"o{n}", sku, 1, ttl) for n, (sku, ttl) in
           enumerate([("mug", 0.01), ("mug", 5), ("tee", 0.01), ("tee", 0.01), ("tee", 5)])])
    await asyncio.sleep(0.03)
    swept = await asyncio.get_running_loop().run_in_executor(None, inv.sweep)
    await asyncio.sleep(0.02)
    print("swept", swept, sorted(inv.released), inv.stock)


asyncio.run(main())
