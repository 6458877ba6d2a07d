"""Shapes found wrong or overclaimed on real async applications (realcode35: an LLM agent framework, a research
agent, a chat bot platform, a username scanner, a proxy, a device dashboard): each beside the real anti-pattern of
its kind, which is still reported."""
from __future__ import annotations

from .helpers import check_marked


def test_a_work_list_filled_before_its_workers_start_is_a_batch():
    # A scanner's executor queues every job it is handed, then starts its workers, then puts one stop marker
    # per worker: nothing takes from the queue while it fills, so the loop must end before any worker runs and
    # the queue holds that one batch; a maxsize would leave the fill waiting forever on its own put. Workers
    # started before the fill (or a fill that another task may run while workers drain) make it a channel
    # whose producer can outrun its consumers: still reported
    check_marked('''
        import asyncio


        class BatchRunner:
            def __init__(self, workers=4):
                self.workers = workers
                self.jobs = asyncio.Queue()
                self.results = []

            async def _work(self):
                while True:
                    job = await self.jobs.get()
                    if job is None:
                        return
                    self.results.append(await job())

            async def run_all(self, jobs):
                for job in jobs:
                    await self.jobs.put(job)
                tasks = [asyncio.create_task(self._work()) for _ in range(self.workers)]
                for _ in range(self.workers):
                    await self.jobs.put(None)
                await asyncio.gather(*tasks)
                return self.results


        async def crawl(urls, fetch):
            pending = asyncio.Queue()
            for url in urls:
                pending.put_nowait(url)

            async def worker():
                while not pending.empty():
                    await fetch(pending.get_nowait())

            await asyncio.gather(*(worker() for _ in range(8)))


        class StreamingRunner:
            def __init__(self, workers=4):
                self.workers = workers
                self.jobs = asyncio.Queue()  # ACK501

            async def _work(self):
                while True:
                    job = await self.jobs.get()
                    await job()

            async def run_all(self, jobs):
                tasks = [asyncio.create_task(self._work()) for _ in range(self.workers)]
                for job in jobs:
                    await self.jobs.put(job)
                await asyncio.gather(*tasks)


        class SharedRunner:
            def __init__(self):
                self.jobs = asyncio.Queue()  # ACK501

            async def _work(self):
                while True:
                    job = await self.jobs.get()
                    await job()

            async def start(self):
                self.task = asyncio.create_task(self._work())

            async def submit_all(self, jobs):
                for job in jobs:
                    await self.jobs.put(job)
                tasks = [asyncio.create_task(self._work()) for _ in range(4)]
                await asyncio.gather(*tasks)
    ''', ["ACK501"])


def test_a_data_file_reader_handed_a_url_makes_a_request():
    # A research agent's evaluation loads its question set with `pandas.read_csv(csv_url)`, the local bound to
    # an https address: pandas downloads it, so the call waits for the network (ACK102), not for the disk. A
    # path, a path from a parameter (it may be a file) and a reader handed a URL in a sync helper keep their
    # file-system finding; the helper's callers are told it makes a request
    check_marked('''
        import pandas as pd
        import pandas


        def load_remote(host):
            return pd.read_json(f"https://{host}/questions.json")


        async def load(path, name):
            csv_url = "https://data.example.org/eval/questions.csv"
            questions = pandas.read_csv(csv_url)  # ACK102
            answers = pd.read_excel(io="http://data.example.org/answers.xlsx")  # ACK102
            local = pd.read_csv("data/questions.csv")  # ACK103
            given = pd.read_csv(path)  # ACK103
            named = pd.read_parquet(f"{name}.parquet")  # ACK103
            remote = load_remote("data.example.org")  # ACK102
            return questions, answers, local, given, named, remote
    ''', ["ACK102", "ACK103"])


def test_a_connection_entered_or_aliased_is_the_one_its_owner_made():
    # A full node keeps its mempool's index in `sqlite3.connect(":memory:")` and writes it in
    # `with self._db_conn as conn: conn.execute(...)`: entering a connection gives the connection itself, so
    # `conn` is as much in memory as `self._db_conn`; so is `db = self._db_conn`. The same shapes over a
    # connection to a file, or to a path its owner was handed, still wait for the disk
    check_marked('''
        import sqlite3


        class Index:
            def __init__(self, path):
                self._memory = sqlite3.connect(":memory:")
                self._disk = sqlite3.connect(path)

            async def add(self, item):
                with self._memory as conn:
                    conn.execute("INSERT INTO items VALUES (?)", (item,))
                db = self._memory
                db.execute("DELETE FROM items WHERE rowid < 10")
                with db as again:
                    again.commit()

            async def save(self, item):
                with self._disk as conn:
                    conn.execute("INSERT INTO items VALUES (?)", (item,))  # ACK105
                db = self._disk
                db.commit()  # ACK105
    ''', ["ACK105"])


def test_a_member_added_to_a_pool_its_users_take_and_give_back():
    # A blockchain node's database wrapper keeps its reader connections in a queue: `add_connection(c)` puts
    # each one its factory opens, and `reader()` takes one and puts the same one back when done. The queue holds
    # one entry per connection, however busy the readers are. A queue whose users take items and never give
    # them back is a channel: a public method that queues what its caller hands it is still reported there; so
    # is a pool whose members come in per message (a protocol's `data_received`)
    check_marked('''
        import asyncio
        import contextlib


        class Readers:
            def __init__(self):
                self._idle = asyncio.Queue()

            async def add_connection(self, connection):
                await connection.execute("pragma query_only")
                self._idle.put_nowait(connection)

            @contextlib.asynccontextmanager
            async def reader(self):
                connection = await self._idle.get()
                try:
                    yield connection
                finally:
                    self._idle.put_nowait(connection)


        class Outbox:
            def __init__(self):
                self._pending = asyncio.Queue()  # ACK501

            def send(self, message):
                self._pending.put_nowait(message)

            async def drain(self, transport):
                while True:
                    message = await self._pending.get()
                    await transport.write(message)


        class Slots(asyncio.Protocol):
            def __init__(self):
                self._slots = asyncio.Queue()  # ACK501

            def data_received(self, data):
                self._slots.put_nowait(data)

            async def use(self, work):
                slot = await self._slots.get()
                try:
                    await work(slot)
                finally:
                    self._slots.put_nowait(slot)
    ''', ["ACK501"])


def test_a_queue_made_afresh_each_round_holds_that_rounds_batch():
    # A data layer's sync loop makes a work queue in each round, queues that round's jobs into it for a worker
    # pool and waits for them: the `while` goes round for ever, but each round fills only its own queue. A
    # queue made before the loop, or made in a round only when missing, is filled by every round: still reported
    check_marked('''
        import asyncio


        async def sync_forever(store, workers):
            while True:
                jobs = asyncio.Queue()
                pool = [asyncio.create_task(workers.run(jobs)) for _ in range(4)]
                for item in await store.pending():
                    await jobs.put(item)
                await jobs.join()
                for task in pool:
                    task.cancel()
                await asyncio.sleep(60)


        async def sync_into_one(store, workers):
            jobs = asyncio.Queue()  # ACK501
            pool = [asyncio.create_task(workers.run(jobs)) for _ in range(4)]
            while True:
                for item in await store.pending():
                    await jobs.put(item)
                await asyncio.sleep(60)


        async def sync_made_when_missing(store, workers):
            jobs = None
            while True:
                if jobs is None:
                    jobs = asyncio.Queue()  # ACK501
                    asyncio.create_task(workers.run(jobs))
                for item in await store.pending():
                    await jobs.put(item)
                await asyncio.sleep(60)
    ''', ["ACK501"])


def test_a_name_bound_to_an_in_memory_connection_or_to_one_from_elsewhere_may_block():
    # (the look-alike of the entered connection above) a name bound to the in-memory connection on one path
    # and to another object's connection on the other is not known to be in memory
    check_marked('''
        import sqlite3


        class Index:
            def __init__(self):
                self._memory = sqlite3.connect(":memory:")

            async def add(self, item, store):
                db = self._memory
                if item is None:
                    db = store.connection
                db.execute("INSERT INTO items VALUES (?)", (item,))  # ACK105
    ''', ["ACK105"])
