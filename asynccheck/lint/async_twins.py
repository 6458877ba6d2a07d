"""What the linter knows about the asyncio twins of sync clients it lists elsewhere: aiomcache (pymemcache's),
gcloud-aio-storage (google-cloud-storage's), dnspython's `dns.asyncresolver` and `dns.asyncquery` (its
`dns.resolver` and `dns.query`), pymongo's own asyncio client (`AsyncMongoClient`, pymongo's and motor's), ccxt's
`async_support` and `pro` exchanges (its sync ones'), pysnmp's asyncio high-level API (its sync one's) and
pyserial-asyncio's streams (pyserial's ports).

aiomcache's client sends each command as a coroutine (`await mc.get(b"key")`), `close()` too. gcloud-aio-storage's
`Storage` makes each request as a coroutine, but `get_bucket()` makes a handle without one; a bucket's requests
(`get_blob`, `list_blobs`, `blob_exists`) are coroutines but `new_blob()`, and so are a blob's (`download`,
`upload`). dnspython's async resolver answers its queries as coroutines. pymongo's `AsyncMongoClient` reaches its
databases and collections as the sync client does (`client.app.orders`), and a collection's reads and writes are
coroutines, but `find()`, which makes a cursor without a request. A ccxt exchange of `ccxt.async_support` (or of
`ccxt.pro`, which adds the `watch_*` streams) makes each request of the sync exchange's as a coroutine, `close()`
too. pysnmp's asyncio commands (`getCmd` ... of `pysnmp.hlapi.asyncio`, `get_cmd` ... of 6.x's `v3arch.asyncio`)
are coroutine functions. pyserial-asyncio's `open_serial_connection` gives asyncio's reader and writer, whose
`drain()` is a coroutine. Calling one of these and dropping the result sends nothing (ACK301). knowledge.py merges these tables into its own; the names follow its conventions
(canonical qualified names, `<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

from asynccheck.lint.exchanges import CCXT_EXCHANGES, CCXT_REQUESTS, camel

AIOMCACHE = "aiomcache.Client"
GCS_AIO = "gcloud.aio.storage.Storage"
GCS_AIO_BUCKET = "gcloud.aio.storage.Bucket"
GCS_AIO_BLOB = "gcloud.aio.storage.Blob"
DNS_ASYNC_RESOLVER = "dns.asyncresolver.Resolver"
_DNS_QUERIES = "resolve resolve_address resolve_name canonical_name try_ddr".split()
MONGO_ASYNC_CLIENT = "pymongo.AsyncMongoClient"
MONGO_ASYNC_DATABASE = "pymongo.asynchronous.database.AsyncDatabase"
MONGO_ASYNC_COLLECTION = "pymongo.asynchronous.collection.AsyncCollection"
CCXT_ASYNC_EXCHANGE = "ccxt.async_support.Exchange"
CCXT_PRO_EXCHANGE = "ccxt.pro.Exchange"
_CCXT_STREAMS = ("watch_ticker watch_tickers watch_order_book watch_order_book_for_symbols watch_ohlcv "
                 "watch_ohlcv_for_symbols watch_trades watch_trades_for_symbols watch_balance watch_orders "
                 "watch_my_trades watch_positions watch_bids_asks create_order_ws cancel_order_ws").split()
_PYSNMP_ASYNC = {"pysnmp.hlapi.asyncio": ("getCmd", "nextCmd", "bulkCmd", "setCmd", "sendNotification"),
                 "pysnmp.hlapi.asyncio.cmdgen": ("getCmd", "nextCmd", "bulkCmd", "setCmd"),
                 **{f"pysnmp.hlapi.{arch}.asyncio": ("get_cmd", "next_cmd", "bulk_cmd", "set_cmd",
                                                     "send_notification") for arch in ("v1arch", "v3arch")}}

CANONICAL: Dict[str, str] = {
    "aiomcache.client.Client": AIOMCACHE,
    "gcloud.aio.storage.storage.Storage": GCS_AIO,
    "gcloud.aio.storage.bucket.Bucket": GCS_AIO_BUCKET,
    "gcloud.aio.storage.blob.Blob": GCS_AIO_BLOB,
    "pymongo.asynchronous.mongo_client.AsyncMongoClient": MONGO_ASYNC_CLIENT,
    "pymongo.asynchronous.database.AsyncDatabase": MONGO_ASYNC_DATABASE,
    "pymongo.asynchronous.collection.AsyncCollection": MONGO_ASYNC_COLLECTION,
    "ccxt.async_support.base.exchange.Exchange": CCXT_ASYNC_EXCHANGE,
    "ccxt.pro.base.exchange.Exchange": CCXT_PRO_EXCHANGE,
}
COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset(
    [f"dns.asyncresolver.{f}" for f in (*_DNS_QUERIES, "zone_for_name", "make_resolver_at", "resolve_at")]
    + [f"{DNS_ASYNC_RESOLVER}.{m}" for m in _DNS_QUERIES]
    + [f"dns.asyncquery.{f}" for f in "udp tcp tls https quic udp_with_fallback inbound_xfr".split()]
    + [f"{MONGO_ASYNC_CLIENT}.{m}" for m in "aconnect close list_database_names server_info drop_database".split()]
    + [f"{MONGO_ASYNC_DATABASE}.{m}"
       for m in "command list_collection_names create_collection drop_collection validate_collection".split()]
    + [f"{MONGO_ASYNC_COLLECTION}.{m}" for m in (
        "find_one insert_one insert_many update_one update_many replace_one delete_one delete_many count_documents "
        "estimated_document_count distinct bulk_write find_one_and_update find_one_and_replace find_one_and_delete "
        "create_index create_indexes drop_index drop_indexes drop index_information rename aggregate watch").split()]
    + [f"{kind}.{m}" for kind in (CCXT_ASYNC_EXCHANGE, CCXT_PRO_EXCHANGE)
       for request in (*CCXT_REQUESTS, "close") for m in {request, camel(request)}]
    + [f"{CCXT_PRO_EXCHANGE}.{m}" for stream in _CCXT_STREAMS for m in (stream, camel(stream))]
    + [f"{module}.{cmd}" for module, cmds in _PYSNMP_ASYNC.items() for cmd in cmds]
)
# Clients every public method of which is a coroutine function, but for the few listed: type -> those few.
COROUTINE_TYPES: Dict[str, FrozenSet[str]] = {
    AIOMCACHE: frozenset(),
    GCS_AIO: frozenset({"get_bucket"}),
    GCS_AIO_BUCKET: frozenset({"new_blob", "name", "storage"}),
    GCS_AIO_BLOB: frozenset({"name", "bucket", "size", "chunk_size"}),
}
RETURNS: Dict[str, str] = {
    AIOMCACHE: AIOMCACHE,
    GCS_AIO: GCS_AIO,
    f"{GCS_AIO}.get_bucket": GCS_AIO_BUCKET,
    f"{GCS_AIO_BUCKET}.new_blob": GCS_AIO_BLOB,
    DNS_ASYNC_RESOLVER: DNS_ASYNC_RESOLVER,
    "dns.asyncresolver.get_default_resolver": DNS_ASYNC_RESOLVER,
    MONGO_ASYNC_CLIENT: MONGO_ASYNC_CLIENT,
    f"{MONGO_ASYNC_CLIENT}.get_database": MONGO_ASYNC_DATABASE,
    f"{MONGO_ASYNC_CLIENT}.get_default_database": MONGO_ASYNC_DATABASE,
    f"{MONGO_ASYNC_DATABASE}.get_collection": MONGO_ASYNC_COLLECTION,
}
# A client's unknown attributes and items are databases, a database's collections (`client.app.orders`): type ->
# (that type, the attributes that are methods or properties instead).
ITEM_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    MONGO_ASYNC_CLIENT: (MONGO_ASYNC_DATABASE, frozenset(
        "aconnect close get_database get_default_database list_database_names list_databases drop_database "
        "server_info start_session bulk_write watch address options codec_options read_preference write_concern "
        "read_concern with_options topology_description primary secondaries arbiters is_primary nodes".split())),
    MONGO_ASYNC_DATABASE: (MONGO_ASYNC_COLLECTION, frozenset(
        "client name command cursor_command get_collection list_collection_names list_collections "
        "create_collection drop_collection validate_collection aggregate watch with_options dereference "
        "codec_options read_preference write_concern read_concern".split())),
}
# What awaiting a call gives, as a tuple (`reader, writer = await serial_asyncio.open_serial_connection(...)`).
UNPACKED: Dict[str, Tuple[str, ...]] = {
    f"{module}.open_serial_connection": ("asyncio.StreamReader", "asyncio.StreamWriter")
    for module in ("serial_asyncio", "serial_asyncio_fast")
}
# What awaiting a call gives.
ASYNC_RETURNS: Dict[str, str] = {f"{GCS_AIO_BUCKET}.get_blob": GCS_AIO_BLOB}
RETURNS.update({f"ccxt.async_support.{exchange}": CCXT_ASYNC_EXCHANGE for exchange in CCXT_EXCHANGES})
RETURNS.update({f"ccxt.pro.{exchange}": CCXT_PRO_EXCHANGE for exchange in CCXT_EXCHANGES})
