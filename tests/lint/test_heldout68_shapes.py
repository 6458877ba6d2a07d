"""Shapes found missing on a held-out set of infrastructure, game-server, observability and shop code (heldout68):
docker-py's collections and the objects they fetch, its low-level APIClient; an object a worker thread made
(`await asyncio.to_thread(sqlite3.connect, path)`) then used on the loop; paramiko below its SSHClient (transport,
channels, the files `exec_command` returns) and scp over it; questionary's questions; python-terraform;
OpenTelemetry's and Sentry's flushes; Rich's console input; python-socketio; what a pytest fixture hands the
tests that name it."""
from __future__ import annotations

from .helpers import check_marked, project_findings

BLOCKING = ("ACK102", "ACK103", "ACK104", "ACK105", "ACK107")


def test_docker_objects_fetched_through_the_clients_collections_and_declared():
    check_marked('''
        import asyncio
        import docker
        from docker.models.containers import Container
        from docker.models.images import Image

        async def exit_code(container: Container) -> int:
            return container.wait(timeout=60)["StatusCode"]  # ACK102

        async def retag(image: Image, tag: str) -> None:
            image.tag("registry.local/app", tag)  # ACK102

        async def inspect(api: docker.APIClient, name: str) -> dict:
            return api.inspect_container(name)  # ACK102

        async def leave(client: docker.DockerClient) -> None:
            client.swarm.leave(force=True)  # ACK102
            client.api.prune_images()  # ACK102

        class Puller:
            def __init__(self):
                self.api: docker.APIClient | None = None

            def connect(self) -> None:
                self.api = docker.APIClient(base_url="unix://var/run/docker.sock")

            async def pull(self, repo: str) -> None:
                assert self.api is not None
                for line in self.api.pull(repo, stream=True, decode=True):  # ACK102
                    print(line)

        async def stop_fetched(client: docker.DockerClient, name: str) -> None:
            container = await asyncio.to_thread(client.containers.get, name)
            container.stop(timeout=5)  # ACK102
    ''', BLOCKING)


def test_docker_lookalikes_left_alone():
    # properties read what the fetch brought back; the collection itself is no request; sync code and
    # offloaded calls are not the loop's
    check_marked('''
        import asyncio
        import docker
        from docker.models.containers import Container

        async def describe(client: docker.DockerClient, name: str) -> tuple:
            container = await asyncio.to_thread(client.containers.get, name)
            return container.name, container.status, container.labels, container.id

        async def collections(client: docker.DockerClient):
            containers = client.containers
            await asyncio.to_thread(containers.prune)
            client.close()
            return containers

        def restart_sync(container: Container) -> None:
            container.restart()

        async def restart_offloaded(container: Container) -> None:
            await asyncio.to_thread(container.restart, timeout=10)
    ''', BLOCKING)


def test_what_an_offloaded_call_made_is_used_on_the_loop():
    check_marked('''
        import asyncio
        import functools
        import sqlite3
        import paramiko

        async def count(path: str) -> int:
            conn = await asyncio.to_thread(sqlite3.connect, path)
            return conn.execute("SELECT count(*) FROM t").fetchone()[0]  # ACK105

        async def count_in_executor(path: str) -> int:
            loop = asyncio.get_running_loop()
            conn = await loop.run_in_executor(None, functools.partial(sqlite3.connect, path, timeout=5))
            return conn.execute("SELECT count(*) FROM t").fetchone()[0]  # ACK105

        async def head(path: str) -> str:
            fh = await asyncio.to_thread(open, path)
            return fh.readline()  # ACK103

        async def run_remote(ssh: paramiko.SSHClient, cmd: str) -> bytes:
            _, out, _ = await asyncio.to_thread(ssh.exec_command, cmd)
            return out.read()  # ACK105
    ''', BLOCKING)


def test_what_an_offloaded_call_made_used_off_the_loop_is_left_alone():
    check_marked('''
        import asyncio
        import sqlite3
        import paramiko

        async def count(path: str) -> int:
            conn = await asyncio.to_thread(sqlite3.connect, path)
            cur = await asyncio.to_thread(conn.execute, "SELECT count(*) FROM t")
            return (await asyncio.to_thread(cur.fetchone))[0]

        async def run_remote(ssh: paramiko.SSHClient, cmd: str) -> bytes:
            def work() -> bytes:
                _, out, _ = ssh.exec_command(cmd)
                return out.read()
            return await asyncio.to_thread(work)

        async def size(path: str) -> int:
            st = await asyncio.to_thread(lambda: 1)
            return st + 1

        async def made_by_a_coroutine(factory) -> None:
            conn = await factory.connect()
            conn.execute("SELECT 1")
    ''', BLOCKING)


def test_paramiko_transport_channels_and_scp():
    check_marked('''
        import paramiko
        from scp import SCPClient

        async def shell(t: paramiko.Transport) -> None:
            chan = t.open_session()  # ACK105
            chan.exec_command("uptime")  # ACK105
            chan.recv_exit_status()  # ACK105

        async def status(ssh: paramiko.SSHClient, cmd: str) -> int:
            _, out, _ = ssh.exec_command(cmd)  # ACK105
            for line in out:  # ACK105
                print(line)
            return out.channel.recv_exit_status()  # ACK105

        async def copy(ssh: paramiko.SSHClient, src: str) -> None:
            with SCPClient(ssh.get_transport()) as scp:
                scp.put(src, "/tmp/")  # ACK105

        def copy_sync(ssh: paramiko.SSHClient, src: str) -> None:
            with SCPClient(ssh.get_transport()) as scp:
                scp.put(src, "/tmp/")

        async def alive(t: paramiko.Transport) -> bool:
            return t.is_active() and t.is_authenticated()
    ''', BLOCKING)


def test_questionary_and_terraform():
    check_marked('''
        import questionary
        from python_terraform import Terraform

        async def pick_env() -> str:
            return questionary.select("env?", choices=["dev", "prod"]).ask()  # ACK107

        async def pick_env_async() -> str:
            return await questionary.select("env?", choices=["dev", "prod"]).ask_async()

        def pick_env_sync() -> str:
            return questionary.text("env?").ask()

        async def apply(workdir: str) -> None:
            tf = Terraform(working_dir=workdir)
            tf.init()  # ACK104
            tf.apply(skip_plan=True)  # ACK104

        async def command_line(workdir: str) -> str:
            tf = Terraform(working_dir=workdir)
            return " ".join(tf.generate_cmd_string("plan"))
    ''', BLOCKING)


def test_telemetry_flushes_and_exports_wait_for_the_network():
    check_marked('''
        import asyncio
        import sentry_sdk
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        provider = TracerProvider()
        processor = BatchSpanProcessor(OTLPSpanExporter(endpoint="http://collector:4318/v1/traces"))
        provider.add_span_processor(processor)

        async def on_shutdown() -> None:
            processor.force_flush()  # ACK105
            provider.shutdown()  # ACK105
            sentry_sdk.flush(timeout=2)  # ACK105

        async def export_now(exporter: OTLPSpanExporter, spans) -> None:
            exporter.export(spans)  # ACK105

        async def on_shutdown_offloaded() -> None:
            await asyncio.to_thread(provider.shutdown)
            await asyncio.to_thread(sentry_sdk.flush, 2)

        async def traced(handler) -> None:
            # starting and ending spans only queue them for the worker thread
            tracer = provider.get_tracer(__name__)
            with tracer.start_as_current_span("handle"):
                await handler()
            sentry_sdk.capture_message("handled")

        def atexit_flush() -> None:
            provider.force_flush()
            sentry_sdk.flush()
    ''', BLOCKING)


def test_rich_console_input_waits_for_the_user():
    check_marked('''
        import asyncio
        from rich.console import Console

        console = Console()

        async def ask_name() -> str:
            return console.input("[bold]name?[/] ")  # ACK107

        async def show(rows) -> None:
            console.print(rows)
            console.log("shown")

        async def ask_name_offloaded() -> str:
            return await asyncio.to_thread(console.input, "name? ")
    ''', BLOCKING)


def test_socketio_async_calls_are_coroutines_and_its_sync_client_waits():
    check_marked('''
        import socketio

        sio = socketio.AsyncServer(async_mode="asgi")

        @sio.event
        async def join(sid, room):
            sio.enter_room(sid, room)  # ACK301
            sio.emit("joined", sid, room=room)  # ACK301

        class Game(socketio.AsyncNamespace):
            async def on_move(self, sid, data):
                self.emit("moved", data, room=data["room"])  # ACK301

        async def fine(sid, room):
            await sio.enter_room(sid, room)
            await sio.emit("joined", sid, room=room)
            sio.start_background_task(fine, sid, room)
            async with sio.session(sid) as session:
                session["room"] = room

        async def bridge(url: str) -> None:
            client = socketio.Client()
            client.connect(url)  # ACK105
            client.emit("hello")

        def bridge_sync(url: str) -> None:
            client = socketio.Client()
            client.connect(url)
            client.wait()
    ''', (*BLOCKING, "ACK301"))


def test_a_fixture_of_the_module_hands_its_value_to_the_tests_that_name_it():
    check_marked('''
        import httpx
        import pytest
        import pytest_asyncio
        import requests

        @pytest_asyncio.fixture
        async def client():
            async with httpx.AsyncClient(base_url="http://test") as c:
                yield c

        @pytest.fixture(scope="module")
        def session():
            with requests.Session() as s:
                yield s

        @pytest.fixture(name="api")
        def _api() -> httpx.AsyncClient:
            return httpx.AsyncClient(base_url="http://test")

        @pytest.mark.asyncio
        async def test_health(client):
            client.get("/health")  # ACK301

        @pytest.mark.asyncio
        async def test_named(api):
            api.get("/health")  # ACK301

        class TestOrders:
            async def test_list(self, client, session):
                await client.get("/orders")
                session.get("http://legacy/orders")  # ACK102

        @pytest_asyncio.fixture
        async def seeded(client):
            client.post("/seed")  # ACK301
            yield client

        async def test_awaited(client):
            r = await client.get("/health")
            assert r.status_code == 200

        def test_sync(session):
            session.get("http://legacy/health")

        async def helper(client):
            client.get("/not-a-test: its argument is whatever the caller hands")

        async def test_default(client=None):
            client.get("/a default: no fixture")
    ''', ("ACK102", "ACK301"))


def test_a_conftest_fixture_reaches_the_tests_of_its_package(tmp_path):
    found = project_findings(tmp_path, {
        "tests/__init__.py": "",
        "tests/conftest.py": '''
            import asyncpg
            import pytest_asyncio

            @pytest_asyncio.fixture
            async def pool():
                pool = await asyncpg.create_pool("postgres://test")
                yield pool
                await pool.close()

            @pytest_asyncio.fixture
            async def conn(pool: asyncpg.Pool):
                async with pool.acquire() as c:
                    yield c
        ''',
        "tests/api/__init__.py": "",
        "tests/api/test_orders.py": '''
            async def test_truncate(conn):
                conn.execute("TRUNCATE orders")

            async def test_truncate_ok(conn):
                await conn.execute("TRUNCATE orders")

            async def test_pool(pool):
                pool.fetch("SELECT 1")
        ''',
        "app/__init__.py": "",
        "app/service.py": '''
            async def run(conn):
                conn.execute("not a test: no fixtures here")
        ''',
    }, ("ACK301",))
    assert found == {("tests/api/test_orders.py", 2, "ACK301"), ("tests/api/test_orders.py", 8, "ACK301")}


def test_kubernetes_config_loaders_tenacity_psutil_pulumi_and_kombu():
    check_marked('''
        import asyncio
        import psutil
        from kombu import Connection
        from kubernetes import client, config
        from kubernetes_asyncio import config as async_config
        from pulumi import automation as auto
        from tenacity import AsyncRetrying, Retrying, stop_after_attempt, wait_fixed

        async def connect() -> client.CoreV1Api:
            config.load_kube_config(context="prod")  # ACK103
            return client.CoreV1Api()

        async def connect_async() -> None:
            await async_config.load_kube_config(context="prod")

        async def charge(psp, order) -> None:
            for attempt in Retrying(stop=stop_after_attempt(3), wait=wait_fixed(1)):  # ACK101
                with attempt:
                    await psp.charge(order)

        async def charge_async(psp, order) -> None:
            async for attempt in AsyncRetrying(stop=stop_after_attempt(3), wait=wait_fixed(1)):
                with attempt:
                    await psp.charge(order)

        async def reap(pid: int) -> None:
            psutil.Process(pid).wait(timeout=10)  # ACK106
            psutil.wait_procs(psutil.Process().children(), timeout=3)  # ACK106

        async def memory(pid: int) -> int:
            return psutil.Process(pid).memory_info().rss

        async def deploy(name: str) -> None:
            stack = auto.select_stack(stack_name=name, work_dir="/infra")  # ACK104
            stack.up(on_output=print)  # ACK104
            print(stack.name)

        async def deploy_offloaded(name: str) -> None:
            def run() -> None:
                auto.select_stack(stack_name=name, work_dir="/infra").up()
            await asyncio.to_thread(run)

        async def publish(url: str, body: dict) -> None:
            with Connection(url) as conn:
                producer = conn.Producer()
                producer.publish(body, routing_key="orders")  # ACK105

        def publish_sync(url: str, body: dict) -> None:
            with Connection(url) as conn:
                conn.Producer().publish(body, routing_key="orders")
    ''', BLOCKING)


def test_a_boto3_waiter_made_from_an_untyped_client_in_a_module_that_imports_boto3():
    check_marked('''
        import boto3

        async def wait_running(ec2, ids) -> None:
            ec2.get_waiter("instance_running").wait(InstanceIds=ids)  # ACK102

        async def wait_stack(cfn, name) -> None:
            waiter = cfn.get_waiter("stack_create_complete")
            waiter.wait(StackName=name)  # ACK102

        async def wait_running_async(ec2, ids) -> None:
            # an aiobotocore client's waiter: its wait() is awaited
            await ec2.get_waiter("instance_running").wait(InstanceIds=ids)

        def wait_running_sync(ec2, ids) -> None:
            ec2.get_waiter("instance_running").wait(InstanceIds=ids)
    ''', BLOCKING)
    # without boto3 imported, `get_waiter` is anybody's method
    check_marked('''
        async def wait_ready(pool, name) -> None:
            pool.get_waiter(name).wait()
    ''', BLOCKING)
