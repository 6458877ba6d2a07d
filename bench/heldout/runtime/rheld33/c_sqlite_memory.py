"""A coroutine using an in-memory sqlite database as a scratch index."""
import asyncio
import sqlite3


async def index(words):
    conn = sqlite3.connect(":memory:")
    conn.execute("create table w(word)")
    for w in words:
        conn.execute("insert into w values (?)", (w,))
        await asyncio.sleep(0)
    return conn.execute("select count(distinct word) from w").fetchone()[0]


print(asyncio.run(index("the cat and the hat".split())))
