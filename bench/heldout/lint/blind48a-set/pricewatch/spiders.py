"""The spiders: each one an async job the scheduler runs on the service's loop."""
from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import aiohttp
import lxml.html
from bs4 import BeautifulSoup
from playwright.async_api import Page as AsyncPage
from playwright.async_api import async_playwright
from playwright.sync_api import Browser

from pricewatch.fetch import PageCache, Price, fetch_text, load_tree, parse_prices, robots_for

log = logging.getLogger("pricewatch.spiders")


async def allowed_urls(base: str, urls: list[str]) -> list[str]:  # expect: blocking-call
    robots = robots_for(base)
    robots.read()
    return [u for u in urls if robots.can_fetch("pricewatch", u)]


async def allowed_urls_ok(base: str, urls: list[str]) -> list[str]:  # expect: clean  # near: blocking-call
    robots = robots_for(base)
    await asyncio.to_thread(robots.read)
    return [u for u in urls if robots.can_fetch("pricewatch", u)]


async def warm_up(session: aiohttp.ClientSession, urls: list[str]) -> None:  # expect: unawaited-coroutine
    for url in urls[:5]:
        fetch_text(session, url)
    log.info("warmed %d pages", min(5, len(urls)))


async def listing_prices(session: aiohttp.ClientSession, url: str) -> list[Price]:  # expect: unawaited-coroutine
    async with session.get(url) as resp:
        resp.raise_for_status()
        body = resp.text()
    return parse_prices(body)


async def listing_prices_ok(session: aiohttp.ClientSession, url: str) -> list[Price]:  # expect: clean  # near: unawaited-coroutine
    async with session.get(url) as resp:
        resp.raise_for_status()
        body = await resp.text()
    return parse_prices(body)


async def product_shot(browser: Browser, url: str, out: Path) -> None:  # expect: blocking-call
    page = browser.new_page()
    page.goto(url, wait_until="networkidle")
    page.screenshot(path=str(out), full_page=True)
    page.close()


async def accept_cookies(page: AsyncPage) -> None:  # expect: unawaited-coroutine
    banner = page.locator("#cookie-banner")
    if await banner.count():
        page.locator("#cookie-accept").click()


async def accept_cookies_ok(page: AsyncPage) -> None:  # expect: clean  # near: unawaited-coroutine
    banner = page.locator("#cookie-banner")
    page.on("dialog", lambda dialog: dialog.dismiss())
    if await banner.count():
        await page.locator("#cookie-accept").click()


async def render_html(url: str) -> str:  # expect: unawaited-coroutine
    async with async_playwright() as pw:
        browser = await pw.chromium.launch()
        page = await browser.new_page()
        await page.goto(url)
        html = await page.content()
        browser.close()
    return html


async def archived_prices(day: str, root: Path) -> list[str]:  # expect: blocking-call
    tree = load_tree(root / f"{day}.xml")
    return [node.get("sku") for node in tree.iter("price")]


async def remote_listing(url: str) -> list[str]:  # expect: blocking-call
    doc = lxml.html.parse(url)
    return doc.xpath("//a[@class='product']/@href")


async def inline_listing(session: aiohttp.ClientSession, url: str) -> list[str]:  # expect: clean  # near: blocking-call
    html = await fetch_text(session, url)
    doc = lxml.html.fromstring(html)
    titles = [t.get_text() for t in BeautifulSoup(html, "html.parser").find_all("h2")]
    log.debug("%d titles", len(titles))
    return doc.xpath("//a[@class='product']/@href")


async def cached_page(cache: PageCache, session: aiohttp.ClientSession, url: str) -> str:  # expect: lock-across-await
    with cache.lock:
        if url not in cache.pages:
            cache.pages[url] = await fetch_text(session, url)
        return cache.pages[url]


async def cached_page_ok(cache: PageCache, session: aiohttp.ClientSession, url: str) -> str:  # expect: clean  # near: lock-across-await
    hit = cache.get(url)
    if hit is None:
        hit = await fetch_text(session, url)
        cache.put(url, hit)
    return hit


async def fetch_with_retries(session: aiohttp.ClientSession, url: str) -> str:  # expect: cancellation-swallowed
    last: BaseException | None = None
    for attempt in range(4):
        try:
            return await fetch_text(session, url)
        except BaseException as exc:
            last = exc
            await asyncio.sleep(2 ** attempt)
    raise RuntimeError(f"gave up on {url}") from last


async def fetch_with_retries_ok(session: aiohttp.ClientSession, url: str) -> str:  # expect: clean  # near: cancellation-swallowed
    for attempt in range(4):
        try:
            return await fetch_text(session, url)
        except (aiohttp.ClientError, asyncio.TimeoutError):
            await asyncio.sleep(2 ** attempt)
    raise RuntimeError(f"gave up on {url}")


class SiteCrawler:  # expect: unbounded-queue, dangling-task
    def __init__(self, session: aiohttp.ClientSession, cache: PageCache) -> None:
        self.session = session
        self.cache = cache
        self.frontier: asyncio.Queue[str] = asyncio.Queue()
        self.seen: set[str] = set()

    async def _worker(self) -> None:
        while True:
            url = await self.frontier.get()
            html = await fetch_text(self.session, url)
            self.cache.put(url, html)
            for link in lxml.html.fromstring(html).xpath("//a/@href"):
                if link not in self.seen:
                    self.seen.add(link)
                    self.frontier.put_nowait(link)
            self.frontier.task_done()

    async def crawl(self, start: str, workers: int = 8) -> None:
        self.frontier.put_nowait(start)
        for _ in range(workers):
            asyncio.create_task(self._worker())
        await self.frontier.join()


class SiteCrawlerOk:  # expect: clean  # near: unbounded-queue
    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session
        self.frontier: asyncio.Queue[str] = asyncio.Queue(maxsize=10_000)

    async def _worker(self) -> None:
        while True:
            url = await self.frontier.get()
            try:
                await fetch_text(self.session, url)
            finally:
                self.frontier.task_done()

    async def crawl(self, start: str, workers: int = 8) -> None:
        await self.frontier.put(start)
        tasks = [asyncio.create_task(self._worker()) for _ in range(workers)]
        await self.frontier.join()
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
