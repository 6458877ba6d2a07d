"""Shared infrastructure: locks, pools and clients the services reach through helpers."""
from __future__ import annotations

import contextlib
import queue
import socket
import threading
from typing import Iterator, Optional

import requests

_account_locks: dict[str, threading.Lock] = {}
_registry_guard = threading.Lock()


def account_lock(account: str) -> threading.Lock:
    with _registry_guard:
        return _account_locks.setdefault(account, threading.Lock())


@contextlib.contextmanager
def holding(account: str) -> Iterator[None]:
    lock = account_lock(account)
    lock.acquire()
    try:
        yield
    finally:
        lock.release()


class BankLink:
    """A line-oriented TCP link to the bank's settlement gateway."""

    def __init__(self, host: str, port: int) -> None:
        self.addr = (host, port)
        self._sock: Optional[socket.socket] = None

    def connect(self) -> None:
        self._sock = socket.create_connection(self.addr, timeout=10)

    @property
    def sock(self) -> socket.socket:
        if self._sock is None:
            raise RuntimeError("not connected")
        return self._sock


class Http:
    def __init__(self, session: Optional[requests.Session] = None) -> None:
        self.session = session or requests.Session()


jobs: "queue.Queue[dict]" = queue.Queue()
