"""Fetch and parse helpers the spiders share: most are plain functions, some are coroutines."""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Optional
from urllib.parse import urljoin
from urllib.robotparser import RobotFileParser

import aiohttp
from bs4 import BeautifulSoup
from lxml import etree
from playwright.sync_api import Browser, Playwright, sync_playwright

log = logging.getLogger("pricewatch.fetch")
UA = "pricewatch/2.1 (+https://example.org/bot)"


@dataclass
class Price:  # expect: clean
    sku: str
    amount: float
    currency: str = "EUR"


def robots_for(base: str) -> RobotFileParser:  # expect: clean
    parser = RobotFileParser()
    parser.set_url(urljoin(base, "/robots.txt"))
    return parser


def parse_prices(html: str) -> list[Price]:  # expect: clean
    soup = BeautifulSoup(html, "lxml")
    out = []
    for node in soup.select("[data-sku]"):
        out.append(Price(node["data-sku"], float(node.select_one(".price").text.strip("€ "))))
    return out


def load_tree(path: Path) -> etree._ElementTree:  # expect: clean
    return etree.parse(str(path))


async def fetch_text(session: aiohttp.ClientSession, url: str) -> str:  # expect: clean
    async with session.get(url, headers={"User-Agent": UA}) as resp:
        resp.raise_for_status()
        return await resp.text()


class PageCache:  # expect: clean
    """Shared with the thread that writes the nightly archive."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pages: dict[str, str] = {}

    def get(self, url: str) -> Optional[str]:
        with self.lock:
            return self.pages.get(url)

    def put(self, url: str, html: str) -> None:
        with self.lock:
            self.pages[url] = html


def open_browser(pw: Playwright) -> Browser:  # expect: clean
    return pw.chromium.launch(headless=True)


def snapshot_all(urls: list[str], out: Path) -> None:  # expect: clean  # near: blocking-call
    with sync_playwright() as pw:
        browser = open_browser(pw)
        page = browser.new_page()
        for n, url in enumerate(urls):
            page.goto(url)
            page.screenshot(path=str(out / f"{n}.png"))
        browser.close()
