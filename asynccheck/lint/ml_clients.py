"""What the linter knows about the data and ML plumbing around a model: vector stores (Qdrant, Pinecone), the
Hugging Face Hub, MLflow tracking, and the columnar file readers and writers of pyarrow and polars.

The sync clients wait for their server on the calling thread, one request per call; the readers and writers read
or write the file they are named (handed an in-memory buffer, they touch no disk: NON_BLOCKING_ARGS). Their async
twins (`AsyncQdrantClient`, polars' lazy `scan_*`) stay out. knowledge.py merges these tables into its own; the
names follow its conventions (canonical qualified names, `<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

QDRANT = "qdrant_client.QdrantClient"
ASYNC_QDRANT = "qdrant_client.AsyncQdrantClient"
# local settings of a Qdrant client: the embedding models it uses with fastembed, and the names it derives
_QDRANT_LOCAL = frozenset(
    "close set_model set_sparse_model get_fastembed_vector_params get_fastembed_sparse_vector_params "
    "get_vector_field_name get_sparse_vector_field_name embedding_model_name sparse_embedding_model_name".split()
)
PINECONE = "pinecone.Pinecone"
PINECONE_INDEX = "pinecone.Index"
HF_API = "huggingface_hub.HfApi"
MLFLOW_CLIENT = "mlflow.MlflowClient"
POLARS_FRAME = "polars.DataFrame"

CANONICAL: Dict[str, str] = {
    "qdrant_client.qdrant_client.QdrantClient": QDRANT,
    "qdrant_client.async_qdrant_client.AsyncQdrantClient": ASYNC_QDRANT,
    "pinecone.data.index.Index": PINECONE_INDEX,
    "pinecone.control.pinecone.Pinecone": PINECONE,
    "huggingface_hub.hf_api.HfApi": HF_API,
    "mlflow.tracking.MlflowClient": MLFLOW_CLIENT,
    "mlflow.tracking.client.MlflowClient": MLFLOW_CLIENT,
    "polars.dataframe.frame.DataFrame": POLARS_FRAME,
}

# Readers and writers of columnar files: callable -> (position, keyword) of the path or file they are given.
_PYARROW_FILES: Dict[str, Tuple[int, str]] = {
    "pyarrow.parquet.read_table": (0, "source"), "pyarrow.parquet.read_pandas": (0, "source"),
    "pyarrow.parquet.ParquetFile": (0, "source"), "pyarrow.parquet.write_table": (1, "where"),
    "pyarrow.parquet.read_metadata": (0, "where"), "pyarrow.parquet.read_schema": (0, "where"),
    "pyarrow.feather.read_table": (0, "source"), "pyarrow.feather.read_feather": (0, "source"),
    "pyarrow.feather.write_feather": (1, "dest"),
    "pyarrow.csv.read_csv": (0, "input_file"), "pyarrow.csv.write_csv": (1, "output_file"),
    "pyarrow.json.read_json": (0, "input_file"),
}
# polars reads eagerly with read_* (its scan_* only plan a query); a frame's write_* given no file returns the text
_POLARS_READERS = "csv parquet json ndjson ipc excel avro".split()
_POLARS_WRITERS = "csv parquet json ndjson ipc excel avro".split()

# The Hub's module-level API: each call is a request (a download also writes the file into the local cache).
_HF_FUNCTIONS = (
    "hf_hub_download snapshot_download upload_file upload_folder create_repo delete_repo create_commit "
    "create_branch list_models list_datasets list_spaces model_info dataset_info space_info repo_info "
    "list_repo_files file_exists repo_exists whoami"
).split()
# MLflow's fluent API talks to the tracking server (or writes the local file store) on each call.
_MLFLOW_FUNCTIONS = (
    "log_metric log_metrics log_param log_params log_artifact log_artifacts log_dict log_text log_figure "
    "log_image log_table log_input set_tag set_tags start_run end_run set_experiment create_experiment "
    "get_run search_runs register_model"
).split()
_MLFLOW_FLAVOURS = ("pyfunc", "sklearn", "pytorch", "transformers")

BLOCKING_FUNCTIONS: Dict[str, str] = {
    **{name: "ACK103" for name in _PYARROW_FILES},
    **{f"polars.read_{kind}": "ACK103" for kind in _POLARS_READERS},
    **{f"{POLARS_FRAME}.write_{kind}": "ACK103" for kind in _POLARS_WRITERS},
    **{f"huggingface_hub.{f}": "ACK102" for f in _HF_FUNCTIONS},
    **{f"mlflow.{f}": "ACK102" for f in _MLFLOW_FUNCTIONS},
    **{f"mlflow.{flavour}.{f}": "ACK102" for flavour in _MLFLOW_FLAVOURS for f in ("load_model", "log_model")},
}
# ... handed an in-memory buffer (or, for a polars writer, no file) they touch no disk
NON_BLOCKING_ARGS: Dict[str, Tuple[Tuple[Tuple[int, str, str], ...], ...]] = {
    **{f: (((position, keyword, "memory"),),) for f, (position, keyword) in _PYARROW_FILES.items()},
    **{f"polars.read_{kind}": (((0, "source", "memory"),),) for kind in _POLARS_READERS},
    **{f"{POLARS_FRAME}.write_{kind}": (((0, "file", "memory_or_absent"),),) for kind in ("csv", "json", "ndjson", "ipc")},
    **{f"{POLARS_FRAME}.write_{kind}": (((0, "file", "memory"),),) for kind in ("parquet", "avro")},
    # with no workbook it writes `dataframe.xlsx` in the working directory
    f"{POLARS_FRAME}.write_excel": (((0, "workbook", "memory"),),),
}
# pyarrow's own in-memory buffers
MEMORY_STREAMS: FrozenSet[str] = frozenset({"pyarrow.BufferReader", "pyarrow.BufferOutputStream"})

# Clients every public method of which is a request, but for these.
BLOCKING_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    QDRANT: ("ACK102", _QDRANT_LOCAL),
    # `pc.Index(name)` makes the index's handle; its host is looked up once and cached
    PINECONE: ("ACK102", frozenset({"Index", "IndexAsyncio", "close"})),
    PINECONE_INDEX: ("ACK102", frozenset({"close"})),
    HF_API: ("ACK102", frozenset()),
    MLFLOW_CLIENT: ("ACK102", frozenset()),
}
# The async Qdrant client: each of its methods is a coroutine function, but for its local settings.
COROUTINE_TYPES: Dict[str, FrozenSet[str]] = {ASYNC_QDRANT: _QDRANT_LOCAL - {"close"}}
RETURNS: Dict[str, str] = {
    f"{PINECONE}.Index": PINECONE_INDEX,
    POLARS_FRAME: POLARS_FRAME,
    **{f"polars.read_{kind}": POLARS_FRAME for kind in _POLARS_READERS},
    ASYNC_QDRANT: ASYNC_QDRANT,
}
