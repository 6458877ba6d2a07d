"""A trading assistant: market data, broker APIs and macro series behind one async API."""
from __future__ import annotations

import asyncio
from typing import Any

import finnhub
import MetaTrader5 as mt5
import pandas_datareader.data as web
from alpaca.trading.client import TradingClient
from alpaca.trading.requests import MarketOrderRequest
from binance import AsyncClient as BinanceAsyncClient
from binance.client import Client as BinanceClient
from fredapi import Fred
from polygon import RESTClient


async def place_order(client: TradingClient, symbol: str, qty: float) -> Any:  # expect: blocking-call
    return client.submit_order(MarketOrderRequest(symbol=symbol, qty=qty, side="buy", time_in_force="day"))


async def account_equity(client: TradingClient) -> float:  # expect: blocking-call
    return float(client.get_account().equity)


async def binance_price(client: BinanceClient, symbol: str) -> float:  # expect: blocking-call
    return float(client.get_symbol_ticker(symbol=symbol)["price"])


async def binance_price_async(client: BinanceAsyncClient, symbol: str) -> float:  # expect: clean  # near: blocking-call
    return float((await client.get_symbol_ticker(symbol=symbol))["price"])


async def last_trade(client: RESTClient, ticker: str) -> Any:  # expect: blocking-call
    return client.get_last_trade(ticker)


async def quote(client: finnhub.Client, symbol: str) -> dict[str, Any]:  # expect: blocking-call
    return client.quote(symbol)


async def cpi(fred: Fred) -> Any:  # expect: blocking-call
    return fred.get_series("CPIAUCSL")


async def rates(start: str) -> Any:  # expect: blocking-call
    return web.DataReader("DGS10", "fred", start)


async def mt5_positions() -> Any:  # expect: blocking-call
    if not mt5.initialize():
        return None
    return mt5.positions_get()


async def mt5_positions_offloaded() -> Any:  # expect: clean  # near: blocking-call
    def read() -> Any:
        mt5.initialize()
        return mt5.positions_get()

    return await asyncio.to_thread(read)
