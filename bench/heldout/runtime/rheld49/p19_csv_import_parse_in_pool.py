"""A CSV import endpoint (Starlette) that parses the upload in a process-wide thread pool and answers with a summary."""
import asyncio
import concurrent.futures
import csv
import io

import httpx
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

POOL = concurrent.futures.ThreadPoolExecutor(2, thread_name_prefix="csv")


def parse_rows(text):
    rows = []
    for row in csv.DictReader(io.StringIO(text)):
        rows.append({"email": row["email"].strip().lower(), "plan": row["plan"] or "free"})
    return rows


async def import_customers(request):
    text = (await request.body()).decode()
    rows = POOL.submit(parse_rows, text).result()  # PLANT ACK106
    plans = {}
    for row in rows:
        plans[row["plan"]] = plans.get(row["plan"], 0) + 1
    return JSONResponse({"imported": len(rows), "plans": plans})


app = Starlette(routes=[Route("/customers/import", import_customers, methods=["POST"])])


async def main():
    uploads = [
        "email,plan\nAda@Example.com,pro\nbob@example.com,\n",
        "email,plan\n" + "".join(f"user{n}@example.com,{'team' if n % 3 else 'pro'}\n" for n in range(300)),
    ]
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://crm") as client:
        for body in uploads:
            resp = await client.post("/customers/import", content=body)
            print(resp.status_code, resp.json())
    await asyncio.to_thread(POOL.shutdown)


asyncio.run(main())
