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
