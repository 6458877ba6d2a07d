"""Async jobs of the netops service: run from the web API and from the scheduler, all on one event loop."""
from __future__ import annotations

import asyncio
import logging
import threading
from concurrent import futures
from typing import Optional

import asyncssh
import grpc
from pysnmp.hlapi.asyncio import (
    CommunityData,
    ContextData,
    Integer,
    ObjectIdentity,
    ObjectType,
    SnmpEngine,
    UdpTransportTarget,
    getCmd,
    setCmd,
)

from telemetry_pb2 import Counter, PushRequest
from telemetry_pb2_grpc import TelemetryServicer, TelemetryStub, add_TelemetryServicer_to_server

from . import RouterSession, netconf, snmp_uptime, ssh_run

log = logging.getLogger("netops.jobs")
COLLECTOR = "collector.netops:50051"


async def collect_versions(hosts: list[str]) -> dict[str, str]:  # expect: blocking-call
    return {host: ssh_run(host, "show version | include Version") for host in hosts}


async def collect_versions_threaded(hosts: list[str]) -> dict[str, str]:  # expect: clean  # near: blocking-call
    outs = await asyncio.gather(*(asyncio.to_thread(ssh_run, h, "show version | include Version") for h in hosts))
    return dict(zip(hosts, outs))


async def collect_versions_asyncssh(hosts: list[str]) -> dict[str, str]:  # expect: clean  # near: blocking-call
    result: dict[str, str] = {}
    for host in hosts:
        async with asyncssh.connect(host, username="netops", known_hosts=None) as conn:
            proc = await conn.run("show version | include Version", check=True)
            result[host] = proc.stdout
    return result


async def push_banner(host: str, banner: str) -> None:  # expect: unawaited-coroutine
    async with asyncssh.connect(host, username="netops", known_hosts=None) as conn:
        conn.run(f"banner motd ^{banner}^")
        log.info("banner pushed to %s", host)


class DeviceAudit:  # expect: blocking-call
    def __init__(self, host: str) -> None:
        self.host = host
        self.session: Optional[RouterSession] = None

    async def run(self) -> dict[str, str]:
        self.session = RouterSession(self.host)
        try:
            return {cmd: self.session.show(cmd) for cmd in ("show ip int brief", "show vlan brief")}
        finally:
            self.session.close()


class DeviceAuditThreaded:  # expect: clean  # near: blocking-call
    def __init__(self, host: str) -> None:
        self.host = host

    def _run_sync(self) -> dict[str, str]:
        session = RouterSession(self.host)
        try:
            return {cmd: session.show(cmd) for cmd in ("show ip int brief", "show vlan brief")}
        finally:
            session.close()

    async def run(self) -> dict[str, str]:
        return await asyncio.to_thread(self._run_sync)


async def running_config(host: str) -> str:  # expect: blocking-call
    with netconf(host) as m:
        return m.get_config(source="running").data_xml


async def poll_uptimes(hosts: list[str]) -> dict[str, int]:  # expect: blocking-call
    uptimes = {}
    for host in hosts:
        uptimes[host] = snmp_uptime(host)
    return uptimes


async def poll_uptime_async(host: str, engine: SnmpEngine) -> int:  # expect: clean  # near: blocking-call
    err_ind, err_stat, _idx, binds = await getCmd(
        engine,
        CommunityData("public"),
        UdpTransportTarget((host, 161), timeout=2, retries=1),
        ContextData(),
        ObjectType(ObjectIdentity("1.3.6.1.2.1.1.3.0")),
    )
    if err_ind or err_stat:
        raise RuntimeError(f"{host}: {err_ind or err_stat}")
    return int(binds[0][1])


async def shut_port(host: str, if_index: int, engine: SnmpEngine) -> None:  # expect: unawaited-coroutine
    setCmd(
        engine,
        CommunityData("private"),
        UdpTransportTarget((host, 161)),
        ContextData(),
        ObjectType(ObjectIdentity(f"1.3.6.1.2.1.2.2.1.7.{if_index}"), Integer(2)),
    )
    log.info("port %s/%d shut", host, if_index)


def telemetry_stub() -> TelemetryStub:  # expect: clean
    return TelemetryStub(grpc.insecure_channel(COLLECTOR))


async def push_counters(counters: dict[str, int]) -> None:  # expect: blocking-call
    req = PushRequest(counters=[Counter(name=k, value=v) for k, v in counters.items()])
    telemetry_stub().Push(req, timeout=5)


async def push_counters_aio(counters: dict[str, int]) -> None:  # expect: clean  # near: blocking-call
    req = PushRequest(counters=[Counter(name=k, value=v) for k, v in counters.items()])
    async with grpc.aio.insecure_channel(COLLECTOR) as channel:
        await TelemetryStub(channel).Push(req, timeout=5)


class CollectorLink:  # expect: blocking-call
    def __init__(self) -> None:
        self.channel = grpc.insecure_channel(COLLECTOR)
        self.stub = TelemetryStub(self.channel)

    async def wait_ready(self) -> None:
        grpc.channel_ready_future(self.channel).result(timeout=10)


class CollectorLinkAio:  # expect: clean  # near: blocking-call
    def __init__(self) -> None:
        self.channel = grpc.aio.insecure_channel(COLLECTOR)
        self.stub = TelemetryStub(self.channel)

    async def wait_ready(self) -> None:
        await asyncio.wait_for(self.channel.channel_ready(), timeout=10)


class TelemetrySink(TelemetryServicer):  # expect: clean
    def __init__(self) -> None:
        self.received = 0

    async def Push(self, request, context):
        self.received += len(request.counters)
        return PushRequest()


async def serve_sink(port: int = 50052) -> None:  # expect: unawaited-coroutine
    server = grpc.aio.server()
    add_TelemetryServicer_to_server(TelemetrySink(), server)
    server.add_insecure_port(f"[::]:{port}")
    await server.start()
    server.wait_for_termination()


def serve_sink_threaded(port: int = 50052) -> None:  # expect: clean  # near: unawaited-coroutine
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    add_TelemetryServicer_to_server(TelemetrySink(), server)
    server.add_insecure_port(f"[::]:{port}")
    server.start()
    server.wait_for_termination()


class SshPool:  # expect: lock-across-await
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._conns: dict[str, asyncssh.SSHClientConnection] = {}

    async def get(self, host: str) -> asyncssh.SSHClientConnection:
        with self._lock:
            conn = self._conns.get(host)
            if conn is None:
                conn = await asyncssh.connect(host, username="netops", known_hosts=None)
                self._conns[host] = conn
        return conn


class SshPoolOk:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._conns: dict[str, asyncssh.SSHClientConnection] = {}

    async def get(self, host: str) -> asyncssh.SSHClientConnection:
        with self._lock:
            conn = self._conns.get(host)
        if conn is None:
            conn = await asyncssh.connect(host, username="netops", known_hosts=None)
            with self._lock:
                conn = self._conns.setdefault(host, conn)
        return conn


async def keepalive(conn: asyncssh.SSHClientConnection, every: float = 20.0) -> None:  # expect: cancellation-swallowed
    while not conn.is_closed():
        try:
            await conn.run("true", check=False)
            await asyncio.sleep(every)
        except:  # noqa: E722
            log.debug("keepalive hiccup on %s", conn.get_extra_info("peername"))
            await asyncio.sleep(1)


async def keepalive_ok(conn: asyncssh.SSHClientConnection, every: float = 20.0) -> None:  # expect: clean  # near: cancellation-swallowed
    while not conn.is_closed():
        try:
            await conn.run("true", check=False)
            await asyncio.sleep(every)
        except (asyncssh.Error, OSError):
            log.debug("keepalive hiccup on %s", conn.get_extra_info("peername"))
            await asyncio.sleep(1)
