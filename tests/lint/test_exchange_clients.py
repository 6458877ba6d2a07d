"""ccxt's sync exchanges in a coroutine (ACK102): each market-data or trading method is a request, the exchange
made by its class (`ccxt.binance()`) or typed as `ccxt.Exchange`, under both of ccxt's spellings. Look-alikes:
`ccxt.async_support`'s exchanges awaited, the local precision helpers, a call handed to a worker thread, a
project's own `fetch_balance`, the same calls in a sync function."""
from __future__ import annotations

from .helpers import check_marked


def test_sync_ccxt_exchange_calls_in_coroutines():
    check_marked('''
        import asyncio

        import ccxt
        import ccxt.async_support as accxt


        async def balance(exchange: ccxt.Exchange) -> dict:
            return exchange.fetch_balance()  # ACK102


        async def ticker(symbol: str) -> dict:
            ex = ccxt.kraken({"enableRateLimit": True})
            return ex.fetchTicker(symbol)  # ACK102


        async def buy(ex: ccxt.Exchange, symbol: str, amount: float) -> dict:
            qty = ex.amount_to_precision(symbol, amount)
            return ex.create_market_buy_order(symbol, qty)  # ACK102


        async def balance_async(ex: accxt.Exchange) -> dict:
            return await ex.fetch_balance()


        async def ticker_async(symbol: str) -> dict:
            ex = accxt.binance()
            try:
                return await ex.fetch_ticker(symbol)
            finally:
                await ex.close()


        async def balance_offloaded(ex: ccxt.Exchange) -> dict:
            return await asyncio.to_thread(ex.fetch_balance)


        class PaperExchange:
            def fetch_balance(self) -> dict:
                return {"USDT": 1000.0}


        async def paper_balance(ex: PaperExchange) -> dict:
            return ex.fetch_balance()


        def balance_sync(ex: ccxt.Exchange) -> dict:
            return ex.fetch_balance()
    ''', ["ACK102"])
