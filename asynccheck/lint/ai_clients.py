"""What the linter knows about the model gateways and vector databases AI apps call: litellm, Mistral's SDK,
Replicate, Milvus, LanceDB and Weaviate (v4), sync and async twins.

litellm's module-level calls (`completion`, `embedding`, ...) send the request on the calling thread; each has an
`a`-prefixed coroutine twin (`acompletion`), and so has a `Router`'s. Mistral's client sends one request per method
reached through its namespaces (`client.chat.complete(...)`), each with an `_async` coroutine twin on the same
object. Replicate's `run` and `stream` wait for the prediction (`async_run`, `async_stream` are the twins).
Milvus's `MilvusClient` connects when made and sends each call over gRPC (`AsyncMilvusClient`: coroutines). LanceDB's
`connect()` opens a database (a folder, or LanceDB Cloud); its tables' reads and writes touch the files, and a
query built with `table.search(...)` (built without I/O: every builder method gives the builder) runs when turned
into rows (`to_list()`, `to_pandas()`, `to_arrow()`); `connect_async` is the coroutine twin. Weaviate's `connect_to_*`
helpers connect and check the server; a collection (`client.collections.get(name)`, without a request) sends a
request for each call of its `query`, `data`, `aggregate`, `generate` and `tenants` namespaces; `use_async_with_*`
give the async client. knowledge.py merges these tables into its own; the names follow its conventions.
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

_LITELLM_CALLS = ("completion", "text_completion", "embedding", "image_generation", "transcription", "speech",
                  "moderation", "rerank", "responses")
LITELLM_ROUTER = "litellm.Router"

MISTRAL = "mistralai.Mistral"
_MISTRAL_SETTINGS = frozenset({"sdk_configuration", "server_url", "api_key"})

REPLICATE_CLIENT = "replicate.Client"
_REPLICATE_CALLS = ("run", "stream")

MILVUS = "pymilvus.MilvusClient"
ASYNC_MILVUS = "pymilvus.AsyncMilvusClient"
_MILVUS_LOCAL = frozenset({"close", "prepare_index_params", "create_schema", "create_field_schema"})

LANCE_DB = "lancedb.DBConnection"
LANCE_TABLE = "lancedb.table.Table"
LANCE_QUERY = "lancedb.query.LanceQueryBuilder"
_LANCE_TABLE_LOCAL = frozenset({"search", "name", "merge_insert"})
# what runs a query: the builder's other methods give the builder
_LANCE_RUNS = frozenset({"to_list", "to_pandas", "to_arrow", "to_batches", "to_pydantic", "to_polars", "explain_plan",
                         "analyze_plan"})

WEAVIATE = "weaviate.WeaviateClient"
WEAVIATE_COLLECTIONS = "weaviate.collections.Collections"
WEAVIATE_COLLECTION = "weaviate.collections.Collection"
_WEAVIATE_CONNECT = ("connect_to_local", "connect_to_weaviate_cloud", "connect_to_custom", "connect_to_embedded",
                     "connect_to_wcs")
# a collection's own settings and handles: neither is a request (`batch` buffers objects, flushed by its context)
_WEAVIATE_COLLECTION_LOCAL = frozenset({"name", "with_tenant", "with_consistency_level", "batch", "consistency_level",
                                        "tenant"})

CANONICAL: Dict[str, str] = {
    "litellm.router.Router": LITELLM_ROUTER,
    "litellm.main.completion": "litellm.completion",
    "mistralai.sdk.Mistral": MISTRAL,
    "replicate.client.Client": REPLICATE_CLIENT,
    "pymilvus.milvus_client.MilvusClient": MILVUS,
    "pymilvus.milvus_client.milvus_client.MilvusClient": MILVUS,
    "lancedb.db.DBConnection": LANCE_DB, "lancedb.db.LanceDBConnection": LANCE_DB,
    "lancedb.table.LanceTable": LANCE_TABLE,
    "weaviate.client.WeaviateClient": WEAVIATE,
    "weaviate.collections.collection.Collection": WEAVIATE_COLLECTION,
    "weaviate.collections.collections.Collections": WEAVIATE_COLLECTIONS,
}
BLOCKING_FUNCTIONS: Dict[str, str] = {
    **{f"litellm.{f}": "ACK102" for f in _LITELLM_CALLS},
    **{f"{LITELLM_ROUTER}.{f}": "ACK102" for f in _LITELLM_CALLS},
    **{f"replicate.{f}": "ACK102" for f in _REPLICATE_CALLS},
    **{f"{REPLICATE_CLIENT}.{f}": "ACK102" for f in _REPLICATE_CALLS},
    MILVUS: "ACK102",
    "lancedb.connect": "ACK103",
    **{f"{LANCE_QUERY}.{m}": "ACK103" for m in _LANCE_RUNS},
    **{f"weaviate.{f}": "ACK102" for f in _WEAVIATE_CONNECT},
    **{f"{WEAVIATE_COLLECTIONS}.{m}": "ACK102" for m in ("create", "create_from_dict", "create_from_config",
                                                          "delete", "delete_all", "exists", "list_all", "export_config")},
}
COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset({
    *(f"litellm.a{f}" for f in _LITELLM_CALLS), *(f"{LITELLM_ROUTER}.a{f}" for f in _LITELLM_CALLS),
    "replicate.async_run", f"{REPLICATE_CLIENT}.async_run", "lancedb.connect_async",
})
BLOCKING_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    MISTRAL: ("ACK102", _MISTRAL_SETTINGS),
    MILVUS: ("ACK102", _MILVUS_LOCAL),
    LANCE_DB: ("ACK103", frozenset({"uri"})),
    LANCE_TABLE: ("ACK103", _LANCE_TABLE_LOCAL),
    WEAVIATE_COLLECTION: ("ACK102", _WEAVIATE_COLLECTION_LOCAL),
}
# `client.chat`, `client.embeddings`...: namespaces of the same client; `collection.query`, `collection.data`...:
# namespaces of the collection
ITEM_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    MISTRAL: (MISTRAL, _MISTRAL_SETTINGS),
    WEAVIATE_COLLECTION: (WEAVIATE_COLLECTION, _WEAVIATE_COLLECTION_LOCAL),
}
# the `_async` twin of each of Mistral's requests is a coroutine function on the same object
ASYNC_SUFFIXED: FrozenSet[str] = frozenset({MISTRAL})
COROUTINE_TYPES: Dict[str, FrozenSet[str]] = {ASYNC_MILVUS: frozenset({"prepare_index_params", "create_schema"})}
# every method of a LanceDB query builder gives the builder, but those that run it
FLUENT_TYPES: Dict[str, FrozenSet[str]] = {LANCE_QUERY: _LANCE_RUNS}
RETURNS: Dict[str, str] = {
    MISTRAL: MISTRAL, MILVUS: MILVUS, ASYNC_MILVUS: ASYNC_MILVUS, REPLICATE_CLIENT: REPLICATE_CLIENT,
    LITELLM_ROUTER: LITELLM_ROUTER,
    "lancedb.connect": LANCE_DB,
    **{f"{LANCE_DB}.{m}": LANCE_TABLE for m in ("open_table", "create_table")},
    f"{LANCE_TABLE}.search": LANCE_QUERY,
    **{f"weaviate.{f}": WEAVIATE for f in _WEAVIATE_CONNECT}, WEAVIATE: WEAVIATE,
    f"{WEAVIATE_COLLECTIONS}.get": WEAVIATE_COLLECTION,
}
PROPERTIES: Dict[str, str] = {f"{WEAVIATE}.collections": WEAVIATE_COLLECTIONS}
