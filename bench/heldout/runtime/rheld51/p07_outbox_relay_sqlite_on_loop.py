"""A transactional outbox: handlers write a message into the outbox table with their change, and a relay task
polls the table, publishes what is pending and marks it sent, retrying a failed publish on the next poll."""
import asyncio
import os
import sqlite3
import tempfile


class Outbox:
    def __init__(self, path):
        self.db = sqlite3.connect(path, check_same_thread=False)
        self.db.execute("create table if not exists outbox (id integer primary key, body text, sent int default 0)")
        self.db.commit()

    def add(self, body):
        self.db.execute("insert into outbox (body) values (?)", (body,))
        self.db.commit()

    def pending(self):
        return self.db.execute("select id, body from outbox where sent = 0 order by id").fetchall()

    def mark_sent(self, ids):
        self.db.executemany("update outbox set sent = 1 where id = ?", [(i,) for i in ids])
        self.db.commit()


async def publish(body, attempt):
    await asyncio.sleep(0.005)
    if body == "order-2" and attempt == 0:
        raise ConnectionError("broker busy")


async def relay(outbox, polls):
    published = []
    for attempt in range(polls):
        rows = outbox.pending()  # PLANT ACK105
        sent = []
        for row_id, body in rows:
            try:
                await publish(body, attempt)
            except ConnectionError:
                continue
            sent.append(row_id)
            published.append(body)
        await asyncio.to_thread(outbox.mark_sent, sent)
        await asyncio.sleep(0.01)
    return published


async def main():
    with tempfile.TemporaryDirectory() as tmp:
        outbox = await asyncio.to_thread(Outbox, os.path.join(tmp, "outbox.db"))
        for n in range(1, 5):
            await asyncio.to_thread(outbox.add, f"order-{n}")
        print(await relay(outbox, 3))
        await asyncio.to_thread(outbox.db.close)


asyncio.run(main())
