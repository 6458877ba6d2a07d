"""Geometry helpers shared by pricing and matching."""
from __future__ import annotations

import math
import time
from dataclasses import dataclass
from functools import lru_cache

import requests

OSRM_URL = "http://osrm.internal:5000"


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float


def haversine_km(a: Point, b: Point) -> float:  # expect: clean
    dlat = math.radians(b.lat - a.lat)
    dlon = math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(math.radians(a.lat)) * math.cos(math.radians(b.lat)) * math.sin(dlon / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def eta_minutes(a: Point, b: Point, speed_kmh: float = 28.0) -> float:  # expect: clean
    return haversine_km(a, b) / speed_kmh * 60


@lru_cache(maxsize=4096)
def road_distance_km(a: Point, b: Point) -> float:
    resp = requests.get(f"{OSRM_URL}/route/v1/driving/{a.lon},{a.lat};{b.lon},{b.lat}", timeout=2)
    resp.raise_for_status()
    return resp.json()["routes"][0]["distance"] / 1000


def wait_for_router(deadline: float = 30.0) -> None:
    start = time.monotonic()
    while time.monotonic() - start < deadline:
        try:
            requests.get(f"{OSRM_URL}/health", timeout=1)
            return
        except requests.RequestException:
            time.sleep(0.5)
    raise RuntimeError("router never came up")
