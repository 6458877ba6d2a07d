"""Shapes a held-out set of Python 3.11 service code found missing: `asyncio.Runner` driven from a coroutine, an
inter-process file lock held across an await (the wait, once), and the plain handlers of a gRPC servicer, which grpc's pool runs
on its threads. Each flagged shape sits beside look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108"]


def test_a_runner_started_where_a_loop_runs_is_a_nested_loop():
    check_marked('''
        import asyncio
        from asyncio import Runner

        class Bridge:
            def __init__(self):
                self._runner = asyncio.Runner(debug=True)

            async def render(self, page):
                return self._runner.run(page.build())  # ACK108

        async def handler(job):
            with Runner() as runner:
                return runner.run(job())  # ACK108

        def script(job):
            # a script's entry point: no loop runs here yet
            with asyncio.Runner() as runner:
                return runner.run(job())

        async def offloaded(job):
            def in_thread():
                with asyncio.Runner() as runner:
                    return runner.run(job())
            return await asyncio.to_thread(in_thread)

        class Pipeline:
            def run(self, step):
                return step

        async def same_name(step):
            return Pipeline().run(step)
    ''', BLOCKING)


def test_a_file_lock_held_across_an_await_is_reported_as_the_wait_and_the_held_lock_it_is():
    # two harms, two findings: taking it waits for other processes (ACK106), and held across an await it keeps
    # nothing out between the loop's tasks (filelock's locks are re-entrant in the thread that holds them, as an
    # RLock is) while a second lock object on the same path stalls the loop's thread in `flock` (ACK201); an
    # `acquire()` then held is one finding, ACK201, as for a threading lock
    check_marked('''
        import filelock
        from filelock import AsyncFileLock, FileLock, SoftFileLock

        class Downloads:
            def __init__(self, cache_dir: str):
                self._lock = FileLock(cache_dir + "/.lock", timeout=30)

            async def ensure(self, fetch):
                with self._lock:  # ACK106  # ACK201
                    await fetch()

        async def refresh(path: str, load):
            lock = SoftFileLock(path)
            lock.acquire()  # ACK201
            try:
                await load()
            finally:
                lock.release()

        async def refresh_async(path: str, load):
            async with AsyncFileLock(path):
                await load()

        def refresh_sync(path: str, load):
            with filelock.FileLock(path):
                return load()
    ''', BLOCKING + ["ACK201"])


def test_a_grpc_servicers_plain_handlers_run_on_its_thread_pool():
    check_marked('''
        import asyncio
        import queue

        from protos import orders_pb2_grpc
        from protos.stock_pb2_grpc import StockServicer

        class Orders(orders_pb2_grpc.OrdersServicer):
            def __init__(self, placed: asyncio.Queue, loop: asyncio.AbstractEventLoop, log: queue.Queue):
                self.placed = placed
                self.loop = loop
                self.log = log
                self.idle = asyncio.Event()

            def Place(self, request, context):
                self.placed.put_nowait(request.id)  # ACK401
                return request

            def PlaceSafely(self, request, context):
                self.loop.call_soon_threadsafe(self.placed.put_nowait, request.id)
                self.log.put(request.id)
                return request

            async def Watch(self, request, context):
                # grpc.aio runs a coroutine handler on its loop
                self.idle.set()
                await self.placed.put(request.id)

            def _remember(self):
                self.idle.set()

            def mark_idle(self):
                # a helper of the class (not the generated signature), called from the coroutine handler
                self.idle.set()

        class Stock(StockServicer):
            def __init__(self, changed: asyncio.Event):
                self.changed = changed

            def Adjust(self, request, context):
                self.changed.set()  # ACK401
                return request

        class StockView:
            """Same handler signature, but no grpc base: nothing says a thread calls it."""

            def __init__(self, changed: asyncio.Event):
                self.changed = changed

            def Adjust(self, request, context):
                self.changed.set()
                return request
    ''', ["ACK401"])


def test_a_generated_stub_on_a_sync_channel_waits_for_the_server():
    check_marked('''
        import grpc
        from grpc import aio

        from protos import billing_pb2_grpc
        from protos.billing_pb2_grpc import LedgerStub

        class Ledger:
            def __init__(self, target: str, creds):
                self.stub = billing_pb2_grpc.LedgerStub(grpc.secure_channel(target, creds))
                channel = grpc.aio.insecure_channel(target)
                self.fast = LedgerStub(channel)
                self.other = LedgerStub(aio.insecure_channel(target))

            async def balance(self, request):
                reply = self.stub.Balance(request, timeout=3)  # ACK105
                pending = self.stub.Balance.future(request)
                await self.fast.Balance(request)
                await self.other.Balance(request)
                return reply, pending

            def balance_sync(self, request):
                return self.stub.Balance(request)

        async def post(target: str, request):
            stub = LedgerStub(grpc.intercept_channel(grpc.insecure_channel(target)))
            return stub.Post(request)  # ACK105

        async def post_with(stub: LedgerStub, request):
            # the channel is the caller's: nothing says which kind
            return await stub.Post(request)
    ''', BLOCKING)


def test_a_sync_psycopg_pool_waits_for_a_free_connection():
    check_marked('''
        from psycopg_pool import AsyncConnectionPool, ConnectionPool

        class Reports:
            def __init__(self, dsn: str):
                self.pool = ConnectionPool(dsn, min_size=1)
                self.apool = AsyncConnectionPool(dsn)

            async def totals(self):
                with self.pool.connection() as conn:  # ACK105
                    return conn.execute("SELECT 1").fetchall()  # ACK105

            async def totals_async(self):
                async with self.apool.connection() as conn:
                    cur = await conn.execute("SELECT 1")
                    return await cur.fetchall()

            def totals_sync(self):
                with self.pool.connection() as conn:
                    return conn.execute("SELECT 1").fetchall()
    ''', BLOCKING)


def test_a_grouped_batch_in_an_open_ended_poll_loop_spawns_without_bound():
    check_marked('''
        import asyncio

        class Ingest:
            def __init__(self, consumer, handle):
                self.consumer = consumer
                self.handle = handle
                self.inflight: set[asyncio.Task] = set()

            async def run(self):
                while True:
                    polled = await self.consumer.getmany(timeout_ms=200)
                    for _partition, messages in polled.items():
                        for message in messages:
                            task = asyncio.create_task(self.handle(message))  # ACK502
                            self.inflight.add(task)
                            task.add_done_callback(self.inflight.discard)

            async def run_waiting(self):
                while True:
                    polled = await self.consumer.getmany(timeout_ms=200)
                    for _partition, messages in polled.items():
                        round_ = [asyncio.create_task(self.handle(m)) for m in messages]
                        await asyncio.gather(*round_)

            async def run_grouped(self):
                while True:
                    polled = await self.consumer.getmany(timeout_ms=200)
                    async with asyncio.TaskGroup() as tg:
                        for _partition, messages in polled.items():
                            for message in messages:
                                tg.create_task(self.handle(message))

        async def replay(partitions: dict, handle):
            tasks = []
            for _partition, messages in partitions.items():
                for message in messages:
                    tasks.append(asyncio.create_task(handle(message)))
            await asyncio.gather(*tasks)
    ''', ["ACK502"])
