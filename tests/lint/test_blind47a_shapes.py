"""Shapes a blind probe (model serving, chat bots, ETL, database pools, a folder-sync agent, brokers) missed.
Each flagged shape beside its look-alikes."""
from __future__ import annotations

from .helpers import check_marked, project_findings


def test_a_broad_handler_that_re_raises_only_a_library_error_swallows_cancellation():
    check_marked('''
        import asyncio
        import asyncpg
        from .errors import FATAL

        RETRY_FATAL = (asyncio.CancelledError, KeyboardInterrupt)

        class Conflict(ValueError):
            pass

        class Stop(asyncio.CancelledError):
            pass

        async def with_retry(pool, query):
            for attempt in range(3):
                try:
                    return await pool.fetch(query)
                except BaseException as exc:  # ACK601
                    if isinstance(exc, asyncpg.UniqueViolationError):
                        raise
                    await asyncio.sleep(0.1 * 2**attempt)
            return []

        async def with_retry_own_class(pool, query):
            while True:
                try:
                    return await pool.fetch(query)
                except BaseException as exc:  # ACK601
                    if isinstance(exc, (Conflict, asyncpg.PostgresError)):
                        raise
                    await asyncio.sleep(0.1)

        async def retry_unless_conflict(pool, query):
            while True:
                try:
                    return await pool.fetch(query)
                except BaseException as exc:  # ACK601
                    if not isinstance(exc, asyncpg.UniqueViolationError):
                        await asyncio.sleep(0.1)
                        continue
                    raise

        async def with_retry_cancel_too(pool, query):
            while True:
                try:
                    return await pool.fetch(query)
                except BaseException as exc:
                    if isinstance(exc, (asyncio.CancelledError, asyncpg.UniqueViolationError)):
                        raise
                    await asyncio.sleep(0.1)

        async def with_retry_given_kinds(pool, query, fatal):
            while True:
                try:
                    return await pool.fetch(query)
                except BaseException as exc:
                    if isinstance(exc, fatal):
                        raise
                    await asyncio.sleep(0.1)

        async def with_retry_constant(pool, query):
            while True:
                try:
                    return await pool.fetch(query)
                except BaseException as exc:
                    if isinstance(exc, RETRY_FATAL):
                        raise
                    await asyncio.sleep(0.1)

        async def with_retry_imported_constant(pool, query):
            while True:
                try:
                    return await pool.fetch(query)
                except BaseException as exc:
                    if isinstance(exc, FATAL):
                        raise
                    await asyncio.sleep(0.1)

        async def with_retry_own_cancel_class(pool, query):
            while True:
                try:
                    return await pool.fetch(query)
                except BaseException as exc:
                    if isinstance(exc, (Stop, OSError)):
                        raise
                    await asyncio.sleep(0.1)

        async def retry_only_library_errors(pool, query):
            while True:
                try:
                    return await pool.fetch(query)
                except BaseException as exc:
                    if not isinstance(exc, (asyncpg.PostgresError, OSError)):
                        raise
                    await asyncio.sleep(0.1)
    ''', ["ACK601", "ACK602"])


def test_a_predicate_of_another_module_on_library_errors_narrows_a_re_raise_to_them(tmp_path):
    found = project_findings(tmp_path, {
        "pyproject.toml": '[project]\nname = "relay"\n',
        "relay/__init__.py": "",
        "relay/errors.py": '''
            import asyncio
            import asyncpg

            def is_fatal(exc: BaseException) -> bool:
                return isinstance(exc, (asyncpg.UniqueViolationError, PermissionError))

            def ends_task(exc: BaseException) -> bool:
                return isinstance(exc, (asyncpg.UniqueViolationError, asyncio.CancelledError))
        ''',
        "relay/workers.py": '''
            import logging
            from relay.errors import ends_task, is_fatal

            async def write_history(history, queue) -> None:
                while True:
                    room, text = await queue.get()
                    try:
                        await history.append(room, text)
                    except BaseException as exc:
                        if is_fatal(exc):
                            raise
                        logging.warning("history write failed: %r", exc)

            async def write_history_ok(history, queue) -> None:
                while True:
                    room, text = await queue.get()
                    try:
                        await history.append(room, text)
                    except BaseException as exc:
                        if ends_task(exc):
                            raise
                        logging.warning("history write failed: %r", exc)
        ''',
    }, ["ACK601", "ACK602"])
    assert found == {("relay/workers.py", 9, "ACK601")}

def test_psycopg3_async_connections_cursors_and_pools_make_coroutines():
    check_marked('''
        import psycopg
        from psycopg_pool import AsyncConnectionPool, ConnectionPool

        async def credit(conn: psycopg.AsyncConnection, account, cents):
            async with conn.transaction():
                conn.execute("UPDATE accounts SET balance = balance + %s WHERE id = %s", (cents, account))  # ACK301

        async def report(dsn):
            conn = await psycopg.AsyncConnection.connect(dsn)
            cur = conn.cursor()
            cur.execute("SELECT 1")  # ACK301
            conn.commit()  # ACK301
            await conn.close()

        async def rows(pool: AsyncConnectionPool):
            async with pool.connection() as conn:
                cur = await conn.execute("SELECT 1")
                cur.fetchall()  # ACK301

        async def rows_ok(pool: AsyncConnectionPool):
            async with pool.connection() as conn:
                async with conn.cursor() as cur:
                    await cur.execute("SELECT 1")
                    return await cur.fetchall()

        async def stream_ok(conn: psycopg.AsyncConnection):
            async with conn.pipeline():
                cur = conn.cursor()
                async for row in cur.stream("SELECT 1"):
                    print(row)

        def sync_credit(conn: psycopg.Connection, account):
            conn.execute("UPDATE accounts SET n = n + 1 WHERE id = %s", (account,))
            conn.commit()

        def sync_pool(pool: ConnectionPool):
            with pool.connection() as conn:
                conn.execute("SELECT 1")
    ''', ["ACK301", "ACK102", "ACK103", "ACK105", "ACK106"])


def test_nats_clients_jetstream_messages_and_subscriptions_make_coroutines():
    check_marked('''
        from typing import Optional

        import nats
        from nats.aio.client import Client as NATS
        from nats.js import JetStreamContext

        async def notify(nc: NATS, subject, payload):
            nc.publish(subject, payload)  # ACK301
            await nc.flush(timeout=1)

        class Worker:
            js: Optional[JetStreamContext] = None

            async def start(self, servers):
                nc = await nats.connect(servers=servers)
                self.js = nc.jetstream()

            async def handle(self, msg):
                if self.js is not None:
                    self.js.publish("audit", msg.data)  # ACK301

        async def serve_one(servers):
            nc = await nats.connect(servers=servers)
            sub = await nc.subscribe("jobs")
            msg = await sub.next_msg()
            msg.respond(b"ok")  # ACK301
            sub.unsubscribe()  # ACK301

        async def notify_ok(nc: NATS, subject, payload):
            await nc.publish(subject, payload)
            inbox = nc.new_inbox()
            js = nc.jetstream()
            await js.publish(inbox, payload)
    ''', ["ACK301"])


def test_an_aio_pika_channel_default_exchange_publishes_by_coroutine():
    check_marked('''
        import aio_pika

        class Events:
            def __init__(self, channel: aio_pika.abc.AbstractChannel):
                self.channel = channel

            async def emit(self, body: bytes):
                self.channel.default_exchange.publish(aio_pika.Message(body), routing_key="orders")  # ACK301

            async def emit_ok(self, body: bytes):
                await self.channel.default_exchange.publish(aio_pika.Message(body), routing_key="orders")

            def exchange(self):
                return self.channel.default_exchange
    ''', ["ACK301"])


def test_a_discord_client_requests_by_coroutine_and_its_sync_webhook_blocks():
    check_marked('''
        import asyncio

        import discord
        from discord.ext import commands

        def on_ready_sync(client: discord.Client):
            client.change_presence(activity=discord.Game("triaging"))  # ACK301

        async def warm(bot: commands.Bot):
            bot.wait_until_ready()  # ACK301
            channel = bot.get_channel(1)
            await channel.send("up")

        class Desk(discord.Client):
            async def on_ready(self):
                self.change_presence(status=discord.Status.idle)  # ACK301

        async def post(url, text):
            hook = discord.SyncWebhook.from_url(url)
            hook.send(content=text)  # ACK102

        async def post_async(url, text, session):
            hook = discord.Webhook.from_url(url, session=session)
            hook.edit_message(1, content=text)  # ACK301
            await hook.send(content=text)

        async def post_offloaded(url, text):
            await asyncio.to_thread(discord.SyncWebhook.from_url(url).send, content=text)

        def post_from_cron(url, text):
            discord.SyncWebhook.from_url(url).send(content=text)

        def run(client: discord.Client, token):
            client.run(token)
    ''', ["ACK301", "ACK102"])


def test_a_parquet_writer_or_file_does_file_io_unless_made_over_a_buffer():
    check_marked('''
        import asyncio
        from typing import Optional

        import pyarrow as pa
        import pyarrow.parquet as pq

        class Sink:
            def __init__(self, path, schema):
                self._writer: Optional[pq.ParquetWriter] = None
                self._path = path
                self._schema = schema

            def _ensure(self) -> pq.ParquetWriter:
                if self._writer is None:
                    self._writer = pq.ParquetWriter(self._path, self._schema)
                return self._writer

            async def write(self, batch):
                self._ensure().write_batch(batch)  # ACK103

        async def row_group(pf: pq.ParquetFile, i):
            return pf.read_row_group(i)  # ACK103

        async def rows_count(pf: pq.ParquetFile):
            return pf.metadata.num_rows

        async def in_memory(table, schema):
            sink = pa.BufferOutputStream()
            writer = pq.ParquetWriter(sink, schema)
            writer.write_table(table)
            writer.close()
            return sink.getvalue()

        async def read_blob(blob):
            return pq.ParquetFile(pa.BufferReader(blob)).read()

        async def on_disk(table, schema, path):
            writer = pq.ParquetWriter(path, schema)  # ACK103
            writer.write_table(table)  # ACK103

        def on_disk_sync(table, schema, path):
            with pq.ParquetWriter(path, schema) as writer:
                writer.write_table(table)
    ''', ["ACK103"])
