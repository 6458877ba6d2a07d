"""What the linter knows about the asyncio twins of sync clients it lists elsewhere: aiomcache (pymemcache's),
gcloud-aio-storage (google-cloud-storage's) and dnspython's `dns.asyncresolver` and `dns.asyncquery` (its
`dns.resolver` and `dns.query`).

aiomcache's client sends each command as a coroutine (`await mc.get(b"key")`), `close()` too. gcloud-aio-storage's
`Storage` makes each request as a coroutine, but `get_bucket()` makes a handle without one; a bucket's requests
(`get_blob`, `list_blobs`, `blob_exists`) are coroutines but `new_blob()`, and so are a blob's (`download`,
`upload`). dnspython's async resolver answers its queries as coroutines. Calling one of these and dropping the
result sends nothing (ACK301). knowledge.py merges these tables into its own; the names follow its conventions
(canonical qualified names, `<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet

AIOMCACHE = "aiomcache.Client"
GCS_AIO = "gcloud.aio.storage.Storage"
GCS_AIO_BUCKET = "gcloud.aio.storage.Bucket"
GCS_AIO_BLOB = "gcloud.aio.storage.Blob"
DNS_ASYNC_RESOLVER = "dns.asyncresolver.Resolver"
_DNS_QUERIES = "resolve resolve_address resolve_name canonical_name try_ddr".split()

CANONICAL: Dict[str, str] = {
    "aiomcache.client.Client": AIOMCACHE,
    "gcloud.aio.storage.storage.Storage": GCS_AIO,
    "gcloud.aio.storage.bucket.Bucket": GCS_AIO_BUCKET,
    "gcloud.aio.storage.blob.Blob": GCS_AIO_BLOB,
}
COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset(
    [f"dns.asyncresolver.{f}" for f in (*_DNS_QUERIES, "zone_for_name", "make_resolver_at", "resolve_at")]
    + [f"{DNS_ASYNC_RESOLVER}.{m}" for m in _DNS_QUERIES]
    + [f"dns.asyncquery.{f}" for f in "udp tcp tls https quic udp_with_fallback inbound_xfr".split()]
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
}
# What awaiting a call gives.
ASYNC_RETURNS: Dict[str, str] = {f"{GCS_AIO_BUCKET}.get_blob": GCS_AIO_BLOB}
