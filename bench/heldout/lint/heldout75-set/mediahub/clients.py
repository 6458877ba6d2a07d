"""Factories for the clients the service uses; handlers import them from here."""
from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass, field

import boto3
import redis
import redis.asyncio as aioredis
import requests

_cache_lock = threading.Lock()


def make_s3(region: str = "eu-west-1"):  # expect: clean
    return boto3.client("s3", region_name=region)


def open_index(path: str = "index.db") -> sqlite3.Connection:  # expect: clean
    return sqlite3.connect(path, check_same_thread=False)


def cache_lock() -> threading.Lock:  # expect: clean
    return _cache_lock


def redis_sync() -> redis.Redis:  # expect: clean
    return redis.Redis.from_url("redis://cache:6379/0")


def redis_async() -> aioredis.Redis:  # expect: clean
    return aioredis.Redis.from_url("redis://cache:6379/0")


@dataclass
class Settings:  # expect: clean
    bucket: str = "media"
    http: requests.Session = field(default_factory=requests.Session)
    thumbs_url: str = "http://thumbs.internal"
