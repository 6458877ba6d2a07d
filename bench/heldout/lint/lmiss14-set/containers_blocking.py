"""Blocking calls on values reached through typed containers."""
from __future__ import annotations

import asyncio
import concurrent.futures
import socket
import sqlite3
from dataclasses import dataclass, field
from typing import Mapping, Optional

import httpx
import redis
import requests


@dataclass
class Slot:
    name: str
    sock: socket.socket


@dataclass
class StreamSlot:
    name: str
    writer: asyncio.StreamWriter


class Relay:  # expect: blocking-call
    def __init__(self, slots: list[Slot]):
        self.slots: list[Slot] = slots

    async def first_chunk(self) -> bytes:
        return self.slots[0].sock.recv(1024)


class Broadcaster:  # expect: blocking-call
    def __init__(self) -> None:
        self.slots: list[Slot] = []

    async def broadcast(self, data: bytes) -> None:
        for s in self.slots:
            s.sock.sendall(data)


class StreamBroadcaster:  # expect: clean  # near: blocking-call
    def __init__(self) -> None:
        self.slots: list[StreamSlot] = []

    async def broadcast(self, data: bytes) -> None:
        for s in self.slots:
            s.writer.write(data)
            await s.writer.drain()


class SyncBroadcaster:  # expect: clean  # near: blocking-call
    def __init__(self) -> None:
        self.slots: list[Slot] = []

    def broadcast(self, data: bytes) -> None:
        for s in self.slots:
            s.sock.sendall(data)


class OffloadedRelay:  # expect: clean  # near: blocking-call
    def __init__(self) -> None:
        self.slots: list[Slot] = []

    async def first_chunk(self) -> bytes:
        return await asyncio.to_thread(self.slots[0].sock.recv, 1024)


class ShardedStore:  # expect: blocking-call
    def __init__(self) -> None:
        self.conns: dict[str, sqlite3.Connection] = {}

    async def any_count(self) -> int:
        conn = next(iter(self.conns.values()))
        return conn.execute("select count(*) from t").fetchone()[0]


class ShardLookup:  # expect: blocking-call
    def __init__(self) -> None:
        self.conns: dict[str, sqlite3.Connection] = {}

    async def count(self, shard: str) -> int:
        conn = self.conns.get(shard)
        if conn is None:
            return 0
        return conn.execute("select count(*) from t").fetchone()[0]


class ShardIndex:  # expect: blocking-call
    def __init__(self) -> None:
        self.conns: dict[str, sqlite3.Connection] = {}

    async def drop(self, shard: str) -> None:
        self.conns[shard].execute("delete from t")


class ShardCommitter:  # expect: blocking-call
    def __init__(self) -> None:
        self.conns: dict[str, sqlite3.Connection] = {}

    async def commit_all(self) -> None:
        for _name, conn in self.conns.items():
            conn.commit()


class PendingWork:  # expect: blocking-call
    def __init__(self) -> None:
        self.pending: list[concurrent.futures.Future] = []

    async def last_result(self):
        return self.pending.pop().result()


class HostSessions:  # expect: blocking-call
    def __init__(self) -> None:
        self.sessions: dict[str, requests.Session] = {}

    async def fetch(self, host: str, path: str) -> bytes:
        return self.sessions[host].get(f"https://{host}{path}").content


class AsyncHostClients:  # expect: clean  # near: blocking-call
    def __init__(self) -> None:
        self.clients: dict[str, httpx.AsyncClient] = {}

    async def fetch(self, host: str, path: str) -> bytes:
        resp = await self.clients[host].get(f"https://{host}{path}")
        return resp.content


class PairedSockets:  # expect: blocking-call
    def __init__(self) -> None:
        self.pair: tuple[socket.socket, socket.socket] = socket.socketpair()

    async def read_other_end(self) -> bytes:
        return self.pair[1].recv(64)


async def last_conn_rows(conns: list[sqlite3.Connection]) -> list:  # expect: blocking-call
    return conns[-1].execute("select * from t").fetchall()


async def cached_value(pools: Mapping[str, redis.Redis], key: str):  # expect: blocking-call
    return pools["primary"].get(key)


@dataclass
class Replica:
    host: str
    client: Optional[redis.Redis] = None


class ReplicaSet:  # expect: blocking-call
    def __init__(self) -> None:
        self.replicas: list[Replica] = []

    async def ping_all(self) -> None:
        for r in self.replicas:
            if r.client is not None:
                r.client.ping()


@dataclass
class Fleet:
    sessions: dict[str, requests.Session] = field(default_factory=dict)


async def fleet_get(fleet: Fleet, host: str):  # expect: blocking-call
    return fleet.sessions[host].get(f"https://{host}/")


class Session:
    async def get(self, url: str) -> bytes:
        return b""


class ProjectSessions:  # expect: clean  # near: blocking-call
    def __init__(self) -> None:
        self.sessions: dict[str, Session] = {}

    async def fetch(self, host: str) -> bytes:
        return await self.sessions[host].get(host)


class QueueOfSockets:  # expect: blocking-call
    def __init__(self) -> None:
        self.idle: set[socket.socket] = set()

    async def send_any(self, data: bytes) -> None:
        sock = self.idle.pop()
        sock.sendall(data)
