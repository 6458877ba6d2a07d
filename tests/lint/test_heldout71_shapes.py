"""Shapes found missing on a held-out set of blocking calls reached through library types (heldout71): stdlib
objects known from annotations, helpers and attributes (mailboxes, selectors, a SQLite dump, waiting on pipe ends),
and sync SDK clients whose async twins are named alike (Azure's `aio` twins by convention, MinIO, Salt, Datadog's
API, InfluxDB's synchronous write API)."""
from __future__ import annotations

from .helpers import check_marked

BLOCKING = ["ACK102", "ACK103", "ACK105", "ACK106", "ACK301"]


def test_mailboxes_on_disk_block_in_every_kind_and_their_messages_do_not():
    check_marked('''
        import asyncio
        import mailbox

        async def archive(box: mailbox.Maildir, msg):
            return box.add(msg)  # ACK103

        async def count(path):
            mb = mailbox.mbox(path)  # ACK103
            return len(mb)

        class Spool:
            def __init__(self, root):
                self.box = mailbox.MH(root)

            async def drain(self, sink):
                for key in self.box.keys():  # ACK103
                    await sink(key)

        async def flags(msg: mailbox.MaildirMessage):
            return msg.get_flags()

        async def archive_offloaded(box: mailbox.Maildir, msg):
            return await asyncio.to_thread(box.add, msg)

        def archive_sync(box: mailbox.Maildir, msg):
            return box.add(msg)
    ''', BLOCKING)


def test_a_selector_waits_unless_its_timeout_is_zero():
    check_marked('''
        import selectors

        class Reactor:
            def __init__(self):
                self.sel = selectors.DefaultSelector()

            async def tick(self):
                for key, mask in self.sel.select(timeout=1.0):  # ACK106
                    key.data(mask)

            async def poll_now(self):
                return self.sel.select(0)

            async def watch(self, sock):
                self.sel.register(sock, selectors.EVENT_READ)

        async def wait_on(sel: selectors.BaseSelector):
            return sel.select()  # ACK106
    ''', BLOCKING)


def test_a_sqlite_dump_reads_as_it_is_iterated_and_pipe_ends_are_waited_on():
    check_marked('''
        import multiprocessing.connection
        import sqlite3

        async def dump(conn: sqlite3.Connection):
            return "\\n".join(conn.iterdump())  # ACK105

        async def dumper(conn: sqlite3.Connection):
            return conn.iterdump()

        async def wait_any(conns):
            return multiprocessing.connection.wait(conns, timeout=5)  # ACK106

        async def ready_now(conns):
            return multiprocessing.connection.wait(conns, 0)
    ''', BLOCKING)


def test_azure_sync_clients_and_credentials_block_and_their_aio_twins_make_coroutines():
    check_marked('''
        import asyncio

        from azure.core.credentials import AzureKeyCredential
        from azure.cosmos import CosmosClient
        from azure.identity import ClientSecretCredential, DefaultAzureCredential
        from azure.identity.aio import DefaultAzureCredential as AioCredential
        from azure.servicebus.aio import ServiceBusClient as AioServiceBus

        async def token(cred: DefaultAzureCredential):
            return cred.get_token("https://management.azure.com/.default").token  # ACK102

        async def token_made():
            cred = ClientSecretCredential("tenant", "client", "secret")
            return cred.get_token("scope")  # ACK102

        class Catalog:
            def __init__(self, url, key):
                self.cosmos = CosmosClient(url, key)

            async def create(self, name):
                return self.cosmos.create_database(name)  # ACK102

            async def handles(self, name):
                db = self.cosmos.get_database_client(name)
                return db, self.cosmos.list_databases()

        async def token_aio(cred: AioCredential):
            return (await cred.get_token("scope")).token

        async def token_forgot(cred: AioCredential):
            cred.get_token("scope")  # ACK301

        async def sender(bus: AioServiceBus):
            return bus.get_queue_sender("jobs")

        async def rotate(key: AzureKeyCredential):
            key.update("new")

        async def token_offloaded(cred: DefaultAzureCredential):
            return await asyncio.to_thread(cred.get_token, "scope")

        def token_sync(cred: DefaultAzureCredential):
            return cred.get_token("scope")
    ''', BLOCKING)


def test_an_azure_handle_is_its_packages_client_and_a_management_clients_groups_are_its_namespaces():
    check_marked('''
        from azure.data.tables import TableServiceClient
        from azure.data.tables.aio import TableServiceClient as AioTables
        from azure.mgmt.compute import ComputeManagementClient

        async def upsert(svc: TableServiceClient, entity):
            table = svc.get_table_client("orders")
            table.upsert_entity(entity)  # ACK102

        async def table_name(svc: TableServiceClient):
            return svc.get_table_client("orders").table_name

        async def upsert_forgot(svc: AioTables, entity):
            svc.get_table_client("orders").upsert_entity(entity)  # ACK301

        async def start(compute: ComputeManagementClient):
            return compute.virtual_machines.begin_start("rg", "vm")  # ACK102

        async def one(compute: ComputeManagementClient):
            ops = compute.virtual_machines
            return ops.get("rg", "vm")  # ACK102

        async def names(compute: ComputeManagementClient):
            return compute.virtual_machines.list("rg")
    ''', BLOCKING)


def test_minio_and_salt_clients_block_on_the_loop():
    check_marked('''
        import asyncio

        import salt.client
        from minio import Minio

        async def put(mc: Minio, name, path):
            mc.fput_object("artifacts", name, path)  # ACK102

        class Store:
            def __init__(self):
                self.mc = Minio("s3:9000", access_key="k", secret_key="s")
                self.mc.trace_off()

            async def exists(self, bucket):
                return self.mc.bucket_exists(bucket)  # ACK102

        async def ping(target):
            local = salt.client.LocalClient()
            return local.cmd(target, "test.ping")  # ACK105

        async def ping_offloaded(target):
            local = salt.client.LocalClient()
            return await asyncio.to_thread(local.cmd, target, "test.ping")

        def ping_sync(target):
            return salt.client.LocalClient().cmd(target, "test.ping")
    ''', BLOCKING)


def test_datadog_api_resources_block_and_statsd_does_not():
    check_marked('''
        import datadog
        from datadog import api, statsd

        async def incident(title):
            api.Event.create(title=title, text="down")  # ACK102
            statsd.increment("incidents")

        async def monitors():
            return datadog.api.Monitor.get_all()  # ACK102
    ''', BLOCKING)


def test_influx_writes_wait_only_on_a_synchronous_write_api():
    check_marked('''
        from influxdb_client import InfluxDBClient
        from influxdb_client.client.write_api import ASYNCHRONOUS, SYNCHRONOUS

        class Metrics:
            def __init__(self, client: InfluxDBClient):
                self.sync = client.write_api(write_options=SYNCHRONOUS)
                self.fire = client.write_api(write_options=ASYNCHRONOUS)
                self.batched = client.write_api()

            async def record(self, point):
                self.sync.write(bucket="m", record=point)  # ACK102

            async def record_later(self, point):
                self.fire.write(bucket="m", record=point)
                self.batched.write(bucket="m", record=point)

        async def load(client: InfluxDBClient):
            return client.query_api().query("from(bucket: \\"m\\")")  # ACK102
    ''', BLOCKING)


def _install_twin_package(root, monkeypatch):
    """An inline-typed SDK with a sync client and its async twin, importable for this test only."""
    package = root / "twinsdk"
    package.mkdir()
    (package / "py.typed").write_text("")
    (package / "_base.py").write_text("class BaseClient:\n    def upload(self, data):\n        pass\n")
    (package / "__init__.py").write_text(
        "from ._base import BaseClient\n\n"
        "class Client(BaseClient):\n"
        "    def fetch(self, key):\n        return b''\n"
        "    def settings(self):\n        return {}\n\n"
        "class AsyncClient:\n"
        "    async def fetch(self, key):\n        return b''\n"
        "    async def upload(self, data):\n        pass\n"
        "    def settings(self):\n        return {}\n\n"
        "class Formatter:\n"
        "    def fetch(self, key):\n        return key\n"
    )
    from asynccheck.lint import stubs

    monkeypatch.syspath_prepend(str(root))
    monkeypatch.setattr(stubs, "_twin_resolver", stubs._UNSET)
    monkeypatch.setattr(stubs, "_twins", {})


def test_a_sync_client_blocks_where_its_installed_async_twin_makes_a_coroutine(tmp_path, monkeypatch):
    from asynccheck.lint import stubs

    if not stubs.available():
        return
    _install_twin_package(tmp_path, monkeypatch)
    check_marked('''
        import asyncio

        from twinsdk import AsyncClient, Client, Formatter

        async def fetch(c: Client):
            return c.fetch("key")  # ACK105

        async def upload_inherited():
            c = Client()
            c.upload(b"data")  # ACK105
            return c.settings()

        async def twin_and_namesake(c: AsyncClient, f: Formatter):
            f.fetch("key")
            return await c.fetch("key")

        async def offloaded(c: Client):
            return await asyncio.to_thread(c.fetch, "key")

        def sync_helper(c: Client):
            return c.fetch("key")
    ''', BLOCKING + ["ACK105"])
