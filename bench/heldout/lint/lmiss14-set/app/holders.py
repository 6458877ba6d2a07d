"""Generic bases several levels deep, across modules."""
from __future__ import annotations

import threading

import httpx
import requests

from app.pools import Keyed


class SessionHolder(Keyed[str, requests.Session]):
    pass


class AsyncClientHolder(Keyed[str, httpx.AsyncClient]):
    pass


class LockHolder(Keyed[str, threading.Lock]):
    pass
