"""A currency converter: exchange rates are fetched from the provider on a worker thread (its SDK is
synchronous) and, when the fetch is done, persisted to the local rates database so a restart starts warm."""
import asyncio
import os
import sqlite3
import tempfile
import time

PROVIDER = {"EUR": 1.0, "USD": 1.08, "GBP": 0.86, "JPY": 161.2, "CHF": 0.95}


def fetch_rates(base):
    time.sleep(0.02)
    return {cur: round(rate / PROVIDER[base], 6) for cur, rate in PROVIDER.items()}


class RatesDB:
    def __init__(self, path):
        self.conn = sqlite3.connect(path, check_same_thread=False)
        self.conn.execute("CREATE TABLE IF NOT EXISTS rates (base TEXT, cur TEXT, rate REAL, PRIMARY KEY (base, cur))")

    def persist(self, base, fut):
        rates = fut.result()
        self.conn.executemany("INSERT OR REPLACE INTO rates VALUES (?, ?, ?)",  # PLANT ACK105
                              [(base, cur, rate) for cur, rate in rates.items()])
        self.conn.commit()


class Converter:
    def __init__(self, db):
        self.db = db
        self.rates = {}

    async def refresh(self, base):
        loop = asyncio.get_running_loop()
        fut = loop.run_in_executor(None, fetch_rates, base)
        fut.add_done_callback(lambda f: self.db.persist(base, f))
        self.rates[base] = await fut

    def convert(self, amount, src, dst):
        return round(amount * self.rates[src][dst], 2)


async def main(db):
    conv = Converter(db)
    await asyncio.gather(conv.refresh("EUR"), conv.refresh("USD"))
    await asyncio.sleep(0.01)
    print(conv.convert(100, "EUR", "JPY"), conv.convert(100, "USD", "GBP"))


with tempfile.TemporaryDirectory() as tmp:
    db = RatesDB(os.path.join(tmp, "rates.db"))
    asyncio.run(main(db))
    print(db.conn.execute("SELECT COUNT(*) FROM rates").fetchone()[0])
    db.conn.close()
