"""What the linter knows about crypto-exchange client libraries (python-binance's threaded managers).

python-binance's `ThreadedWebsocketManager` and `ThreadedDepthCacheManager` are threads that run an event loop of
their own: each `start_*_socket(callback, ...)` (and a depth cache's `start_*`) calls its callback on that thread,
never the caller's loop (a callback that touches the caller's loop objects needs `call_soon_threadsafe`). Its
`BinanceSocketManager`, used from the caller's own loop, is async and is not listed. knowledge.py merges these
tables into its own (canonical qualified names, `<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, Tuple

BINANCE_TWM = "binance.ThreadedWebsocketManager"
BINANCE_TDCM = "binance.ThreadedDepthCacheManager"
_TWM_SOCKETS = (
    "depth kline kline_futures miniticker trade aggtrade aggtrade_futures symbol_miniticker symbol_ticker ticker "
    "index_price symbol_mark_price all_mark_price symbol_ticker_futures individual_symbol_ticker_futures "
    "all_ticker_futures symbol_book_ticker book_ticker multiplex options_multiplex futures_multiplex user "
    "futures_user coin_futures_user margin futures coin_futures isolated_margin options_ticker "
    "options_ticker_by_expiration options_recent_trades options_kline options_depth futures_depth"
).split()
_TDCM_STARTS = ("start_depth_cache", "start_futures_depth_socket", "start_options_depth_cache")

CANONICAL: Dict[str, str] = {
    **{f"binance.{where}.ThreadedWebsocketManager": BINANCE_TWM for where in ("streams", "ws.streams")},
    **{f"binance.{where}.ThreadedDepthCacheManager": BINANCE_TDCM for where in ("depthcache", "ws.depthcache")},
}
RETURNS: Dict[str, str] = {BINANCE_TWM: BINANCE_TWM, BINANCE_TDCM: BINANCE_TDCM}
# Calls that hand a callback to the manager's thread: callable -> (position, keyword) of the callback.
THREAD_ENTRY: Dict[str, Tuple[int, str]] = {
    **{f"{BINANCE_TWM}.start_{kind}_socket": (0, "callback") for kind in _TWM_SOCKETS},
    **{f"{BINANCE_TDCM}.{method}": (0, "callback") for method in _TDCM_STARTS},
}
THREAD_ENTRY_WHERE: Dict[str, str] = {
    name: "the thread of python-binance's threaded manager, which runs an event loop of its own"
    for name in THREAD_ENTRY
}

# ccxt's sync exchange classes (`ccxt.binance()`, annotated `ccxt.Exchange`): each market-data and trading method
# is an HTTP request to the exchange (`load_markets` too, on first use), under its snake_case and camelCase names;
# the precision, parsing and market-lookup helpers are local. `ccxt.async_support` and `ccxt.pro` are the async
# twins (async_twins.py). The classes listed are the exchanges most bots trade on; the base class covers code
# typed by it.
CCXT_EXCHANGE = "ccxt.Exchange"
CCXT_EXCHANGES = (
    "binance binanceusdm binancecoinm bybit okx kraken krakenfutures coinbase coinbaseexchange coinbaseadvanced "
    "kucoin kucoinfutures bitfinex bitstamp gate gateio htx huobi mexc bitget bitmex deribit bingx phemex "
    "poloniex gemini bitmart cryptocom upbit bithumb woo hyperliquid bitvavo blofin"
).split()
CCXT_REQUESTS = (
    "load_markets fetch_markets fetch_currencies fetch_ticker fetch_tickers fetch_order_book fetch_l2_order_book "
    "fetch_ohlcv fetch_mark_ohlcv fetch_trades fetch_balance fetch_order fetch_orders fetch_open_orders "
    "fetch_closed_orders fetch_canceled_orders fetch_my_trades fetch_positions fetch_position fetch_funding_rate "
    "fetch_funding_rates fetch_leverage fetch_deposit_address fetch_deposits fetch_withdrawals fetch_ledger "
    "fetch_status fetch_time fetch_trading_fee fetch_trading_fees create_order create_orders create_limit_order "
    "create_market_order create_limit_buy_order create_limit_sell_order create_market_buy_order "
    "create_market_sell_order create_stop_order create_stop_limit_order edit_order cancel_order cancel_orders "
    "cancel_all_orders withdraw transfer set_leverage set_margin_mode set_position_mode"
).split()


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


CANONICAL["ccxt.base.exchange.Exchange"] = CCXT_EXCHANGE
RETURNS.update({f"ccxt.{exchange}": CCXT_EXCHANGE for exchange in CCXT_EXCHANGES})
BLOCKING_METHODS: Tuple[Tuple[Tuple[str, ...], str, str], ...] = (
    ((CCXT_EXCHANGE,), "ACK102", " ".join(sorted({*CCXT_REQUESTS, *map(camel, CCXT_REQUESTS)}))),
)
