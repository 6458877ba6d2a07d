"""What the linter knows about Google Cloud Firestore's clients (also as firebase_admin hands them out).

The sync client and the references it makes are handles built locally (`db.collection("users").document(uid)`,
`.where(...)`, `.order_by(...)`, `db.batch()`); their reads and writes (`get`, `set`, `update`, `delete`, `add`,
`stream`, a batch's `commit`) are RPCs the caller waits for. The async client's references are built the same way;
their reads and writes are coroutine functions (a dropped `doc.set(...)` never runs), but `stream()` and
`list_documents()`, which are async generators, and `collections()` (an async iterator). sdks.py merges these
tables into its own; the names follow knowledge.py's conventions (canonical qualified names, `<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

_FS = "google.cloud.firestore"
_KINDS = ("Client", "CollectionReference", "DocumentReference", "Query", "CollectionGroup", "WriteBatch",
          "Transaction")
SYNC = {kind: f"{_FS}.{kind}" for kind in _KINDS}
ASYNC = {kind: f"{_FS}.Async{kind}" for kind in _KINDS}
# the modules of firestore_v1 that define each kind (the package and google.cloud.firestore re-export them)
_DEFINED_IN = {"Client": "client", "CollectionReference": "collection", "DocumentReference": "document",
               "Query": "query", "CollectionGroup": "query", "WriteBatch": "batch", "Transaction": "transaction"}

# calls that narrow a query or name a reference: no request
_QUERY_BUILDERS = ("where order_by limit limit_to_last offset start_at start_after end_at end_before select "
                   "count sum avg find_nearest").split()
_REFERENCE_LOCAL = frozenset("id parent path document collection on_snapshot".split())
_LOCAL: Dict[str, FrozenSet[str]] = {
    "Client": frozenset("collection document collection_group batch transaction bulk_writer field_path "
                        "write_option close project".split()),
    "CollectionReference": frozenset({*_QUERY_BUILDERS, *_REFERENCE_LOCAL}),
    "DocumentReference": _REFERENCE_LOCAL,
    "Query": frozenset({*_QUERY_BUILDERS, "on_snapshot"}),
    "CollectionGroup": frozenset({*_QUERY_BUILDERS, "on_snapshot"}),
    # a batch and a transaction gather writes; only a batch's commit sends them (a transaction's `get` reads)
    "WriteBatch": frozenset("set update delete create".split()),
    "Transaction": frozenset("set update delete create".split()),
}
# async generators and iterators of the async references: iterated with `async for`, never awaited
_ASYNC_ITERATORS = frozenset({"stream", "list_documents", "collections", "get_all"})

CANONICAL: Dict[str, str] = {
    **{f"{_FS}_v1.{module}.{kind}": SYNC[kind] for kind, module in _DEFINED_IN.items()},
    **{f"{_FS}_v1.async_{module}.Async{kind}": ASYNC[kind] for kind, module in _DEFINED_IN.items()},
    **{f"{_FS}_v1.{name}": f"{_FS}.{name}" for name in (*_KINDS, *(f"Async{kind}" for kind in _KINDS))},
}
BLOCKING_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    SYNC[kind]: ("ACK105", _LOCAL[kind]) for kind in _KINDS
}
COROUTINE_TYPES: Dict[str, FrozenSet[str]] = {
    ASYNC[kind]: _LOCAL[kind] | _ASYNC_ITERATORS for kind in _KINDS
}


def _made(kinds: Dict[str, str]) -> Dict[str, str]:
    """What building a reference or a query gives, for the sync or the async family."""
    made = {kinds["Client"]: kinds["Client"],
            f"{kinds['Client']}.collection": kinds["CollectionReference"],
            f"{kinds['Client']}.document": kinds["DocumentReference"],
            f"{kinds['Client']}.collection_group": kinds["CollectionGroup"],
            f"{kinds['Client']}.batch": kinds["WriteBatch"],
            f"{kinds['Client']}.transaction": kinds["Transaction"],
            f"{kinds['CollectionReference']}.document": kinds["DocumentReference"],
            f"{kinds['DocumentReference']}.collection": kinds["CollectionReference"]}
    for owner in ("CollectionReference", "Query", "CollectionGroup"):
        made.update({f"{kinds[owner]}.{m}": kinds["Query" if owner != "CollectionGroup" else owner]
                     for m in _QUERY_BUILDERS if m not in ("count", "sum", "avg", "find_nearest")})
    return made


RETURNS: Dict[str, str] = {
    **_made(SYNC), **_made(ASYNC),
    # firebase_admin hands out the same clients for its default app
    "firebase_admin.firestore.client": SYNC["Client"],
    "firebase_admin.firestore_async.client": ASYNC["Client"],
}
