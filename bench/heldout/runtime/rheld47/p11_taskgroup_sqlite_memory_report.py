"""A nightly report job: TaskGroup tasks fill an in-memory sqlite scratch database and one runs a heavy query."""
import asyncio
import sqlite3

DB = sqlite3.connect(":memory:")
DB.execute("create table sales (day integer, region text, amount integer)")


async def load(region, days):
    rows = [(d, region, (d * 37) % 500) for d in range(days)]
    DB.executemany("insert into sales values (?, ?, ?)", rows)
    await asyncio.sleep(0.01)
    return len(rows)


async def running_totals():
    await asyncio.sleep(0.02)
    query = """with recursive seq(n) as (select 1 union all select n + 1 from seq where n < 700000)
               select count(*), sum((n * 31) % 97) from seq"""
    return DB.execute(query).fetchone()  # PLANT ACK120


async def main():
    async with asyncio.TaskGroup() as tg:
        loads = [tg.create_task(load(r, 200)) for r in ("north", "south")]
        totals = tg.create_task(running_totals())
    print("rows", sum(t.result() for t in loads), "totals", totals.result())


asyncio.run(main())
