"""Fleet operations: SSH into hosts, push artefacts to Google Cloud."""
from __future__ import annotations

import asyncio
import logging

import asyncssh
import paramiko
from google.cloud import bigquery, pubsub_v1, storage

log = logging.getLogger("fleet")


async def uptime(host: str) -> str:  # expect: blocking-call
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect(host, username="ops")
    _, stdout, _ = client.exec_command("uptime")
    return stdout.read().decode()


async def uptime_asyncssh(host: str) -> str:  # expect: clean  # near: blocking-call
    async with asyncssh.connect(host, username="ops") as conn:
        result = await conn.run("uptime", check=True)
        return str(result.stdout)


async def push_config(sftp: paramiko.SFTPClient, local: str, remote: str) -> None:  # expect: blocking-call
    sftp.put(local, remote)


async def push_config_offloaded(sftp: paramiko.SFTPClient, local: str, remote: str) -> None:  # expect: clean  # near: blocking-call
    await asyncio.get_running_loop().run_in_executor(None, sftp.put, local, remote)


class HostSession:  # expect: blocking-call
    def __init__(self, transport: paramiko.Transport) -> None:
        self.transport = transport

    async def run(self, cmd: str) -> int:
        chan = self.transport.open_session()
        chan.exec_command(cmd)
        return chan.recv_exit_status()


async def upload_artifact(path: str, name: str) -> None:  # expect: blocking-call
    bucket = storage.Client().bucket("artefacts")
    bucket.blob(name).upload_from_filename(path)


async def upload_artifact_threaded(path: str, name: str) -> None:  # expect: clean  # near: blocking-call
    def upload() -> None:
        storage.Client().bucket("artefacts").blob(name).upload_from_filename(path)

    await asyncio.to_thread(upload)


async def announce(publisher: pubsub_v1.PublisherClient, topic: str, data: bytes) -> str:  # expect: blocking-call
    future = publisher.publish(topic, data)
    return future.result(timeout=30)


async def announce_fire_and_forget(publisher: pubsub_v1.PublisherClient, topic: str, data: bytes) -> None:  # expect: clean  # near: blocking-call
    # publish() only queues the message; the client's own threads send it
    future = publisher.publish(topic, data)
    future.add_done_callback(lambda f: log.debug("published %s", f.result()))


class UsageReport:  # expect: blocking-call
    def __init__(self) -> None:
        self.bq = bigquery.Client()

    async def daily(self, day: str) -> list[dict]:
        job = self.bq.query(f"SELECT * FROM usage.daily WHERE day = '{day}'")
        return [dict(row) for row in job.result()]
