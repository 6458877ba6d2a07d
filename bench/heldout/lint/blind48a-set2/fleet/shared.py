"""Clients and guards the fleet services share."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Awaitable, Callable, NamedTuple, Optional

import boto3
from elasticsearch import Elasticsearch
from opensearchpy import AsyncOpenSearch

_GUARDS: dict[str, threading.Lock] = {}
_GUARDS_LOCK = threading.Lock()

Handler = Callable[[dict], Awaitable[None]]


def guard_for(vehicle: str) -> threading.Lock:  # expect: clean
    with _GUARDS_LOCK:
        return _GUARDS.setdefault(vehicle, threading.Lock())


def search() -> Elasticsearch:  # expect: clean
    return Elasticsearch("http://search:9200", request_timeout=5)


def trips_table():  # expect: clean
    return boto3.resource("dynamodb").Table("trips")


class Telemetry(NamedTuple):  # expect: clean
    vehicle: str
    speed: float
    lock: threading.Lock


@dataclass
class Services:  # expect: clean
    index: AsyncOpenSearch
    legacy: Optional[Elasticsearch] = None
    handlers: dict[str, Handler] = field(default_factory=dict)
