"""A trading bot with scheduled jobs and a click CLI on top of asyncio.run."""
from __future__ import annotations

import asyncio
import datetime as dt
import time

import ccxt
import ccxt.async_support as accxt
import click
import schedule
import typer
import yfinance as yf
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from croniter import croniter

cli = typer.Typer()
scheduler = AsyncIOScheduler()


async def best_bid(symbol: str) -> float:  # expect: blocking-call
    ex = ccxt.binance({"enableRateLimit": True})
    book = ex.fetch_order_book(symbol, limit=5)
    return book["bids"][0][0]


async def best_bid_async(symbol: str) -> float:  # expect: clean  # near: blocking-call
    ex = accxt.binance({"enableRateLimit": True})
    try:
        book = await ex.fetch_order_book(symbol, limit=5)
    finally:
        await ex.close()
    return book["bids"][0][0]


class Exchange:  # expect: blocking-call
    def __init__(self, key: str, secret: str):
        self.ex = ccxt.kraken({"apiKey": key, "secret": secret})

    async def place(self, symbol: str, side: str, qty: float) -> str:
        order = self.ex.create_order(symbol, "market", side, qty)
        return order["id"]


class AsyncExchange:  # expect: clean  # near: blocking-call
    def __init__(self, key: str, secret: str):
        self.ex = accxt.kraken({"apiKey": key, "secret": secret})

    async def place(self, symbol: str, side: str, qty: float) -> str:
        order = await self.ex.create_order(symbol, "market", side, qty)
        return order["id"]


async def closing_prices(ticker: str) -> list[float]:  # expect: blocking-call
    hist = yf.Ticker(ticker).history(period="5d")
    return hist["Close"].tolist()


@scheduler.scheduled_job("interval", minutes=5)
async def refresh_prices() -> None:  # expect: unawaited-coroutine
    for t in ("AAPL", "MSFT"):
        closing_prices(t)
    await asyncio.sleep(0)


@scheduler.scheduled_job("cron", hour=8)
async def morning_report() -> None:  # expect: blocking-call
    prices = {t: yf.download(t, period="1d", progress=False)["Close"].iloc[-1] for t in ("AAPL", "MSFT")}
    await send_report(prices)


async def send_report(prices: dict) -> None:  # expect: clean
    await asyncio.sleep(0)
    print(prices)


async def cron_loop(expr: str, job) -> None:  # expect: blocking-call
    it = croniter(expr, dt.datetime.now())
    while True:
        nxt = it.get_next(dt.datetime)
        time.sleep(max(0.0, (nxt - dt.datetime.now()).total_seconds()))
        await job()


async def cron_loop_async(expr: str, job) -> None:  # expect: clean  # near: blocking-call
    it = croniter(expr, dt.datetime.now())
    while True:
        nxt = it.get_next(dt.datetime)
        await asyncio.sleep(max(0.0, (nxt - dt.datetime.now()).total_seconds()))
        await job()


async def schedule_runner() -> None:  # expect: blocking-call
    schedule.every(10).seconds.do(lambda: print("tick"))
    while True:
        schedule.run_pending()
        time.sleep(1)


async def schedule_runner_async() -> None:  # expect: clean  # near: blocking-call
    while True:
        schedule.run_pending()
        await asyncio.sleep(1)


def sync_job_entry() -> None:  # expect: unawaited-coroutine
    # a sync job for the `schedule` library: calling the coroutine function does nothing
    send_report({"heartbeat": 1})


def sync_job_entry_fixed() -> None:  # expect: clean  # near: unawaited-coroutine
    asyncio.run(send_report({"heartbeat": 1}))


@click.command()
@click.argument("symbol")
def quote(symbol: str) -> None:  # expect: clean  # near: blocking-call
    click.echo(asyncio.run(best_bid_async(symbol)))


@cli.command()
def report(symbol: str) -> None:  # expect: unawaited-coroutine
    prices = best_bid_async(symbol)
    typer.echo(f"{symbol}: {prices}")


async def rebalance(positions: dict[str, float], ex: AsyncExchange) -> None:  # expect: unawaited-coroutine
    for sym, delta in positions.items():
        if abs(delta) > 0.01:
            ex.place(sym, "buy" if delta > 0 else "sell", abs(delta))
    await asyncio.sleep(0)


async def rebalance_sync_ex(positions: dict[str, float], ex: Exchange) -> None:  # expect: clean  # near: unawaited-coroutine
    # Exchange.place is itself a coroutine method here: awaited properly
    for sym, delta in positions.items():
        if abs(delta) > 0.01:
            await ex.place(sym, "buy" if delta > 0 else "sell", abs(delta))


def start_jobs() -> None:  # expect: clean  # near: unawaited-coroutine
    # APScheduler awaits coroutine jobs itself
    scheduler.add_job(send_report, "interval", minutes=1, args=[{}])
    scheduler.start()


async def tick_until(deadline: float, ex: accxt.Exchange, symbol: str) -> list[float]:  # expect: unawaited-coroutine
    out = []
    while time.monotonic() < deadline:
        t = await ex.fetch_ticker(symbol)
        out.append(t["last"])
        asyncio.sleep(1)
    return out
