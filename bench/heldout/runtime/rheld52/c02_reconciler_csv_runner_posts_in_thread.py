"""A payment reconciler (posting from a worker thread): reads the processor's settlement CSV and the shop's orders, and posts an adjustment to
the ledger service for every amount that differs. Run as a batch job with `asyncio.Runner`."""
import asyncio
import csv
import io
import json
import urllib.request

from _ledger import start_ledger

SETTLEMENT = """order,amount
A-100,19.99
A-101,5.00
A-102,42.10
A-103,7.25
A-104,99.00
"""
ORDERS = {"A-100": 19.99, "A-101": 4.50, "A-102": 42.10, "A-103": 7.00, "A-104": 99.00}


def post_adjustment(base, order, delta):
    data = json.dumps({"order": order, "amount": round(delta, 2)}).encode()
    req = urllib.request.Request(f"{base}/adjustments", data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=5) as resp:
        return json.load(resp)["id"]


async def reconcile(base, rows):
    posted = []
    for row in rows:
        delta = float(row["amount"]) - ORDERS[row["order"]]
        if abs(delta) > 0.001:
            posted.append((row["order"], await asyncio.to_thread(post_adjustment, base, row["order"], delta)))
        await asyncio.sleep(0)
    return posted


def main():
    server, base = start_ledger()
    rows = list(csv.DictReader(io.StringIO(SETTLEMENT)))
    with asyncio.Runner() as runner:
        posted = runner.run(reconcile(base, rows))
    server.shutdown()
    for order, adj in posted:
        print(order, adj)


main()
