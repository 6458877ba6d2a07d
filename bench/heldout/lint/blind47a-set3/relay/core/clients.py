"""Clients and shared state of a chat relay: built once here, used by the bot's handlers and workers."""
from __future__ import annotations

import asyncio
import threading
from collections import defaultdict
from typing import Optional, TypeAlias

import asyncpg
import paramiko
import psycopg
import requests
from aiokafka import AIOKafkaProducer

SyncDb: TypeAlias = psycopg.Connection
_http: Optional[requests.Session] = None


def legacy_db(dsn: str):  # expect: clean
    return psycopg.connect(dsn, autocommit=True)


def http() -> requests.Session:  # expect: clean
    global _http
    if _http is None:
        _http = requests.Session()
    return _http


def ssh_to(host: str) -> paramiko.SSHClient:  # expect: clean
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect(host, username="relay")
    return client


class RoomGuards:  # expect: clean
    def __init__(self) -> None:
        self.by_room: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)
        self.global_lock = threading.RLock()

    def room(self, name: str) -> threading.Lock:
        return self.by_room[name]


GUARDS = RoomGuards()


class History:  # expect: clean
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def append(self, room: str, text: str) -> None:
        await self.pool.execute("INSERT INTO history(room, text) VALUES($1, $2)", room, text)

    def table(self) -> str:
        return "history"


class Outbox:  # expect: clean
    producer: AIOKafkaProducer

    def __init__(self, producer: AIOKafkaProducer) -> None:
        self.producer = producer

    async def emit(self, topic: str, value: bytes) -> None:
        await self.producer.send_and_wait(topic, value)


RETRYABLE = (asyncio.CancelledError, ConnectionError, asyncpg.PostgresConnectionError)


def is_fatal(exc: BaseException) -> bool:  # expect: clean
    return isinstance(exc, (asyncpg.UniqueViolationError, PermissionError))
