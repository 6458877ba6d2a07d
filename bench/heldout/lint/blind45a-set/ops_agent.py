"""An ops agent with an asyncio control API: ssh, docker, kubernetes, ldap, snmp, vault and consul clients."""
from __future__ import annotations

import asyncio
import socket
from functools import partial

import asyncssh
import consul
import docker
import hvac
import ldap3
import paramiko
from fabric import Connection
from kubernetes import client as k8s
from kubernetes import config as k8s_config
from kubernetes_asyncio import client as ak8s
from pysnmp.hlapi import CommunityData, ContextData, ObjectIdentity, ObjectType, SnmpEngine, UdpTransportTarget, getCmd


async def uptime(host: str, user: str) -> str:  # expect: blocking-call
    ssh = paramiko.SSHClient()
    ssh.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    ssh.connect(host, username=user, timeout=5)
    try:
        _, out, _ = ssh.exec_command("uptime")
        return out.read().decode().strip()
    finally:
        ssh.close()


async def uptime_asyncssh(host: str, user: str) -> str:  # expect: clean  # near: blocking-call
    async with asyncssh.connect(host, username=user) as conn:
        result = await conn.run("uptime", check=True)
    return result.stdout.strip()


async def deploy(host: str, version: str) -> None:  # expect: blocking-call
    c = Connection(host)
    c.run(f"docker pull registry.internal/app:{version}", hide=True)
    c.run("systemctl restart app", hide=True)


def _deploy_sync(host: str, version: str) -> None:  # expect: clean  # near: blocking-call
    c = Connection(host)
    c.run(f"docker pull registry.internal/app:{version}", hide=True)


async def deploy_offloaded(hosts: list[str], version: str) -> None:  # expect: clean  # near: blocking-call
    await asyncio.gather(*(asyncio.to_thread(_deploy_sync, h, version) for h in hosts))


async def restart_container(name: str) -> str:  # expect: blocking-call
    cli = docker.from_env()
    ctr = cli.containers.get(name)
    ctr.restart(timeout=10)
    return ctr.status


class DockerInventory:  # expect: blocking-call
    def __init__(self):
        self.client = docker.DockerClient(base_url="unix:///var/run/docker.sock")

    async def running(self) -> list[str]:
        return [c.name for c in self.client.containers.list()]


async def pod_names(namespace: str) -> list[str]:  # expect: blocking-call
    k8s_config.load_incluster_config()
    v1 = k8s.CoreV1Api()
    pods = v1.list_namespaced_pod(namespace)
    return [p.metadata.name for p in pods.items]


async def pod_names_async(namespace: str) -> list[str]:  # expect: clean  # near: blocking-call
    async with ak8s.ApiClient() as api:
        v1 = ak8s.CoreV1Api(api)
        pods = await v1.list_namespaced_pod(namespace)
    return [p.metadata.name for p in pods.items]


async def find_user(uid: str) -> dict | None:  # expect: blocking-call
    server = ldap3.Server("ldaps://ldap.internal")
    conn = ldap3.Connection(server, auto_bind=True)
    conn.search("ou=people,dc=corp", f"(uid={uid})", attributes=["cn", "mail"])
    return conn.entries[0].entry_attributes_as_dict if conn.entries else None


async def sys_descr(host: str) -> str:  # expect: blocking-call
    err, status, _, binds = next(
        getCmd(SnmpEngine(), CommunityData("public"), UdpTransportTarget((host, 161)), ContextData(),
               ObjectType(ObjectIdentity("SNMPv2-MIB", "sysDescr", 0)))
    )
    if err or status:
        raise RuntimeError(str(err or status))
    return str(binds[0][1])


async def read_secret(path: str) -> dict:  # expect: blocking-call
    vault = hvac.Client(url="https://vault.internal:8200")
    return vault.secrets.kv.v2.read_secret_version(path=path)["data"]["data"]


class ServiceRegistry:  # expect: blocking-call
    def __init__(self):
        self.c = consul.Consul(host="consul.internal")

    async def healthy(self, service: str) -> list[str]:
        _, nodes = self.c.health.service(service, passing=True)
        return [n["Service"]["Address"] for n in nodes]


class ServiceRegistryOffloaded:  # expect: clean  # near: blocking-call
    def __init__(self):
        self.c = consul.Consul(host="consul.internal")

    async def healthy(self, service: str) -> list[str]:
        _, nodes = await asyncio.to_thread(partial(self.c.health.service, service, passing=True))
        return [n["Service"]["Address"] for n in nodes]


async def wait_port(host: str, port: int, tries: int = 30) -> None:  # expect: blocking-call
    for _ in range(tries):
        try:
            socket.create_connection((host, port), timeout=1).close()
            return
        except OSError:
            await asyncio.sleep(1)
    raise TimeoutError(f"{host}:{port}")


async def wait_port_async(host: str, port: int, tries: int = 30) -> None:  # expect: clean  # near: blocking-call
    for _ in range(tries):
        try:
            _, w = await asyncio.open_connection(host, port)
            w.close()
            await w.wait_closed()
            return
        except OSError:
            await asyncio.sleep(1)
    raise TimeoutError(f"{host}:{port}")
