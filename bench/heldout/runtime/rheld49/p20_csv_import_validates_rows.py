"""A CSV import endpoint (Starlette) that validates every row of an order upload before it accepts the file."""
import asyncio
import csv
import io
import re

import httpx
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

SKU = re.compile(r"[A-Z]{3}-\d{5}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}")


def validate(rows):
    errors = []
    seen = set()
    for number, row in enumerate(rows, 2):
        problems = []
        if not SKU.fullmatch(row["sku"]):
            problems.append("sku")
        if not EMAIL.fullmatch(row["email"]):
            problems.append("email")
        if not row["qty"].isdigit() or not 0 < int(row["qty"]) <= 500:
            problems.append("qty")
        key = (row["sku"], row["email"])
        if key in seen:
            problems.append("duplicate")
        seen.add(key)
        checksum = 0
        for ch in row["sku"] + row["email"]:
            checksum = (checksum * 33 + ord(ch)) % 65521
        if checksum == 0:
            problems.append("checksum")
        if problems:
            errors.append((number, problems))
    return errors


async def import_orders(request):
    rows = list(csv.DictReader(io.StringIO((await request.body()).decode())))
    errors = validate(rows)  # PLANT ACK120
    if errors:
        return JSONResponse({"accepted": False, "errors": errors[:3], "error_count": len(errors)}, status_code=422)
    return JSONResponse({"accepted": True, "rows": len(rows)})


app = Starlette(routes=[Route("/orders/import", import_orders, methods=["POST"])])


async def main():
    lines = ["sku,email,qty"]
    for n in range(50000):
        qty = 0 if n == 17 else n % 400 + 1
        email = "not-an-email" if n == 23001 else f"buyer{n}@shop{n % 50}.example.com"
        lines.append(f"ABC-{n:05d},{email},{qty}")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://orders") as client:
        resp = await client.post("/orders/import", content="\n".join(lines) + "\n")
    print(resp.status_code, resp.json())


asyncio.run(main())
