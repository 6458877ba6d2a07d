"""Shapes found wrong on a thirty-seventh held-out set (older codebases: explicit loops, callbacks, thread
bridges, decorators around coroutines, the pre-`redis.asyncio` broker and cache clients): each flagged shape
beside the look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked

UNAWAITED = ["ACK301"]


def test_aioredis_commands_are_coroutines_whichever_way_the_client_was_made():
    # aioredis 2.x is redis.asyncio under its old name; 1.x made the client with a coroutine function
    check_marked('''
        import aioredis

        class Sessions:
            def __init__(self, redis: aioredis.Redis):
                self._redis: aioredis.Redis = redis

            async def touch(self, sid):
                self._redis.expire("session:" + sid, 600)  # ACK301

        async def hit(url, key):
            client = aioredis.from_url(url)
            client.incr(key)  # ACK301
            await client.incr(key)

        async def legacy(url, key):
            pool = await aioredis.create_redis_pool(url)
            pool.delete(key)  # ACK301
            pool.close()
            await pool.wait_closed()
    ''', UNAWAITED)


def test_aioredis_calls_that_make_local_objects_stay_quiet():
    # a pipeline or a 1.x transaction buffers commands until `execute()`; 1.x `close()` only starts closing; a sync
    # function that merely holds the client is not asked about
    check_marked('''
        import aioredis

        async def batch(client: aioredis.Redis, keys):
            pipe = client.pipeline()
            for key in keys:
                pipe.delete(key)
            await pipe.execute()
            tr = client.multi_exec()
            tr.incr("n")
            await tr.execute()
            client.close()

        def shutdown(client: aioredis.Redis):
            client.close()

        def memory_store():
            cache = {}
            cache.get("k")
            return cache
    ''', UNAWAITED)


def test_aiokafka_sends_and_commits_are_coroutines():
    check_marked('''
        from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

        class Publisher:
            def __init__(self, servers):
                self._producer = AIOKafkaProducer(bootstrap_servers=servers)

            async def publish(self, topic, value):
                self._producer.send(topic, value)  # ACK301

            async def close(self):
                self._producer.flush()  # ACK301
                await self._producer.stop()

        async def consume(consumer: AIOKafkaConsumer, handle):
            async for msg in consumer:
                await handle(msg)
                consumer.commit()  # ACK301
    ''', UNAWAITED)


def test_aiokafka_local_calls_and_kafka_python_stay_quiet():
    # subscribing, seeking and building a batch touch only the client's state; kafka-python's sync producer
    # returns a future from `send` that nobody has to await
    check_marked('''
        from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
        from kafka import KafkaProducer

        async def prepare(consumer: AIOKafkaConsumer, producer: AIOKafkaProducer, tp):
            consumer.subscribe(["events"])
            consumer.seek(tp, 0)
            consumer.pause(tp)
            batch = producer.create_batch()
            await producer.send_batch(batch, "events", partition=0)

        def legacy_publish(servers, value):
            producer = KafkaProducer(bootstrap_servers=servers)
            producer.send("events", value)
            producer.flush()
    ''', UNAWAITED)


def test_aio_pika_round_trips_are_coroutines_on_robust_and_abstract_types_alike():
    check_marked('''
        import aio_pika
        from aio_pika.abc import AbstractRobustChannel

        async def publish(url, body):
            connection = await aio_pika.connect_robust(url)
            channel = await connection.channel()
            exchange = await channel.declare_exchange("events", aio_pika.ExchangeType.TOPIC)
            exchange.publish(aio_pika.Message(body), routing_key="a.b")  # ACK301
            await connection.close()

        class Drainer:
            def __init__(self, channel: AbstractRobustChannel):
                self._channel = channel

            async def drain(self, name):
                queue = await self._channel.declare_queue(name, durable=True)
                queue.purge()  # ACK301
                self._channel.set_qos(prefetch_count=10)  # ACK301
    ''', UNAWAITED)


def test_aio_pika_calls_that_only_make_objects_and_sync_pika_stay_quiet():
    # `connection.channel()` makes a channel that `async with` opens; a message's ack was a plain method before
    # aio-pika 7; pika's blocking channel is sync (a blocking call in a coroutine, not a dropped coroutine)
    check_marked('''
        import aio_pika
        import pika

        async def consume(connection: aio_pika.RobustConnection, handle):
            async with connection.channel() as channel:
                queue = await channel.declare_queue("jobs")
                async with queue.iterator() as messages:
                    async for message in messages:
                        await handle(message.body)
                        message.ack()

        def publish_sync(url, body):
            channel = pika.BlockingConnection(pika.URLParameters(url)).channel()
            channel.basic_publish(exchange="", routing_key="jobs", body=body)
    ''', UNAWAITED)


def test_aiomysql_and_aiopg_cursor_and_connection_round_trips_are_coroutines():
    # the cursor comes from `async with` or `await` on what the pool's connection makes
    check_marked('''
        import aiomysql
        import aiopg

        async def rename(pool: aiomysql.Pool, uid, name):
            async with pool.acquire() as conn:
                async with conn.cursor() as cur:
                    cur.execute("update users set name=%s where id=%s", (name, uid))  # ACK301
                conn.commit()  # ACK301

        async def report(dsn):
            pool = await aiopg.create_pool(dsn)
            async with pool.acquire() as conn:
                cur = await conn.cursor()
                await cur.execute("select count(*) from users")
                cur.fetchone()  # ACK301
            pool.close()
            pool.wait_closed()  # ACK301
    ''', UNAWAITED)


def test_aio_database_makers_and_sync_drivers_stay_quiet():
    # aiomysql's buffered fetches return futures and its close() is plain; pymysql's cursor is sync (ACK105 in a
    # coroutine, never ACK301)
    check_marked('''
        import aiomysql
        import pymysql

        async def first_row(conn: aiomysql.Connection):
            cur = await conn.cursor(aiomysql.DictCursor)
            await cur.execute("select 1")
            row = cur.fetchone()
            conn.close()
            return row

        def sync_rows(host):
            conn = pymysql.connect(host=host)
            with conn.cursor() as cur:
                cur.execute("select 1")
                return cur.fetchall()
    ''', UNAWAITED)


BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106"]


def test_sync_infrastructure_clients_block_in_a_coroutine():
    # SOAP, SFTP, LDAP, ZooKeeper, Consul, Vault and Cassandra clients, reached by annotation, constructor or a
    # namespace of the client
    check_marked('''
        import consul
        import hvac
        import ldap3
        import pysftp
        import zeep
        from cassandra.cluster import Cluster
        from kazoo.client import KazooClient

        class Directory:
            def __init__(self, server):
                self._conn = ldap3.Connection(server, user="cn=svc", password="x")

            async def groups_of(self, uid):
                self._conn.search("ou=groups,dc=corp", f"(member=uid={uid})")  # ACK105
                return self._conn.entries

        async def quote(wsdl, symbol):
            client = zeep.Client(wsdl)  # ACK102
            return client.service.GetLastTradePrice(symbol)  # ACK102

        async def drop_file(host, local):
            with pysftp.Connection(host, username="batch") as sftp:  # ACK105
                sftp.put(local)  # ACK105

        async def leader(zk: KazooClient):
            data, _stat = zk.get("/election/leader")  # ACK105
            return data

        async def settings(c: consul.Consul, vault: hvac.Client):
            _index, item = c.kv.get("app/settings")  # ACK102
            secret = vault.secrets.kv.v2.read_secret_version(path="app")  # ACK102
            return item, secret

        async def count_rows(cluster: Cluster):
            session = cluster.connect("shop")  # ACK105
            return session.execute("select count(*) from orders").one()  # ACK105
    ''', BLOCKING)


def test_infrastructure_clients_off_the_loop_or_in_their_async_flavours_stay_quiet():
    # kazoo's `*_async` and Cassandra's `execute_async` return handles at once; the clients' settings are plain
    # attributes; sync code and worker threads may block
    check_marked('''
        import asyncio
        import consul
        import consul.aio
        import ldap3
        import pysftp
        import zeep
        from kazoo.client import KazooClient

        async def watch(zk: KazooClient, on_change):
            zk.add_listener(on_change)
            pending = zk.get_async("/config")
            lock = zk.Lock("/locks/report")
            return pending, lock

        async def cluster_query(session_factory):
            future = session_factory().execute_async("select 1")
            future.add_callbacks(print, print)

        async def async_settings(url):
            c = consul.aio.Consul()
            return await c.kv.get("app/settings"), url

        async def async_quote(wsdl, symbol):
            client = zeep.AsyncClient(wsdl)
            return await client.service.GetLastTradePrice(symbol)

        async def token_of(c: consul.Consul):
            return c.token

        def groups_sync(server, uid):
            conn = ldap3.Connection(server, auto_bind=True)
            conn.search("ou=groups,dc=corp", f"(member=uid={uid})")
            return conn.entries

        async def drop_file_in_thread(host, local):
            def upload():
                with pysftp.Connection(host, username="batch") as sftp:
                    sftp.put(local)

            await asyncio.to_thread(upload)
    ''', BLOCKING)


def test_six_moves_names_are_the_standard_modules_they_stand_for():
    check_marked('''
        import six
        from six.moves import http_client, queue
        from six.moves.urllib.request import urlopen

        async def fetch(url):
            return urlopen(url, timeout=5).read()  # ACK102

        async def fetch_dotted(url):
            return six.moves.urllib.request.urlopen(url).read()  # ACK102

        async def status(host):
            conn = http_client.HTTPSConnection(host, timeout=5)
            conn.request("HEAD", "/")  # ACK102

        async def next_job(jobs: queue.Queue):
            return jobs.get()  # ACK106
    ''', BLOCKING)


def test_six_moves_calls_that_do_no_io_or_run_off_the_loop_stay_quiet():
    check_marked('''
        import asyncio
        import six
        from six.moves import queue
        from six.moves.urllib.parse import urlencode
        from six.moves.urllib.request import urlopen

        async def query_string(params):
            return urlencode(params)

        async def take(jobs: queue.Queue):
            try:
                return jobs.get_nowait()
            except queue.Empty:
                return None

        async def fetch_in_thread(url):
            return await asyncio.to_thread(lambda: urlopen(url).read())

        def fetch_sync(url):
            return six.ensure_text(urlopen(url).read())
    ''', BLOCKING)


THREADS = ["ACK401", "ACK402"]


def test_callbacks_run_by_kafka_python_and_apscheduler_threads_are_off_the_loop():
    check_marked('''
        import asyncio
        from apscheduler.schedulers.background import BackgroundScheduler
        from kafka import KafkaProducer

        class Publisher:
            def __init__(self, servers):
                self.acked: asyncio.Queue = asyncio.Queue(maxsize=1000)
                self._producer = KafkaProducer(bootstrap_servers=servers)

            def _delivered(self, metadata):
                self.acked.put_nowait(metadata.offset)  # ACK401

            def publish(self, topic, value):
                future = self._producer.send(topic, value)
                future.add_callback(self._delivered)

        class Housekeeping:
            def __init__(self, stop: asyncio.Event):
                self._stop = stop
                self._scheduler = BackgroundScheduler()
                self._scheduler.add_job(self._check, "interval", minutes=1)

            def _check(self):
                self._stop.set()  # ACK401
    ''', THREADS)


def test_thread_callbacks_that_hop_to_the_loop_and_look_alike_schedulers_stay_quiet():
    # the delivery callback hands its work to the loop; an asyncio scheduler runs coroutine jobs on the loop; a
    # project's own `add_job` is not APScheduler's
    check_marked('''
        import asyncio
        from apscheduler.schedulers.asyncio import AsyncIOScheduler
        from kafka import KafkaProducer

        class Publisher:
            def __init__(self, servers, loop: asyncio.AbstractEventLoop):
                self.acked: asyncio.Queue = asyncio.Queue(maxsize=1000)
                self._loop = loop
                self._producer = KafkaProducer(bootstrap_servers=servers)

            def _delivered(self, metadata):
                self._loop.call_soon_threadsafe(self.acked.put_nowait, metadata.offset)

            def publish(self, topic, value):
                self._producer.send(topic, value).add_callback(self._delivered)

        class Jobs:
            def __init__(self):
                self.jobs = []

            def add_job(self, func):
                self.jobs.append(func)

        def install(stop: asyncio.Event):
            scheduler = AsyncIOScheduler()

            async def check():
                stop.set()

            scheduler.add_job(check, "interval", minutes=1)
            Jobs().add_job(stop.set)
    ''', THREADS)


def test_a_task_made_with_the_task_constructor_and_dropped_is_lost_like_any_other():
    check_marked('''
        import asyncio
        from asyncio import Task

        async def refresh():
            await asyncio.sleep(1)

        def schedule_refresh():
            asyncio.Task(refresh())  # ACK302

        class Poller:
            async def on_tick(self):
                Task(refresh())  # ACK302
    ''', ["ACK302"])


def test_task_constructors_whose_task_is_kept_and_other_tasks_stay_quiet():
    # awaited or kept; the type in annotations and isinstance; a project's own Task class
    check_marked('''
        import asyncio

        class Task:
            def __init__(self, name):
                self.name = name

        async def refresh():
            await asyncio.sleep(1)

        async def run_once():
            task = asyncio.Task(refresh())
            await task

        def start(registry: set):
            task = asyncio.Task(refresh())
            registry.add(task)
            task.add_done_callback(registry.discard)

        def is_task(x) -> bool:
            return isinstance(x, asyncio.Task)

        def make_job(name):
            Task(name)
    ''', ["ACK302"])
