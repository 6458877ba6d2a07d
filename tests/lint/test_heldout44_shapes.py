"""Shapes found wrong on a forty-fourth held-out set (infrastructure tooling: SSH fleet runners, operators, cloud
SDK wrappers, probes): each flagged shape beside the look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked

UNAWAITED = ["ACK301"]


def test_asyncssh_round_trips_dropped_without_await_are_unawaited():
    # the connection comes from an annotation, `async with asyncssh.connect(...)` or `await` on it; the process,
    # SFTP session and channel streams from the connection's makers
    check_marked('''
        import asyncssh

        async def shutdown(conns: list[asyncssh.SSHClientConnection]):
            for c in conns:
                c.close()
                c.wait_closed()  # ACK301

        async def push(host, local, remote):
            async with asyncssh.connect(host) as conn:
                conn.run("mkdir -p /srv/app")  # ACK301
                async with conn.start_sftp_client() as sftp:
                    sftp.put(local, remote)  # ACK301
                    await sftp.chmod(remote, 0o755)
                proc = await conn.create_process("tail -f /var/log/app.log")
                proc.stdin.write("q\\n")
                proc.wait()  # ACK301

        async def tunnel(conn: asyncssh.SSHClientConnection):
            reader, writer = await conn.open_connection("db.internal", 5432)
            writer.write(b"ping")
            writer.drain()  # ACK301
            return await reader.read(4)

        async def copy_release(path):
            asyncssh.scp(path, "web1:/opt/releases/")  # ACK301
    ''', UNAWAITED)


def test_asyncssh_plain_calls_wrappers_and_same_named_sync_methods_stay_quiet():
    # close()/disconnect()/write() are plain; the makers return an awaitable context manager that is used later;
    # paramiko's client is sync; a class of one's own with a `wait_closed` method is not asyncssh's
    check_marked('''
        import asyncio
        import asyncssh
        import paramiko

        async def stop(conn: asyncssh.SSHClientConnection, proc: asyncssh.SSHClientProcess):
            proc.stdin.write("exit\\n")
            proc.close()
            conn.close()
            conn.disconnect(11, "bye")
            await conn.wait_closed()

        async def connect_later(host):
            pending = asyncssh.connect(host)
            async with pending as conn:
                return await conn.run("true")

        def legacy_uptime(host):
            client = paramiko.SSHClient()
            client.connect(host)
            client.exec_command("uptime")
            client.close()

        class Pool:
            def close(self): ...
            def wait_closed(self): ...

        async def drop_pool(pool: Pool):
            pool.close()
            pool.wait_closed()

        async def closed_in_thread(client: paramiko.SSHClient):
            await asyncio.to_thread(client.close)
    ''', UNAWAITED)


THREAD = ["ACK401"]


def test_s3transfer_subscriber_progress_and_done_hooks_run_in_transfer_threads():
    check_marked('''
        import asyncio
        from s3transfer.subscribers import BaseSubscriber
        from boto3.s3.transfer import BaseSubscriber as Boto3Subscriber

        class UploadDone(BaseSubscriber):
            def __init__(self, done: asyncio.Event, sent: asyncio.Queue):
                self.done = done
                self.sent = sent

            def on_progress(self, future, bytes_transferred, **kwargs):
                self.sent.put_nowait(bytes_transferred)  # ACK401

            def on_done(self, future, **kwargs):
                self.done.set()  # ACK401

        class Finished(Boto3Subscriber):
            def __init__(self, finished: asyncio.Event):
                self.finished = finished

            def on_done(self, future, **kwargs):
                self.finished.set()  # ACK401
    ''', THREAD)


def test_s3transfer_subscriber_queued_hook_and_threadsafe_handoff_stay_quiet():
    # on_queued runs in the submitting thread; the done hook hands over through the loop; a class of one's own
    # with the same method names is no subscriber
    check_marked('''
        import asyncio
        from s3transfer.subscribers import BaseSubscriber

        class Tracked(BaseSubscriber):
            def __init__(self, loop: asyncio.AbstractEventLoop, done: asyncio.Event, queued: asyncio.Event):
                self.loop = loop
                self.done = done
                self.queued = queued

            def on_queued(self, future, **kwargs):
                self.queued.set()

            def on_done(self, future, **kwargs):
                self.loop.call_soon_threadsafe(self.done.set)

        class Progress:
            def __init__(self, done: asyncio.Event):
                self.done = done

            def on_done(self, future, **kwargs):
                self.done.set()
    ''', THREAD)


BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106"]


def test_sync_control_plane_clients_block_in_a_coroutine():
    # Kubernetes' official client (its API groups and watches), fabric, Google Secret Manager, Azure Key Vault:
    # reached by constructor, annotation or a module alias
    check_marked('''
        from dataclasses import dataclass

        import fabric
        from azure.keyvault.secrets import SecretClient
        from google.cloud import secretmanager
        from kubernetes import client as k8s, watch

        async def pods(ns):
            return k8s.CoreV1Api().list_namespaced_pod(ns)  # ACK102

        @dataclass
        class Scaler:
            apps: k8s.AppsV1Api

            async def scale(self, name, ns, n):
                self.apps.patch_namespaced_deployment_scale(name, ns, {"spec": {"replicas": n}})  # ACK102

        async def follow(ns, handle):
            w = watch.Watch()
            for event in w.stream(k8s.CoreV1Api().list_namespaced_event, ns):  # ACK102
                await handle(event)

        async def restart(host, unit):
            conn = fabric.Connection(host)
            conn.sudo(f"systemctl restart {unit}")  # ACK105

        async def gcp_secret(name):
            sm = secretmanager.SecretManagerServiceClient()
            return sm.access_secret_version(name=name).payload.data  # ACK102

        async def azure_secret(vault: SecretClient, name):
            return vault.get_secret(name).value  # ACK102
    ''', BLOCKING)


def test_control_plane_async_twins_offloaded_calls_and_local_helpers_stay_quiet():
    # kubernetes_asyncio and the `.aio` Key Vault client are awaited; the sync client used in a sync function or
    # handed to a thread; a watch stopped; a class of one's own named like an API group
    check_marked('''
        import asyncio

        import fabric
        from azure.keyvault.secrets.aio import SecretClient
        from kubernetes import client as k8s, watch
        from kubernetes_asyncio import client as ak8s

        async def pods(ns):
            return await ak8s.CoreV1Api().list_namespaced_pod(ns)

        async def azure_secret(vault: SecretClient, name):
            return (await vault.get_secret(name)).value

        def pods_sync(ns):
            return k8s.CoreV1Api().list_namespaced_pod(ns)

        async def pods_offloaded(ns):
            api = k8s.CoreV1Api()
            return await asyncio.to_thread(api.list_namespaced_pod, ns)

        async def stop_watch(w: watch.Watch):
            w.stop()

        def deploy_sync(host):
            fabric.Connection(host).run("make deploy")

        class CoreV1Api:
            def list_namespaced_pod(self, ns):
                return []

        async def fake_pods(ns):
            return CoreV1Api().list_namespaced_pod(ns)
    ''', BLOCKING)


def test_kubernetes_asyncio_and_aiobotocore_calls_dropped_without_await_are_unawaited():
    check_marked('''
        import aioboto3
        from aiobotocore.session import get_session
        from kubernetes_asyncio import client, config

        async def evict(ns, name):
            config.load_kube_config()  # ACK301
            v1 = client.CoreV1Api()
            v1.delete_namespaced_pod(name, ns)  # ACK301

        class Crd:
            def __init__(self, api: client.CustomObjectsApi):
                self.api = api

            async def set_phase(self, name, phase):
                self.api.patch_namespaced_custom_object_status(  # ACK301
                    "ops.example.com", "v1", "default", "backups", name, {"status": {"phase": phase}})

        async def put(bucket, key, body):
            async with get_session().create_client("s3") as s3:
                s3.put_object(Bucket=bucket, Key=key, Body=body)  # ACK301

        async def tag(bucket, key):
            async with aioboto3.Session().client("s3") as s3:
                s3.put_object_tagging(Bucket=bucket, Key=key, Tagging={"TagSet": []})  # ACK301
    ''', UNAWAITED)


def test_kubernetes_asyncio_and_aiobotocore_local_calls_and_sync_twins_stay_quiet():
    # paginators and waiters are built locally; the in-cluster loader is sync in kubernetes_asyncio; the official
    # client's loader and boto3's client are sync (blocking, never unawaited)
    check_marked('''
        import asyncio

        import boto3
        from aiobotocore.session import get_session
        from kubernetes import config as sync_config
        from kubernetes_asyncio import client, config

        async def keys(bucket):
            config.load_incluster_config()
            out = []
            async with get_session().create_client("s3") as s3:
                pages = s3.get_paginator("list_objects_v2")
                async for page in pages.paginate(Bucket=bucket):
                    out.extend(o["Key"] for o in page.get("Contents", ()))
                await s3.delete_object(Bucket=bucket, Key="tmp")
            return out

        async def pods(ns):
            await config.load_kube_config()
            async with client.ApiClient() as api:
                v1 = client.CoreV1Api(api)
                return await v1.list_namespaced_pod(ns)

        def sync_setup():
            sync_config.load_kube_config()

        async def upload(path, bucket):
            s3 = boto3.client("s3")
            await asyncio.to_thread(s3.upload_file, path, bucket, "k")
    ''', UNAWAITED)


def test_ci_and_release_libraries_block_in_a_coroutine():
    # GitPython runs git as a child process; GitLab/GitHub/Jenkins clients, the Pushgateway and etcd wait for
    # their servers; ansible-runner and pexpect wait for their child
    check_marked('''
        import ansible_runner
        import etcd3
        import git
        import gitlab
        import jenkins
        import pexpect
        from github import Github
        from prometheus_client import push_to_gateway

        class Runner:
            def __init__(self, workdir: str, gl: gitlab.Gitlab):
                self.repo = git.Repo(workdir)
                self.gl = gl

            async def update(self, ref):
                self.repo.remotes.origin.fetch()  # ACK104
                self.repo.git.checkout(ref)  # ACK104
                if self.repo.is_dirty():  # ACK104
                    return None
                return self.gl.projects.get("ops/deploy").pipelines.create({"ref": ref})  # ACK102

        async def clone(url, dest):
            return git.Repo.clone_from(url, dest)  # ACK104

        async def release_notes(token, name):
            return Github(token).get_repo(name).get_releases()  # ACK102

        async def trigger(url, job):
            jenkins.Jenkins(url).build_job(job)  # ACK102

        async def report(registry):
            push_to_gateway("pushgw:9091", job="backup", registry=registry)  # ACK102

        async def provision(playbook):
            return ansible_runner.run(private_data_dir="/srv/ansible", playbook=playbook)  # ACK104

        async def unlock(host, password):
            child = pexpect.spawn(f"ssh {host}")  # ACK104
            child.expect("assword:")  # ACK104
            child.sendline(password)

        async def leader(key):
            return etcd3.client(host="etcd").get(key)  # ACK105
    ''', BLOCKING)


def test_ci_library_look_alikes_stay_quiet():
    # the same calls in sync code or handed to a thread; pexpect's async expect; a client's settings read; a class
    # of one's own called Repo; ansible-runner's thread-backed run_async
    check_marked('''
        import asyncio

        import ansible_runner
        import git
        import gitlab
        import pexpect

        def sync_clone(url, dest):
            repo = git.Repo.clone_from(url, dest)
            repo.remotes.origin.pull()
            return repo

        async def clone(url, dest):
            return await asyncio.to_thread(git.Repo.clone_from, url, dest)

        async def login(host, password):
            child = await asyncio.to_thread(pexpect.spawn, f"ssh {host}")
            await child.expect("assword:", async_=True)
            child.sendline(password)

        async def describe(gl: gitlab.Gitlab):
            return {"url": gl.url, "timeout": gl.timeout}

        class Repo:
            def is_dirty(self):
                return False

        async def local_state():
            return Repo().is_dirty()

        async def provision(playbook):
            thread, runner = ansible_runner.run_async(private_data_dir="/srv/ansible", playbook=playbook)
            await asyncio.to_thread(thread.join)
            return runner.rc
    ''', BLOCKING)


def test_pykube_requests_block_in_a_coroutine():
    # a query's fetch, what it fetches, and an object's own writes; the HTTP client's verbs
    check_marked('''
        import pykube

        async def kill(api: pykube.HTTPClient, ns, name):
            pod = pykube.Pod.objects(api, namespace=ns).filter(selector={"app": "x"}).get_by_name(name)  # ACK102
            pod.delete()  # ACK102

        async def cordon(api: pykube.HTTPClient, node_doc):
            node = pykube.Node(api, node_doc)
            node.cordon()  # ACK102
            return api.get(url="version")  # ACK102
    ''', BLOCKING)


def test_pykube_query_building_and_offloaded_calls_stay_quiet():
    # building a query or an object makes no request; the fetch handed to a thread; sync operator handlers
    check_marked('''
        import asyncio

        import pykube

        async def selector(api: pykube.HTTPClient, ns):
            return pykube.Deployment.objects(api, namespace=ns).filter(selector={"tier": "web"})

        async def kill(api: pykube.HTTPClient, ns, name):
            query = pykube.Pod.objects(api, namespace=ns)
            pod = await asyncio.to_thread(query.get_by_name, name)
            await asyncio.to_thread(pod.delete)

        def create_sync(api: pykube.HTTPClient, doc):
            pykube.Pod(api, doc).create()
    ''', BLOCKING)
