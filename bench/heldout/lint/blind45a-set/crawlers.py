"""A news crawler that grew an asyncio front end: fetchers, robots checks, feed polling, headless browsers."""
from __future__ import annotations

import asyncio
import time
import urllib.robotparser
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from urllib.parse import urljoin

import aiohttp
import feedparser
import requests
from bs4 import BeautifulSoup
from playwright.async_api import async_playwright
from playwright.sync_api import sync_playwright
from selenium import webdriver

UA = "newsbot/2.1"
POOL = ThreadPoolExecutor(max_workers=4)


async def scrape_headlines(url: str) -> list[str]:  # expect: blocking-call
    html = requests.get(url, headers={"User-Agent": UA}, timeout=10).text
    soup = BeautifulSoup(html, "html.parser")
    return [h.get_text(strip=True) for h in soup.select("h2.headline")]


async def scrape_headlines_aiohttp(session: aiohttp.ClientSession, url: str) -> list[str]:  # expect: clean  # near: blocking-call
    async with session.get(url, headers={"User-Agent": UA}) as resp:
        html = await resp.text()
    # parsing a page in memory is CPU work, not a blocking call
    soup = BeautifulSoup(html, "html.parser")
    return [h.get_text(strip=True) for h in soup.select("h2.headline")]


async def allowed(url: str) -> bool:  # expect: blocking-call
    rp = urllib.robotparser.RobotFileParser()
    rp.set_url(urljoin(url, "/robots.txt"))
    rp.read()
    return rp.can_fetch(UA, url)


async def allowed_cached(rp: urllib.robotparser.RobotFileParser, url: str) -> bool:  # expect: clean  # near: blocking-call
    # rp was read at start-up; can_fetch only consults the parsed rules
    return rp.can_fetch(UA, url)


async def poll_feed(feed_url: str, seen: set[str]) -> list[str]:  # expect: blocking-call
    parsed = feedparser.parse(feed_url)
    fresh = [e.link for e in parsed.entries if e.link not in seen]
    seen.update(fresh)
    return fresh


async def poll_feed_offloaded(feed_url: str, seen: set[str]) -> list[str]:  # expect: clean  # near: blocking-call
    parsed = await asyncio.to_thread(feedparser.parse, feed_url)
    fresh = [e.link for e in parsed.entries if e.link not in seen]
    seen.update(fresh)
    return fresh


async def screenshot(url: str, out: str) -> None:  # expect: blocking-call
    with sync_playwright() as p:
        browser = p.chromium.launch()
        page = browser.new_page()
        page.goto(url)
        page.screenshot(path=out)
        browser.close()


async def screenshot_async(url: str, out: str) -> None:  # expect: clean  # near: blocking-call
    async with async_playwright() as p:
        browser = await p.chromium.launch()
        page = await browser.new_page()
        await page.goto(url)
        await page.screenshot(path=out)
        await browser.close()


class SeleniumFetcher:  # expect: blocking-call
    def __init__(self):
        opts = webdriver.ChromeOptions()
        opts.add_argument("--headless=new")
        self.driver = webdriver.Chrome(options=opts)

    async def rendered_html(self, url: str) -> str:
        self.driver.get(url)
        await asyncio.sleep(1.5)  # let client-side scripts settle
        return self.driver.page_source


class PoliteCrawler:  # expect: blocking-call
    def __init__(self, delay: float = 1.0):
        self.delay = delay
        self.session = requests.Session()
        self.session.headers["User-Agent"] = UA

    def _get(self, url: str) -> str:
        return self.session.get(url, timeout=10).text

    async def crawl(self, urls: list[str]) -> dict[str, str]:
        pages = {}
        for url in urls:
            pages[url] = self._get(url)
            await asyncio.sleep(self.delay)
        return pages


class PoliteCrawlerOffloaded:  # expect: clean  # near: blocking-call
    def __init__(self, delay: float = 1.0):
        self.delay = delay
        self.session = requests.Session()

    def _get(self, url: str) -> str:
        return self.session.get(url, timeout=10).text

    async def crawl(self, urls: list[str]) -> dict[str, str]:
        loop = asyncio.get_running_loop()
        pages = {}
        for url in urls:
            pages[url] = await loop.run_in_executor(POOL, partial(self._get, url))
            await asyncio.sleep(self.delay)
        return pages


async def throttle(last_hit: dict[str, float], host: str, gap: float) -> None:  # expect: blocking-call
    wait = last_hit.get(host, 0.0) + gap - time.monotonic()
    if wait > 0:
        time.sleep(wait)
    last_hit[host] = time.monotonic()


async def download_all(urls: list[str]) -> list[bytes]:  # expect: blocking-call
    with requests.Session() as s:
        return [s.get(u, timeout=10).content for u in urls]


async def download_all_threaded(urls: list[str]) -> list[bytes]:  # expect: clean  # near: blocking-call
    def one(u: str) -> bytes:
        return requests.get(u, timeout=10).content

    return await asyncio.gather(*(asyncio.to_thread(one, u) for u in urls))
