"""Storefront robots: screenshots with Playwright, legacy flows in Selenium, Stripe charges, delivery-zone geometry."""
from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Awaitable, Optional, TypeVar

import pyproj
import rasterio
import stripe
from playwright.async_api import Browser, Page, async_playwright
from selenium import webdriver
from selenium.webdriver.common.by import By
from shapely.geometry import Point, Polygon, shape
from shapely.ops import transform, unary_union

log = logging.getLogger("bots")
T = TypeVar("T")


async def quietly(aw: Awaitable[T]) -> Optional[T]:  # expect: cancellation-swallowed
    """Best-effort helper for the screenshot jobs: a failed shot must not fail the batch."""
    try:
        return await aw
    except BaseException as exc:
        log.debug("best-effort step failed: %r", exc)
        return None


async def quietly_ok(aw: Awaitable[T]) -> Optional[T]:  # expect: clean  # near: cancellation-swallowed
    try:
        return await aw
    except Exception as exc:
        log.debug("best-effort step failed: %r", exc)
        return None


class Screenshotter:  # expect: unawaited-coroutine
    def __init__(self) -> None:
        self.browser: Optional[Browser] = None

    async def start(self) -> None:
        pw = await async_playwright().start()
        self.browser = await pw.chromium.launch()

    async def shoot(self, url: str, path: str) -> None:
        assert self.browser is not None
        page = await self.browser.new_page()
        page.goto(url, wait_until="networkidle")
        await page.screenshot(path=path, full_page=True)
        await page.close()


class ScreenshotterOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self) -> None:
        self.browser: Optional[Browser] = None

    async def start(self) -> None:
        pw = await async_playwright().start()
        self.browser = await pw.chromium.launch()

    async def shoot(self, url: str, path: str) -> None:
        assert self.browser is not None
        page = await self.browser.new_page()
        await page.goto(url, wait_until="networkidle")
        await page.screenshot(path=path, full_page=True)
        await page.close()


async def fill_checkout(page: Page, email: str) -> None:  # expect: unawaited-coroutine
    await page.fill("#email", email)
    page.click("button[type=submit]")
    await page.wait_for_url("**/thanks")


async def fill_checkout_ok(page: Page, email: str) -> None:  # expect: clean  # near: unawaited-coroutine
    await page.fill("#email", email)
    async with page.expect_navigation():
        await page.click("button[type=submit]")
    log.info("checkout submitted for %s", page.url)


async def legacy_login(url: str, user: str, password: str) -> str:  # expect: blocking-call
    driver = webdriver.Chrome()
    try:
        driver.get(url)
        driver.find_element(By.ID, "user").send_keys(user)
        driver.find_element(By.ID, "password").send_keys(password)
        driver.find_element(By.ID, "login").click()
        return driver.get_cookie("session")["value"]
    finally:
        driver.quit()


def _legacy_login_sync(url: str, user: str, password: str) -> str:  # expect: clean
    driver = webdriver.Chrome()
    try:
        driver.get(url)
        driver.find_element(By.ID, "user").send_keys(user)
        driver.find_element(By.ID, "password").send_keys(password)
        driver.find_element(By.ID, "login").click()
        return driver.get_cookie("session")["value"]
    finally:
        driver.quit()


async def legacy_login_offloaded(url: str, user: str, password: str) -> str:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(_legacy_login_sync, url, user, password)


class LegacyPortal:  # expect: blocking-call
    def __init__(self, driver: webdriver.Remote) -> None:
        self.driver = driver

    async def order_status(self, order_id: str) -> str:
        self.driver.get(f"https://portal.example.org/orders/{order_id}")
        return self.driver.find_element(By.CSS_SELECTOR, ".status").text


async def charge_blocking(customer: str, amount: Decimal) -> str:  # expect: blocking-call
    intent = stripe.PaymentIntent.create(
        customer=customer, amount=int(amount * 100), currency="eur", confirm=True, off_session=True
    )
    return intent.id


async def charge_async(customer: str, amount: Decimal) -> str:  # expect: clean  # near: blocking-call
    intent = await stripe.PaymentIntent.create_async(
        customer=customer, amount=int(amount * 100), currency="eur", confirm=True, off_session=True
    )
    return intent.id


@dataclass
class Payments:  # expect: blocking-call
    client: stripe.StripeClient

    async def refund(self, intent_id: str) -> str:
        refund = self.client.refunds.create(params={"payment_intent": intent_id})
        return refund.status


@dataclass
class PaymentsAsync:  # expect: clean  # near: blocking-call
    client: stripe.StripeClient

    async def refund(self, intent_id: str) -> str:
        refund = await self.client.refunds.create_async(params={"payment_intent": intent_id})
        return refund.status


@dataclass
class PaymentsForgot:  # expect: unawaited-coroutine
    client: stripe.StripeClient

    async def cancel_all(self, intent_ids: list[str]) -> int:
        for intent_id in intent_ids:
            self.client.payment_intents.cancel_async(intent_id)
        return len(intent_ids)


def stripe_event(payload: bytes, signature: str, secret: str) -> stripe.Event:  # expect: clean
    return stripe.Webhook.construct_event(payload, signature, secret)


async def handle_webhook(payload: bytes, signature: str, secret: str) -> str:  # expect: clean  # near: blocking-call
    event = stripe_event(payload, signature, secret)
    return event["type"]


_TO_METRIC = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)


async def in_zone(zone: Polygon, lon: float, lat: float) -> bool:  # expect: clean  # near: blocking-call
    return zone.contains(Point(lon, lat))


async def zone_area_km2(zone: Polygon) -> float:  # expect: clean  # near: blocking-call
    return transform(_TO_METRIC.transform, zone).area / 1e6


async def merge_zones(features: list[dict[str, Any]]) -> Polygon:  # expect: ?blocking-call
    return unary_union([shape(f["geometry"]).buffer(0) for f in features])


async def elevation_at(dem_path: str, lon: float, lat: float) -> float:  # expect: blocking-call
    with rasterio.open(dem_path) as src:
        row, col = src.index(lon, lat)
        return float(src.read(1)[row, col])


def _elevation_sync(dem_path: str, lon: float, lat: float) -> float:  # expect: clean
    with rasterio.open(dem_path) as src:
        return float(next(src.sample([(lon, lat)]))[0])


async def elevation_offloaded(dem_path: str, lon: float, lat: float) -> float:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(_elevation_sync, dem_path, lon, lat)


class ZoneCache:  # expect: lock-across-await
    def __init__(self) -> None:
        self.zones: dict[str, Polygon] = {}
        self.cond = threading.Condition()

    async def replace(self, name: str, fetch: Awaitable[dict[str, Any]]) -> None:
        with self.cond:
            self.zones[name] = shape((await fetch)["geometry"])
            self.cond.notify_all()


class ZoneCacheOk:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self.zones: dict[str, Polygon] = {}
        self.cond = threading.Condition()

    async def replace(self, name: str, fetch: Awaitable[dict[str, Any]]) -> None:
        geometry = shape((await fetch)["geometry"])
        with self.cond:
            self.zones[name] = geometry
            self.cond.notify_all()
