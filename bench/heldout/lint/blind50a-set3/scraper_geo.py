"""Listing scraper and map tiles: Playwright pages, GeoPandas layers, boto3 resources against aioboto3's."""
from __future__ import annotations

import asyncio
import logging
import threading
from functools import cached_property
from typing import Annotated, Generic, NamedTuple, Optional, TypeVar

import aioboto3
import boto3
import fiona
import geopandas as gpd
import imaplib
import requests
from playwright.async_api import BrowserContext, Locator, Page
from playwright.sync_api import sync_playwright
from shapely import wkt

log = logging.getLogger("scraper")
M = TypeVar("M", bound=imaplib.IMAP4)
Http = Annotated[requests.Session, "shared session with retries"]


async def click_next(page: Page) -> bool:  # expect: unawaited-coroutine
    button: Locator = page.locator("a.next")
    if await button.count() == 0:
        return False
    button.click()
    await page.wait_for_load_state("domcontentloaded")
    return True


async def click_next_ok(page: Page) -> bool:  # expect: clean  # near: unawaited-coroutine
    button = page.locator("a.next")
    if await button.count() == 0:
        return False
    await button.click()
    await page.wait_for_load_state("domcontentloaded")
    return True


async def listing_titles(context: BrowserContext, url: str) -> list[str]:  # expect: unawaited-coroutine
    page = await context.new_page()
    await page.goto(url)
    titles = await page.locator("h2.title").all_inner_texts()
    page.close()
    return titles


async def listing_titles_sync_api(url: str) -> list[str]:  # expect: blocking-call
    with sync_playwright() as pw:
        browser = pw.chromium.launch()
        page = browser.new_page()
        page.goto(url)
        titles = page.locator("h2.title").all_inner_texts()
        browser.close()
    return titles


async def parcels(path: str) -> gpd.GeoDataFrame:  # expect: blocking-call
    return gpd.read_file(path, layer="parcels")


async def parcel_count(path: str) -> int:  # expect: blocking-call
    with fiona.open(path) as layer:
        return len(layer)


async def parcel_from_wkt(text: str) -> float:  # expect: clean  # near: blocking-call
    return wkt.loads(text).area


async def parcels_offloaded(path: str) -> gpd.GeoDataFrame:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(gpd.read_file, path, layer="parcels")


async def archive_tile(bucket: str, key: str, data: bytes) -> None:  # expect: blocking-call
    s3 = boto3.resource("s3")
    s3.Bucket(bucket).put_object(Key=key, Body=data)


async def archive_tile_async(bucket: str, key: str, data: bytes) -> None:  # expect: clean  # near: blocking-call
    session = aioboto3.Session()
    async with session.resource("s3") as s3:
        obj = await s3.Object(bucket, key)
        await obj.put(Body=data)


async def wait_for_export(bucket: str, key: str) -> None:  # expect: blocking-call
    client = boto3.client("s3")
    client.get_waiter("object_exists").wait(Bucket=bucket, Key=key)


async def fetch_listing(http: Http, url: str) -> str:  # expect: blocking-call
    return http.get(url, timeout=10).text


class Inbox(Generic[M]):  # expect: blocking-call
    def __init__(self, conn: M) -> None:
        self.conn = conn

    async def count_unseen(self) -> int:
        self.conn.select("INBOX", readonly=True)
        _, data = self.conn.search(None, "UNSEEN")
        return len(data[0].split())


class Endpoint(NamedTuple):  # expect: clean
    name: str
    session: requests.Session


async def ping_all(endpoints: list[Endpoint]) -> dict[str, int]:  # expect: blocking-call
    return {e.name: e.session.head(f"https://{e.name}/health", timeout=3).status_code for e in endpoints}


class TileCache:  # expect: lock-across-await
    _lock = threading.Lock()
    _tiles: dict[str, bytes] = {}

    @classmethod
    async def get_or_fetch(cls, key: str, fetch) -> bytes:
        with cls._lock:
            if key not in cls._tiles:
                cls._tiles[key] = await fetch(key)
            return cls._tiles[key]


class TileCacheOk:  # expect: clean  # near: lock-across-await
    _lock = asyncio.Lock()
    _tiles: dict[str, bytes] = {}

    @classmethod
    async def get_or_fetch(cls, key: str, fetch) -> bytes:
        async with cls._lock:
            if key not in cls._tiles:
                cls._tiles[key] = await fetch(key)
            return cls._tiles[key]


class Crawler:  # expect: lock-across-await
    def __init__(self) -> None:
        self.seen: set[str] = set()

    @cached_property
    def seen_lock(self) -> threading.Lock:
        return threading.Lock()

    async def crawl(self, pages) -> int:
        with self.seen_lock:
            async for url in pages:
                self.seen.add(url)
        return len(self.seen)


class CrawlerOk:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self.seen: set[str] = set()

    @cached_property
    def seen_lock(self) -> threading.Lock:
        return threading.Lock()

    async def crawl(self, pages) -> int:
        async for url in pages:
            with self.seen_lock:
                self.seen.add(url)
        return len(self.seen)
