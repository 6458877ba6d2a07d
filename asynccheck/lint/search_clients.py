"""What the linter knows about Elasticsearch's Python client (and OpenSearch's, its fork with the same shape),
Meilisearch's and Typesense's sync clients, and Django's cache API, sync and async twins.

Elasticsearch: the sync client's helpers (`elasticsearch.helpers.bulk`, `reindex`; `scan` and `streaming_bulk`
request as they are iterated) wait on the network; `AsyncElasticsearch`'s API methods, and those of its
namespaced clients (`es.indices`, `es.cluster`...), are coroutine functions (ACK301 when one is dropped), as are
the `async_*` helpers. Django's cache: `cache.get()`/`set()` and their kin wait for the cache backend (often a
network server); `aget()`/`aset()` are their coroutine twins.

Meilisearch: the client's and an index's methods are requests (`client.index("products")` only names the index,
`generate_tenant_token` signs a token locally). Typesense: every method reached through the client's resources
(`client.collections["products"].documents.search(...)`) is a request.

knowledge.py merges these tables into its own; the names follow its conventions.
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

ES_ASYNC = "elasticsearch.AsyncElasticsearch"
ES_SYNC = "elasticsearch.Elasticsearch"
# what a client's namespace attribute (`es.indices`) is: a client of that part of the API
ES_ASYNC_NAMESPACE = "elasticsearch.AsyncNamespacedClient"
ES_SYNC_NAMESPACE = "elasticsearch.NamespacedClient"
ES_NAMESPACES = (
    "async_search autoscaling cat ccr cluster connector dangling_indices enrich eql esql features fleet graph ilm "
    "indices inference ingest license logstash migration ml monitoring nodes query_rules rollup "
    "search_application searchable_snapshots security shutdown simulate slm snapshot sql ssl synonyms tasks "
    "text_structure transform watcher xpack"
).split()
# the sync helpers that send requests when called; `scan` and `streaming_bulk` are generators whose iteration does
_ES_HELPERS_CALLED = ("bulk", "reindex")
_ES_HELPERS_ITERATED = ("scan", "streaming_bulk", "parallel_bulk")
ES_HELPER_STREAM = "elasticsearch.helpers.Stream"
_ES_ASYNC_HELPERS = ("async_bulk", "async_reindex", "async_scan", "async_streaming_bulk")
# opensearch-py: the same clients, namespaces and helpers under other names (its namespaces are mostly ES's; the
# plugin ones are its own)
OS_SYNC = "opensearchpy.OpenSearch"
OS_ASYNC = "opensearchpy.AsyncOpenSearch"
OS_SYNC_NAMESPACE = "opensearchpy.NamespacedClient"
OS_ASYNC_NAMESPACE = "opensearchpy.AsyncNamespacedClient"
OS_NAMESPACES = ("cat cluster dangling_indices features indices ingest nodes plugins remote remote_store "
                 "search_pipeline security snapshot tasks http insights list wlm").split()
OS_HELPER_STREAM = "opensearchpy.helpers.Stream"
MEILI = "meilisearch.Client"
MEILI_INDEX = "meilisearch.index.Index"
_MEILI_LOCAL = frozenset({"index", "config", "http", "generate_tenant_token", "task_handler"})
_MEILI_INDEX_LOCAL = frozenset({"uid", "primary_key", "config", "http", "created_at", "updated_at", "task_handler"})
TYPESENSE = "typesense.Client"
_TYPESENSE_SETTINGS = frozenset({"config", "api_call"})

CANONICAL: Dict[str, str] = {
    "meilisearch.client.Client": MEILI,
    "typesense.client.Client": TYPESENSE,
    "elasticsearch.AsyncElasticsearch": ES_ASYNC,
    "elasticsearch._async.client.AsyncElasticsearch": ES_ASYNC,
    **{f"elasticsearch.helpers.actions.{h}": f"elasticsearch.helpers.{h}"
       for h in (*_ES_HELPERS_CALLED, *_ES_HELPERS_ITERATED)},
    **{f"elasticsearch._async.helpers.{h}": f"elasticsearch.helpers.{h}" for h in _ES_ASYNC_HELPERS},
    "opensearchpy.client.OpenSearch": OS_SYNC,
    "opensearchpy._async.client.AsyncOpenSearch": OS_ASYNC,
    **{f"opensearchpy.helpers.actions.{h}": f"opensearchpy.helpers.{h}"
       for h in (*_ES_HELPERS_CALLED, *_ES_HELPERS_ITERATED)},
}

# A client of either (`Union[Elasticsearch, OpenSearch]`, a project that supports both) requests alike, sync or async.
INTERCHANGEABLE: Tuple[FrozenSet[str], ...] = (frozenset({ES_SYNC, OS_SYNC}), frozenset({ES_ASYNC, OS_ASYNC}))

DJANGO_CACHE = "django.core.cache.cache"
# `caches["sessions"]`: one of the configured caches, a backend with the same API as `cache`
DJANGO_CACHE_BACKEND = "django.core.cache.backends.base.BaseCache"
_DJANGO_CACHE_CALLS = ("get set add delete get_many set_many delete_many get_or_set incr decr touch clear has_key "
                       "incr_version decr_version")

BLOCKING_FUNCTIONS: Dict[str, str] = {
    **{f"{pkg}.helpers.{h}": "ACK102" for pkg in ("elasticsearch", "opensearchpy") for h in _ES_HELPERS_CALLED},
    # a round trip to the cache backend (the database cache runs a query, a local-memory one does not, but the
    # backend is configuration, not code)
    **{f"{cache}.{m}": "ACK105" for cache in (DJANGO_CACHE, DJANGO_CACHE_BACKEND) for m in _DJANGO_CACHE_CALLS.split()},
}
# Module-level registries whose items are objects of a type: registry -> that type.
REGISTRY_ITEMS: Dict[str, str] = {"django.core.cache.caches": DJANGO_CACHE_BACKEND}
BLOCKING_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    ES_SYNC_NAMESPACE: ("ACK102", frozenset()),
    OS_SYNC: ("ACK102", frozenset({"close", *OS_NAMESPACES})),
    OS_SYNC_NAMESPACE: ("ACK102", frozenset()),
    MEILI: ("ACK102", _MEILI_LOCAL),
    MEILI_INDEX: ("ACK102", _MEILI_INDEX_LOCAL),
    TYPESENSE: ("ACK102", _TYPESENSE_SETTINGS),
}
# a Typesense client's resources (`client.collections`, `...["products"]`, `....documents`) are modelled as the
# client itself: each is reached only to send a request
ITEM_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {TYPESENSE: (TYPESENSE, _TYPESENSE_SETTINGS)}
BLOCKING_ITERATION: Dict[str, str] = {ES_HELPER_STREAM: "ACK102", OS_HELPER_STREAM: "ACK102"}
RETURNS: Dict[str, str] = {
    ES_ASYNC: ES_ASYNC,
    **{f"elasticsearch.helpers.{h}": ES_HELPER_STREAM for h in _ES_HELPERS_ITERATED},
    OS_SYNC: OS_SYNC, OS_ASYNC: OS_ASYNC,
    MEILI: MEILI, f"{MEILI}.index": MEILI_INDEX, TYPESENSE: TYPESENSE,
    **{f"opensearchpy.helpers.{h}": OS_HELPER_STREAM for h in _ES_HELPERS_ITERATED},
}
PROPERTIES: Dict[str, str] = {
    **{f"{ES_ASYNC}.{ns}": ES_ASYNC_NAMESPACE for ns in ES_NAMESPACES},
    **{f"{ES_SYNC}.{ns}": ES_SYNC_NAMESPACE for ns in ES_NAMESPACES},
    **{f"{OS_ASYNC}.{ns}": OS_ASYNC_NAMESPACE for ns in OS_NAMESPACES},
    **{f"{OS_SYNC}.{ns}": OS_SYNC_NAMESPACE for ns in OS_NAMESPACES},
}
# every public method is a coroutine function but for these (`options()` copies the client with new settings)
COROUTINE_TYPES: Dict[str, FrozenSet[str]] = {
    ES_ASYNC: frozenset({"options", "transport", *ES_NAMESPACES}),
    ES_ASYNC_NAMESPACE: frozenset({"options"}),
    OS_ASYNC: frozenset({"transport", *OS_NAMESPACES}),
    OS_ASYNC_NAMESPACE: frozenset(),
}
COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset(
    {*(f"{pkg}.helpers.{h}" for pkg in ("elasticsearch", "opensearchpy") for h in ("async_bulk", "async_reindex")),
     *(f"{cache}.a{m}" for cache in (DJANGO_CACHE, DJANGO_CACHE_BACKEND) for m in _DJANGO_CACHE_CALLS.split())}
)
