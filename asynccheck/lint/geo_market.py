"""What the linter knows about geospatial I/O, geocoders and market-data fetchers: GDAL/OGR's Python bindings,
rasterio, fiona and geopandas (C libraries that read and write raster and vector files, or a `/vsicurl/` URL, on
the calling thread), geopy's geocoders (one HTTP request per call, unless made with an async adapter), yfinance and
pandas-datareader (HTTP requests to the quote services), and brokers' and market-data APIs (alpaca-py, python-binance,
Polygon, Finnhub, fredapi: every public method of their sync clients is one request; MetaTrader 5's module talks to
the terminal process for each call).

geopy's geocoders return coroutines instead when made with `adapter_factory=AioHTTPAdapter` (ASYNC_BY_ARGUMENT):
one of their requests left unawaited never runs (ACK301). knowledge.py merges these tables into its own; the names follow
its conventions (canonical qualified names, `<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

GDAL_DATASET = "osgeo.gdal.Dataset"
GDAL_BAND = "osgeo.gdal.Band"
OGR_DATASOURCE = "osgeo.ogr.DataSource"
RASTERIO_DATASET = "rasterio.io.DatasetReader"
FIONA_COLLECTION = "fiona.Collection"
GEODATAFRAME = "geopandas.GeoDataFrame"
YF_TICKER = "yfinance.Ticker"
YF_TICKERS = "yfinance.Tickers"
RATE_LIMITER = "geopy.extra.rate_limiter.RateLimiter"

# geopy's geocoder classes and the modules that define them (`geopy.geocoders.nominatim.Nominatim`)
_GEOCODERS = {
    "ArcGIS": "arcgis", "AzureMaps": "azure", "Baidu": "baidu", "BaiduV3": "baidu", "BANFrance": "banfrance",
    "Bing": "bing", "DataBC": "databc", "GeocodeEarth": "geocodeearth", "Geocodio": "geocodio", "Geokeo": "geokeo",
    "GeoNames": "geonames", "GoogleV3": "google", "Geolake": "geolake", "Here": "here", "HereV7": "here",
    "IGNFrance": "ignfrance", "MapBox": "mapbox", "MapQuest": "mapquest", "MapTiler": "maptiler",
    "Nominatim": "nominatim", "OpenCage": "opencage", "OpenMapQuest": "openmapquest", "Pelias": "pelias",
    "Photon": "photon", "PickPoint": "pickpoint", "LiveAddress": "smartystreets", "TomTom": "tomtom",
    "What3Words": "what3words", "What3WordsV3": "what3words", "Woosmap": "woosmap", "Yandex": "yandex",
}
GEOCODERS: Tuple[str, ...] = tuple(f"geopy.geocoders.{name}" for name in _GEOCODERS)
# every request a geocoder makes (the rest of its API is settings)
_GEOCODER_REQUESTS = "geocode reverse reverse_timezone timezone get_service"
# a geocoder made with an async adapter (`adapter_factory=AioHTTPAdapter`), under a name of the linter's own: its
# requests are coroutine functions
ASYNC_GEOCODER = "geopy.geocoders.base.Geocoder@async"
_ASYNC_ADAPTERS = frozenset({"geopy.adapters.AioHTTPAdapter"})

_ALPACA_CLIENTS = ("alpaca.trading.client.TradingClient", "alpaca.data.historical.StockHistoricalDataClient",
                   "alpaca.data.historical.CryptoHistoricalDataClient",
                   "alpaca.data.historical.OptionHistoricalDataClient", "alpaca.broker.client.BrokerClient")
BINANCE = "binance.client.Client"
_MARKET_CLIENTS = (*_ALPACA_CLIENTS, BINANCE, "polygon.RESTClient", "finnhub.Client", "fredapi.Fred")
_MT5_CALLS = (
    "initialize login shutdown account_info terminal_info symbols_total symbols_get symbol_info symbol_info_tick "
    "symbol_select market_book_add market_book_get market_book_release copy_rates_from copy_rates_from_pos "
    "copy_rates_range copy_ticks_from copy_ticks_range orders_total orders_get order_calc_margin order_calc_profit "
    "order_check order_send positions_total positions_get history_orders_total history_orders_get "
    "history_deals_total history_deals_get"
)

CANONICAL: Dict[str, str] = {
    "alpaca.trading.TradingClient": _ALPACA_CLIENTS[0],
    "alpaca.data.StockHistoricalDataClient": _ALPACA_CLIENTS[1],
    "alpaca.data.CryptoHistoricalDataClient": _ALPACA_CLIENTS[2],
    "binance.Client": BINANCE,
    "polygon.rest.RESTClient": "polygon.RESTClient",
    "finnhub.client.Client": "finnhub.Client",
    "fredapi.fred.Fred": "fredapi.Fred",
    **{f"geopy.geocoders.{module}.{name}": f"geopy.geocoders.{name}" for name, module in _GEOCODERS.items()},
    "geopy.RateLimiter": RATE_LIMITER,
    # `import gdal` / `import ogr`: the pre-3.0 top-level modules, the same bindings
    "gdal": "osgeo.gdal", "ogr": "osgeo.ogr",
    "rasterio.io.DatasetWriter": RASTERIO_DATASET, "rasterio.io.BufferedDatasetWriter": RASTERIO_DATASET,
    "rasterio.DatasetReader": RASTERIO_DATASET,
    "fiona.collection.Collection": FIONA_COLLECTION,
    "geopandas.geodataframe.GeoDataFrame": GEODATAFRAME,
    "yfinance.ticker.Ticker": YF_TICKER, "yfinance.tickers.Tickers": YF_TICKERS,
    # pandas-datareader's top level re-exports `data`'s readers
    "pandas_datareader.data": "pandas_datareader",
}

# pandas-datareader's one-call readers: each is one or more HTTP requests to the quote service it names
_DATAREADER_FUNCTIONS = (
    "DataReader get_data_yahoo get_data_yahoo_actions get_quote_yahoo get_data_fred get_data_famafrench "
    "get_data_morningstar get_data_quandl get_data_moex get_data_stooq get_data_tiingo get_data_alphavantage "
    "get_data_enigma get_data_iex get_iex_symbols get_nasdaq_symbols get_last_iex get_markets_iex "
    "get_dailysummary_iex get_summary_iex get_records_iex get_recent_iex get_iex_book get_data_naver "
    "get_data_econdb get_tops_iex get_data_google get_quote_google"
)

BLOCKING_FUNCTIONS: Dict[str, str] = {
    # python-binance's sync client pings the exchange when it is made
    BINANCE: "ACK102",
    **{f"MetaTrader5.{f}": "ACK105" for f in _MT5_CALLS.split()},
    # GDAL opens (and for the utilities, reads and writes) the files or URLs it is handed
    **{f"osgeo.gdal.{f}": "ACK103" for f in (
        "Open OpenEx OpenShared Warp Translate BuildVRT DEMProcessing Rasterize Grid VectorTranslate Nearblack "
        "Footprint MultiDimTranslate Info VectorInfo ReadDir ReadDirRecursive Unlink Rename Mkdir Rmdir "
        "RmdirRecursive VSIFOpenL VSIStatL CopyFile".split())},
    **{f"osgeo.ogr.{f}": "ACK103" for f in ("Open", "OpenShared")},
    **{f"rasterio.{f}": "ACK103" for f in ("open", "copy")},
    **{f"rasterio.shutil.{f}": "ACK103" for f in ("copy", "copyfiles", "delete", "exists")},
    **{f"fiona.{f}": "ACK103" for f in ("open", "listlayers", "listdir", "remove", "copy")},
    **{f"geopandas.{f}": "ACK103" for f in ("read_file", "read_parquet", "read_feather")},
    "geopandas.read_postgis": "ACK105",
    "yfinance.download": "ACK102",
    # a search runs when it is made
    "yfinance.Search": "ACK102",
    **{f"pandas_datareader.{f}": "ACK102" for f in _DATAREADER_FUNCTIONS.split()},
    **{f"pandas_datareader.wb.{f}": "ACK102" for f in ("download", "get_countries", "get_indicators", "search")},
}

BLOCKING_METHODS: Tuple[Tuple[Tuple[str, ...], str, str], ...] = (
    (GEOCODERS, "ACK102", _GEOCODER_REQUESTS),
    # the rate limiter calls the geocoder's method it wraps, sleeping between calls (`AsyncRateLimiter` is the twin)
    ((RATE_LIMITER,), "ACK102", "__call__"),
    ((GDAL_DATASET,), "ACK103", "ReadAsArray ReadRaster WriteRaster WriteArray FlushCache BuildOverviews "
                                "GetStatistics ComputeStatistics"),
    ((GDAL_BAND,), "ACK103", "ReadAsArray ReadRaster WriteRaster WriteArray FlushCache ComputeStatistics "
                             "ComputeRasterMinMax GetStatistics Checksum"),
    ((OGR_DATASOURCE,), "ACK103", "ExecuteSQL CopyLayer CreateLayer FlushCache SyncToDisk"),
    ((RASTERIO_DATASET,), "ACK103", "read read_masks dataset_mask write write_mask sample build_overviews "
                                    "statistics stats"),
    ((FIONA_COLLECTION,), "ACK103", "write writerecords flush"),
    ((GEODATAFRAME,), "ACK103", "to_file to_parquet to_feather"),
    ((GEODATAFRAME,), "ACK105", "to_postgis"),
)

# Every public method of a ticker is a request to Yahoo's API (its properties too, which code reads as
# attributes: not reported).
BLOCKING_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    YF_TICKER: ("ACK102", frozenset()),
    YF_TICKERS: ("ACK102", frozenset()),
    **{client: ("ACK102", frozenset({"close"})) for client in _MARKET_CLIENTS},
}
BLOCKING_ITERATION: Dict[str, str] = {FIONA_COLLECTION: "ACK103"}
# a ticker's data properties each fetch from Yahoo when read (`ticker.info`, `ticker.financials`); `fast_info` is a
# lazy view whose own keys fetch, left out
_YF_PROPERTIES = (
    "isin major_holders institutional_holders mutualfund_holders insider_purchases insider_transactions "
    "insider_roster_holders dividends capital_gains splits actions shares info valuation calendar sec_filings "
    "recommendations recommendations_summary upgrades_downgrades earnings quarterly_earnings income_stmt "
    "quarterly_income_stmt ttm_income_stmt incomestmt quarterly_incomestmt ttm_incomestmt financials "
    "quarterly_financials ttm_financials balance_sheet quarterly_balance_sheet balancesheet quarterly_balancesheet "
    "cash_flow quarterly_cash_flow ttm_cash_flow cashflow quarterly_cashflow ttm_cashflow analyst_price_targets "
    "earnings_estimate revenue_estimate earnings_history eps_trend eps_revisions growth_estimates sustainability "
    "options news earnings_dates history_metadata funds_data"
)
BLOCKING_PROPERTIES: Dict[str, str] = {f"{YF_TICKER}.{p}": "ACK102" for p in _YF_PROPERTIES.split()}

# Calls that make the async twin of what they make when an argument names one of these constants: callable ->
# (position, keyword, the constants, the twin's type).
ASYNC_BY_ARGUMENT: Dict[str, Tuple[int, str, FrozenSet[str], str]] = {
    name: (99, "adapter_factory", _ASYNC_ADAPTERS, ASYNC_GEOCODER) for name in GEOCODERS
}
COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset(f"{ASYNC_GEOCODER}.{m}" for m in _GEOCODER_REQUESTS.split())
RETURNS: Dict[str, str] = {
    **{name: name for name in GEOCODERS},
    **{name: name for name in _MARKET_CLIENTS},
    RATE_LIMITER: RATE_LIMITER,
    **{f"osgeo.gdal.{f}": GDAL_DATASET for f in ("Open", "OpenEx", "OpenShared", "Warp", "Translate", "BuildVRT")},
    f"{GDAL_DATASET}.GetRasterBand": GDAL_BAND,
    **{f"osgeo.ogr.{f}": OGR_DATASOURCE for f in ("Open", "OpenShared")},
    "rasterio.open": RASTERIO_DATASET,
    "fiona.open": FIONA_COLLECTION,
    **{f"geopandas.{f}": GEODATAFRAME for f in ("read_file", "read_parquet", "read_feather", "read_postgis",
                                                "GeoDataFrame")},
    YF_TICKER: YF_TICKER, YF_TICKERS: YF_TICKERS,
}
