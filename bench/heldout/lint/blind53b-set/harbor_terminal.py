"""A container terminal's berth service: crane telemetry, a berth database, customs lookups and notices."""
from __future__ import annotations

import asyncio
import io
import logging
import smtplib
import socket
import subprocess
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import TYPE_CHECKING, Annotated, NamedTuple, Optional, TypedDict, Union, cast

import attrs
import httpx
import psycopg2
import psycopg2.extensions
import redis
import redis.asyncio as aioredis
import requests
import urllib3
from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from mypy_boto3_s3.client import S3Client

log = logging.getLogger("terminal")


@dataclass
class BerthDeps:  # expect: clean
    db: psycopg2.extensions.connection
    customs: httpx.AsyncClient
    cache: aioredis.Redis
    http: requests.Session = field(default_factory=requests.Session)


async def vessel_eta(deps: BerthDeps, imo: str) -> dict:  # expect: blocking-call
    resp = deps.http.get(f"https://ais.example.invalid/vessels/{imo}", timeout=10)
    return resp.json()


async def customs_status(deps: BerthDeps, container: str) -> str:  # expect: clean  # near: blocking-call
    resp = await deps.customs.get(f"/containers/{container}")
    cached = await deps.cache.get(f"customs:{container}")
    return cached or resp.json()["status"]


async def assign_berth(deps: BerthDeps, vessel: str, berth: int) -> None:  # expect: blocking-call
    with deps.db.cursor() as cur:
        cur.execute("UPDATE berths SET vessel = %s WHERE id = %s", (vessel, berth))
    deps.db.commit()


class Handles(NamedTuple):  # expect: clean
    db: psycopg2.extensions.connection
    events: aioredis.Redis


async def crane_moves(h: Handles, crane: int) -> list[tuple]:  # expect: blocking-call
    cur = h.db.cursor()
    cur.execute("SELECT * FROM moves WHERE crane = %s", (crane,))
    return cur.fetchall()


async def announce_move(h: Handles, crane: int, move: str) -> None:  # expect: clean  # near: blocking-call
    await h.events.publish(f"crane:{crane}", move)


class Notifiers(TypedDict):  # expect: clean
    smtp: smtplib.SMTP
    pager: httpx.AsyncClient


async def notify_agent(n: Notifiers, to: str, body: str) -> None:  # expect: blocking-call
    msg = EmailMessage()
    msg["To"] = to
    msg.set_content(body)
    n["smtp"].send_message(msg)


async def page_duty(n: Notifiers, body: str) -> None:  # expect: clean  # near: blocking-call
    await n["pager"].post("/page", json={"text": body})


class TerminalSettings(BaseModel):  # expect: clean
    model_config = ConfigDict(arbitrary_types_allowed=True)

    customs_url: str = "https://customs.example.invalid"
    session: requests.Session = Field(default_factory=requests.Session)


async def declare(settings: TerminalSettings, manifest: dict) -> int:  # expect: blocking-call
    resp = settings.session.post(f"{settings.customs_url}/declare", json=manifest, timeout=20)
    return resp.status_code


@attrs.define
class CraneLink:  # expect: blocking-call
    host: str
    sock: socket.socket = attrs.field(factory=lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM))

    async def telemetry(self) -> bytes:
        self.sock.sendall(b"TELEMETRY\n")
        return self.sock.recv(4096)


@attrs.define
class AsyncCraneLink:  # expect: clean  # near: blocking-call
    host: str
    writer: Optional[asyncio.StreamWriter] = None
    reader: Optional[asyncio.StreamReader] = None

    async def telemetry(self) -> bytes:
        assert self.writer is not None and self.reader is not None
        self.writer.write(b"TELEMETRY\n")
        await self.writer.drain()
        return await self.reader.read(4096)


async def yard_cache_hits(r: Annotated[redis.Redis, "yard cache"], keys: list[str]) -> int:  # expect: blocking-call
    values = r.mget(keys)
    return sum(v is not None for v in values)


async def yard_cache_hits_async(r: Annotated[aioredis.Redis, "yard cache"], keys: list[str]) -> int:  # expect: clean  # near: blocking-call
    values = await r.mget(keys)
    return sum(v is not None for v in values)


async def archive_manifest(s3: Optional[S3Client], key: str, body: bytes) -> None:  # expect: blocking-call
    if s3 is None:
        log.warning("no archive configured, dropping %s", key)
        return
    s3.put_object(Bucket="manifests", Key=key, Body=body)


async def archive_manifest_offloaded(s3: Optional[S3Client], key: str, body: bytes) -> None:  # expect: clean  # near: blocking-call
    if s3 is not None:
        await asyncio.to_thread(s3.put_object, Bucket="manifests", Key=key, Body=body)


async def gate_log(conn: "psycopg2.extensions.connection", plate: str) -> None:  # expect: blocking-call
    cur = conn.cursor()
    cur.execute("INSERT INTO gate_log (plate) VALUES (%s)", (plate,))


async def lease_connection(pool, sql: str) -> list:  # expect: blocking-call
    conn = cast(psycopg2.extensions.connection, pool.getconn())
    try:
        with conn.cursor() as cur:
            cur.execute(sql)
            return cur.fetchall()
    finally:
        pool.putconn(conn)


async def fetch_bay_plan(source: Union[urllib3.PoolManager, httpx.AsyncClient], url: str) -> bytes:  # expect: blocking-call
    if isinstance(source, urllib3.PoolManager):
        return source.request("GET", url).data
    resp = await source.get(url)
    return resp.content


async def fetch_bay_plan_async(source: Union[urllib3.PoolManager, httpx.AsyncClient], url: str) -> bytes:  # expect: clean  # near: blocking-call
    if isinstance(source, httpx.AsyncClient):
        return (await source.get(url)).content
    return await asyncio.to_thread(lambda: source.request("GET", url).data)


async def write_stow_report(rows: list[str], opener) -> None:  # expect: blocking-call
    out: io.TextIOWrapper
    out = opener("stow.csv")
    for row in rows:
        out.write(row + "\n")
    out.close()


class ReeferMonitor:  # expect: blocking-call
    def __init__(self) -> None:
        self.probes: dict[str, httpx.Client] = {}

    async def readings(self) -> dict[str, float]:
        out = {}
        for name, client in self.probes.items():
            out[name] = client.get("/temp").json()["celsius"]
        return out


class AsyncReeferMonitor:  # expect: clean  # near: blocking-call
    def __init__(self) -> None:
        self.probes: dict[str, httpx.AsyncClient] = {}

    async def readings(self) -> dict[str, float]:
        out = {}
        for name, client in self.probes.items():
            out[name] = (await client.get("/temp")).json()["celsius"]
        return out


def start_scanner(port: str) -> subprocess.Popen[bytes]:  # expect: clean
    return subprocess.Popen(["ocr-scanner", "--port", port], stdout=subprocess.PIPE)


async def scan_plate(port: str) -> bytes:  # expect: blocking-call
    proc = start_scanner(port)
    out, _ = proc.communicate(timeout=30)
    return out


async def start_async_scanner(port: str) -> asyncio.subprocess.Process:  # expect: clean
    return await asyncio.create_subprocess_exec("ocr-scanner", "--port", port, stdout=asyncio.subprocess.PIPE)


async def scan_plate_async(port: str) -> bytes:  # expect: clean  # near: blocking-call
    proc = await start_async_scanner(port)
    out, _ = await proc.communicate()
    return out


class BerthBoard:  # expect: clean  # near: blocking-call
    """An in-memory board; `get` and `send` only share their names with the clients'."""

    def __init__(self) -> None:
        self.slots: dict[int, str] = {}

    def get(self, berth: int) -> str | None:
        return self.slots.get(berth)

    def send(self, berth: int, vessel: str) -> None:
        self.slots[berth] = vessel


async def move_vessel(board: BerthBoard, src: int, dst: int) -> None:  # expect: clean  # near: blocking-call
    vessel = board.get(src)
    if vessel is not None:
        board.send(dst, vessel)
    await asyncio.sleep(0)
