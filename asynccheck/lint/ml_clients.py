"""What the linter knows about the data and ML plumbing around a model: vector stores (Qdrant, Pinecone, Chroma,
FAISS index files), the Hugging Face Hub, MLflow tracking, model and data-set loaders (transformers,
sentence-transformers, datasets, Whisper), remote file systems (fsspec and its S3/GCS/Azure kin), Azure Blob Storage's sync
clients, and the file readers and writers of pyarrow, polars and the media libraries (OpenCV, soundfile, imageio,
h5py, netCDF), experiment trackers and data versioning (wandb's run start and finish, ClearML tasks, Comet's
experiments, DVC's reads, Label Studio, Roboflow's projects and hosted models), Delta Lake tables (delta-rs: opening one reads its transaction log, reading or changing it reads or
writes its files), ONNX Runtime sessions and tokenizers' files, Ray's waits for remote results; and the model's own calls that compute for long (inference, ACK109), with
the password hashes made slow on purpose and the key pairs slow to generate (RSA, DSA, Diffie-Hellman).

The sync clients wait for their server on the calling thread, one request per call; loaders read weights from a
cache they may first fill over the network; the readers and writers read or write the file they are named (handed an in-memory buffer, they touch no disk: NON_BLOCKING_ARGS). Their async
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
# Chroma's sync clients: a persistent one reads and writes its folder (SQLite and the vector index files) on each
# call, an HTTP one asks the server; the collections they hand out do the same, so they go by the client that made
# them, under names of the linter's own. (The in-memory client stays out: its calls are CPU work, not I/O; so do
# collections known only from an annotation, which does not say which client made them.)
CHROMA_DISK, CHROMA_HTTP = "chromadb.PersistentClient", "chromadb.HttpClient"
CHROMA_DISK_COLLECTION, CHROMA_HTTP_COLLECTION = "chromadb.PersistentCollection", "chromadb.HttpCollection"
_CHROMA_COLLECTIONS = ("get_or_create_collection", "create_collection", "get_collection")
_CHROMA_LOCAL = frozenset({"get_settings", "clear_system_cache"})
PINECONE_INDEX = "pinecone.Index"
HF_API = "huggingface_hub.HfApi"
# A deployed Inference Endpoint's handle: each method asks the Hub (`wait` polls it, sleeping, until it is up);
# what HfApi hands back for one, and what its methods hand back (the same handle, refreshed)
HF_ENDPOINT = "huggingface_hub.InferenceEndpoint"
_HF_ENDPOINT_MAKERS = ("get", "create", "update", "pause", "resume", "scale_to_zero")
_HF_ENDPOINT_METHODS = ("wait", "fetch", "update", "pause", "resume", "scale_to_zero")
MLFLOW_CLIENT = "mlflow.MlflowClient"
POLARS_FRAME = "polars.DataFrame"


# Readers and writers of columnar files: callable -> (position, keyword) of the path or file they are given.
_PYARROW_FILES: Dict[str, Tuple[int, str]] = {
    "pyarrow.parquet.read_table": (0, "source"), "pyarrow.parquet.read_pandas": (0, "source"),
    "pyarrow.parquet.ParquetFile": (0, "source"), "pyarrow.parquet.write_table": (1, "where"),
    "pyarrow.parquet.ParquetWriter": (0, "where"),
    "pyarrow.parquet.read_metadata": (0, "where"), "pyarrow.parquet.read_schema": (0, "where"),
    "pyarrow.feather.read_table": (0, "source"), "pyarrow.feather.read_feather": (0, "source"),
    "pyarrow.feather.write_feather": (1, "dest"),
    "pyarrow.csv.read_csv": (0, "input_file"), "pyarrow.csv.write_csv": (1, "output_file"),
    "pyarrow.json.read_json": (0, "input_file"),
    # a dataset over a path lists (and, for partitioning, walks) the files under it as it is made
    "pyarrow.dataset.dataset": (0, "source"), "pyarrow.dataset.parquet_dataset": (0, "metadata_path"),
}
# Media, array and remote-file readers and writers named by path or URL (fsspec's `open` hands back a lazy file,
# opened by the `with` it is written in).
_MEDIA_FILES: Dict[str, Tuple[int, str]] = {
    "cv2.imread": (0, "filename"), "cv2.imwrite": (0, "filename"), "cv2.imreadmulti": (0, "filename"),
    "soundfile.read": (0, "file"), "soundfile.write": (0, "file"), "soundfile.SoundFile": (0, "file"),
    "librosa.load": (0, "path"), "h5py.File": (0, "name"),
    # netCDF files of gridded data (opened, a data set reads its header and variable layout from disk)
    "netCDF4.Dataset": (0, "filename"), "netCDF4.MFDataset": (0, "files"),
    # a tokenizer's serialized vocabulary and rules
    "tokenizers.Tokenizer.from_file": (0, "path"), "tokenizers.Tokenizer.save": (0, "path"),
    "imageio.imread": (0, "uri"), "imageio.imwrite": (0, "uri"),
    "imageio.v3.imread": (0, "uri"), "imageio.v3.imwrite": (0, "uri"),
    "smart_open.open": (0, "uri"), "fsspec.open": (0, "urlpath"),
}
# An ONNX Runtime session reads and optimizes the model file it is named as it is made (handed the model's bytes,
# it reads no file).
ONNX_SESSION = "onnxruntime.InferenceSession"
# Password hashes made slow on purpose (a login's `checkpw` costs as much as the `hashpw` that made the hash).
_SLOW_HASHES = ("bcrypt.hashpw", "bcrypt.checkpw", "bcrypt.kdf", "hashlib.pbkdf2_hmac", "hashlib.scrypt")
# Key pairs whose generation searches for large primes: an RSA key takes from a tenth of a second (2048 bits) to
# seconds (4096), DSA and Diffie-Hellman parameters longer still, and python-rsa's pure-Python `newkeys` longest.
# Elliptic-curve and Ed25519/X25519 keys are a random scalar and a point multiplication: well under a millisecond.
_CRYPTO = "cryptography.hazmat.primitives.asymmetric"
_SLOW_KEYS = (f"{_CRYPTO}.rsa.generate_private_key", f"{_CRYPTO}.dsa.generate_private_key",
              f"{_CRYPTO}.dsa.generate_parameters", f"{_CRYPTO}.dh.generate_parameters",
              "Crypto.PublicKey.RSA.generate", "Cryptodome.PublicKey.RSA.generate", "rsa.newkeys",
              "paramiko.RSAKey.generate")
# Model and data-set loaders: each reads its weights or files from the local cache, downloading them first when
# they are missing; the saved model writes its folder.
_HF_AUTO = (
    "AutoModel AutoTokenizer AutoConfig AutoProcessor AutoImageProcessor AutoFeatureExtractor AutoModelForCausalLM "
    "AutoModelForSequenceClassification AutoModelForTokenClassification AutoModelForSeq2SeqLM "
    "AutoModelForQuestionAnswering AutoModelForMaskedLM AutoModelForImageClassification AutoModelForSpeechSeq2Seq "
    "PreTrainedModel PreTrainedTokenizerBase"
).split()
HF_MODEL = "transformers.PreTrainedModel"
TORCH_SCRIPT = "torch.jit.ScriptModule"
# a model moved or switched to inference is the same model
_TORCH_MOVES = ("eval", "to", "cuda", "cpu", "half", "float", "bfloat16")
HF_TOKENIZER = "transformers.PreTrainedTokenizerBase"
# transformers' Auto classes are factories (they cannot be instantiated; `from_pretrained` makes a model or a
# tokenizer), yet code names them as the type of what they made: `self.model: AutoModelForCausalLM = ...`.
NAMED_FOR_PRODUCT: Dict[str, str] = {
    f"transformers.{name}": HF_TOKENIZER if "Token" in name else HF_MODEL
    for name in _HF_AUTO if name.startswith(("AutoModel", "AutoTokenizer"))
}
_LOADERS = (
    *(f"transformers.{name}.from_pretrained" for name in _HF_AUTO), "transformers.pipeline",
    "sentence_transformers.SentenceTransformer", "sentence_transformers.CrossEncoder",
    "datasets.load_dataset", "datasets.load_from_disk", "torch.hub.load",
    "diffusers.DiffusionPipeline.from_pretrained",
    # OpenAI's Whisper speech models (the openai-whisper package and its faster-whisper port)
    "whisper.load_model", "faster_whisper.WhisperModel",
    "tokenizers.Tokenizer.from_pretrained",
    # a spaCy pipeline's weights and vocabulary, read from the installed package or a folder
    "spacy.load",
)
# Remote and local file systems behind fsspec: every public method reads or writes a file or a listing, but for
# these, which work on names or on the instance cache.
FSSPEC = "fsspec.AbstractFileSystem"
_FS_LOCAL = frozenset("invalidate_cache clear_instance_cache unstrip_protocol ukey sign current".split())
_FS_TYPES = (FSSPEC, "s3fs.S3FileSystem", "gcsfs.GCSFileSystem", "adlfs.AzureBlobFileSystem")

# delta-rs's table: made, it reads the transaction log (local or object storage); these read or rewrite its files
DELTA_TABLE = "deltalake.DeltaTable"
_DELTA_LOCAL = frozenset({"version", "table_uri", "schema", "metadata", "protocol", "optimize", "alter"})

# Experiment tracking and data versioning: `wandb.init()` starts (or joins) the wandb service process and creates
# the run on the server, `wandb.finish()` waits for the upload (`wandb.log` only queues to that process); ClearML's
# `Task.init()` and `Task.get_task()` ask the server; DVC's `api.read()`/`open()` read a tracked file, from the cache
# or a remote (cloning the repository for another revision); Label Studio's client and its projects send one request
# per call. Comet's `Experiment()` (and `ExistingExperiment()`, `comet_ml.start()`) creates the experiment on the
# server before it returns, and `end()` waits for the upload; its `log_*` calls only queue to its streamer thread.
# Roboflow's client authenticates when made, and each step down to a model version (`workspace()`, `project()`,
# `version()`) is a request, and so is downloading a version's data set.
COMET_EXPERIMENT, COMET_API = "comet_ml.Experiment", "comet_ml.API"
ROBOFLOW = "roboflow.Roboflow"
ROBOFLOW_WORKSPACE = "roboflow.core.workspace.Workspace"
ROBOFLOW_PROJECT = "roboflow.core.project.Project"
ROBOFLOW_VERSION = "roboflow.core.version.Version"
LABEL_STUDIO, LABEL_STUDIO_PROJECT = "label_studio_sdk.Client", "label_studio_sdk.Project"
_LABEL_STUDIO_SETTINGS = frozenset({"url", "api_key", "session", "headers", "make_request", "get_url"})

# Azure Blob Storage's sync clients: each method is a request, but for the handles they make on containers and
# blobs and their local settings; a listing pages lazily, a request per page as it is iterated. (The `aio` twins
# stay out: their listings and handles are not coroutines.)
_AZ = "azure.storage.blob"
AZ_SERVICE, AZ_CONTAINER, AZ_BLOB = f"{_AZ}.BlobServiceClient", f"{_AZ}.ContainerClient", f"{_AZ}.BlobClient"
AZ_DOWNLOAD = f"{_AZ}.StorageStreamDownloader"
AZ_PAGED = "azure.core.paging.ItemPaged"
_AZ_LISTINGS = ("list_blobs", "list_blob_names", "walk_blobs", "list_containers", "find_blobs_by_tags")
_AZ_LOCAL = frozenset({"get_container_client", "get_blob_client", "close", "from_connection_string",
                       "from_container_url", "from_blob_url", "url", "account_name", "primary_endpoint",
                       "primary_hostname", "secondary_endpoint", "secondary_hostname", "location_mode",
                       "api_version", *_AZ_LISTINGS})

CANONICAL: Dict[str, str] = {
    "label_studio_sdk.client.Client": LABEL_STUDIO, "label_studio_sdk.project.Project": LABEL_STUDIO_PROJECT,
    "clearml.task.Task": "clearml.Task",
    "comet_ml.experiment.Experiment": COMET_EXPERIMENT, "comet_ml.api.API": COMET_API,
    "roboflow.core.workspace.Workspace": ROBOFLOW_WORKSPACE,
    "deltalake.table.DeltaTable": DELTA_TABLE, "deltalake.writer.write_deltalake": "deltalake.write_deltalake",
    "qdrant_client.qdrant_client.QdrantClient": QDRANT,
    "qdrant_client.async_qdrant_client.AsyncQdrantClient": ASYNC_QDRANT,
    "pinecone.data.index.Index": PINECONE_INDEX,
    "pinecone.control.pinecone.Pinecone": PINECONE,
    "huggingface_hub.hf_api.HfApi": HF_API,
    "huggingface_hub._inference_endpoints.InferenceEndpoint": HF_ENDPOINT,
    "mlflow.tracking.MlflowClient": MLFLOW_CLIENT,
    "mlflow.tracking.client.MlflowClient": MLFLOW_CLIENT,
    "polars.dataframe.frame.DataFrame": POLARS_FRAME,
    "fsspec.spec.AbstractFileSystem": FSSPEC,
    "s3fs.core.S3FileSystem": "s3fs.S3FileSystem",
    "gcsfs.core.GCSFileSystem": "gcsfs.GCSFileSystem",
    "transformers.modeling_utils.PreTrainedModel": HF_MODEL,
    "whisper.model.Whisper": "whisper.Whisper",
    "faster_whisper.transcribe.WhisperModel": "faster_whisper.WhisperModel",
    **{f"torch.jit.{where}{kind}": TORCH_SCRIPT
       for where in ("", "_script.") for kind in ("ScriptModule", "RecursiveScriptModule")},
    "transformers.tokenization_utils_base.PreTrainedTokenizerBase": HF_TOKENIZER,
    "transformers.generation.TextIteratorStreamer": "transformers.TextIteratorStreamer",
    "transformers.generation.streamers.TextIteratorStreamer": "transformers.TextIteratorStreamer",
    **{f"{_AZ}._{module}.{kind}": f"{_AZ}.{kind}" for module, kind in (
        ("blob_service_client", "BlobServiceClient"), ("container_client", "ContainerClient"),
        ("blob_client", "BlobClient"), ("download", "StorageStreamDownloader"))},
    "azure.core.paging.ItemPaged": AZ_PAGED,
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
    DELTA_TABLE: "ACK103", "deltalake.write_deltalake": "ACK103",
    "wandb.init": "ACK102", "wandb.finish": "ACK102",
    "clearml.Task.init": "ACK102", "clearml.Task.get_task": "ACK102",
    COMET_EXPERIMENT: "ACK102", "comet_ml.ExistingExperiment": "ACK102", "comet_ml.start": "ACK102",
    f"{COMET_EXPERIMENT}.end": "ACK102", ROBOFLOW: "ACK102",
    f"{ROBOFLOW}.workspace": "ACK102", f"{ROBOFLOW}.project": "ACK102", f"{ROBOFLOW_WORKSPACE}.project": "ACK102",
    f"{ROBOFLOW_PROJECT}.version": "ACK102", f"{ROBOFLOW_PROJECT}.versions": "ACK102",
    f"{ROBOFLOW_VERSION}.download": "ACK102", f"{ROBOFLOW_VERSION}.deploy": "ACK102",
    "dvc.api.read": "ACK103", "dvc.api.open": "ACK103",
    **{name: "ACK109" for name in _SLOW_HASHES},
    **{name: "ACK109" for name in _SLOW_KEYS},
    **{name: "ACK103" for name in _PYARROW_FILES},
    **{name: "ACK103" for name in _MEDIA_FILES},
    **{name: "ACK103" for name in _LOADERS},
    ONNX_SESSION: "ACK103",
    **{f"{kind}.save_pretrained": "ACK103" for kind in (HF_MODEL, HF_TOKENIZER)},
    **{f"{kind}.push_to_hub": "ACK102" for kind in (HF_MODEL, HF_TOKENIZER)},
    **{f"polars.read_{kind}": "ACK103" for kind in _POLARS_READERS},
    **{f"{POLARS_FRAME}.write_{kind}": "ACK103" for kind in _POLARS_WRITERS},
    **{f"huggingface_hub.{f}": "ACK102" for f in _HF_FUNCTIONS},
    **{f"mlflow.{f}": "ACK102" for f in _MLFLOW_FUNCTIONS},
    **{f"mlflow.{flavour}.{f}": "ACK102" for flavour in _MLFLOW_FLAVOURS for f in ("load_model", "log_model")},
    # a FAISS index read from or written to its file
    "faiss.read_index": "ACK103", "faiss.write_index": "ACK103",
    # Ray's object store: `get` waits until the remote tasks or actors behind the refs have finished (and `wait`
    # until some have); on the loop, `await ref` or `await asyncio.gather(*refs)` is the way
    "ray.get": "ACK106", "ray.wait": "ACK106",
    # Whisper's module-level transcription of a recording with a model it is given
    "whisper.transcribe": "ACK109", "whisper.transcribe.transcribe": "ACK109",
}
# ... handed an in-memory buffer (or, for a polars writer, no file) they touch no disk
NON_BLOCKING_ARGS: Dict[str, Tuple[Tuple[Tuple[int, str, str], ...], ...]] = {
    **{f: (((position, keyword, "memory"),),) for f, (position, keyword) in _PYARROW_FILES.items()},
    **{f: (((position, keyword, "memory"),),) for f, (position, keyword) in _MEDIA_FILES.items()},
    ONNX_SESSION: (((0, "path_or_bytes", "document"),),),
    **{f"polars.read_{kind}": (((0, "source", "memory"),),) for kind in _POLARS_READERS},
    **{f"{POLARS_FRAME}.write_{kind}": (((0, "file", "memory_or_absent"),),) for kind in ("csv", "json", "ndjson", "ipc")},
    **{f"{POLARS_FRAME}.write_{kind}": (((0, "file", "memory"),),) for kind in ("parquet", "avro")},
    # with no workbook it writes `dataframe.xlsx` in the working directory
    f"{POLARS_FRAME}.write_excel": (((0, "workbook", "memory"),),),
}
# pyarrow's own in-memory buffers
MEMORY_STREAMS: FrozenSet[str] = frozenset({"pyarrow.BufferReader", "pyarrow.BufferOutputStream"})

# Calls that compute for long on the calling thread (ACK109): a model's forward pass, by the type of the model or
# session (a pipeline, a loaded transformers model and a sentence-transformers model are called, or asked to
# encode or generate; a TorchScript module, a trained model loaded with `torch.jit.load()`, is called); password
# hashes made slow on purpose. A tokenizer's call, a tensor's arithmetic, an index lookup and a plain
# `torch.nn.Module`'s call stay out: each is short, or what it costs depends on data or layers the linter cannot see.
ORT_SESSION = "onnxruntime.InferenceSession"
HF_PIPELINE = "transformers.Pipeline"
ST_MODEL, ST_CROSS = "sentence_transformers.SentenceTransformer", "sentence_transformers.CrossEncoder"
CRYPT_CONTEXT, ARGON2_HASHER = "passlib.context.CryptContext", "argon2.PasswordHasher"
# A Whisper speech model (openai-whisper's, or faster-whisper's, whose `transcribe` extracts the features of the
# whole recording and detects its language before it returns the lazy segments).
WHISPER, FASTER_WHISPER = "whisper.Whisper", "faster_whisper.WhisperModel"
# A parquet writer or file object writes or reads its file on each call; one made over an in-memory buffer
# (`pq.ParquetWriter(pa.BufferOutputStream(), schema)`) touches no disk, and nor do its calls (INHERITS_HARMLESS).
PARQUET_WRITER, PARQUET_FILE = "pyarrow.parquet.ParquetWriter", "pyarrow.parquet.ParquetFile"
INHERITS_HARMLESS: FrozenSet[str] = frozenset({PARQUET_WRITER, PARQUET_FILE})
BLOCKING_METHODS: Tuple[Tuple[Tuple[str, ...], str, str], ...] = (
    ((PARQUET_WRITER,), "ACK103", "write_table write_batch write close"),
    ((PARQUET_FILE,), "ACK103", "read read_row_group read_row_groups scan_contents"),
    ((ORT_SESSION,), "ACK109", "run run_with_iobinding run_with_ort_values"),
    ((HF_PIPELINE,), "ACK109", "__call__"),
    ((HF_MODEL,), "ACK109", "__call__ generate forward"),
    ((TORCH_SCRIPT,), "ACK109", "__call__ forward"),
    ((ST_MODEL,), "ACK109", "encode encode_query encode_document"),
    ((ST_CROSS,), "ACK109", "predict rank"),
    ((CRYPT_CONTEXT,), "ACK109", "hash verify verify_and_update"),
    ((ARGON2_HASHER,), "ACK109", "hash verify"),
    ((WHISPER,), "ACK109", "transcribe decode detect_language embed_audio __call__ forward"),
    ((FASTER_WHISPER,), "ACK109", "transcribe detect_language"),
)

# Clients every public method of which is a request, but for these.
BLOCKING_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    QDRANT: ("ACK102", _QDRANT_LOCAL),
    # `pc.Index(name)` makes the index's handle; its host is looked up once and cached
    PINECONE: ("ACK102", frozenset({"Index", "IndexAsyncio", "close"})),
    PINECONE_INDEX: ("ACK102", frozenset({"close"})),
    HF_API: ("ACK102", frozenset()),
    HF_ENDPOINT: ("ACK102", frozenset()),
    DELTA_TABLE: ("ACK103", _DELTA_LOCAL),
    LABEL_STUDIO: ("ACK102", _LABEL_STUDIO_SETTINGS),
    COMET_API: ("ACK102", frozenset({"api_key", "server_url", "close"})),
    LABEL_STUDIO_PROJECT: ("ACK102", _LABEL_STUDIO_SETTINGS | {"id", "params"}),
    **{name: ("ACK103", _FS_LOCAL) for name in _FS_TYPES},
    **{name: ("ACK102", _AZ_LOCAL) for name in (AZ_SERVICE, AZ_CONTAINER, AZ_BLOB)},
    AZ_DOWNLOAD: ("ACK102", frozenset()),
    MLFLOW_CLIENT: ("ACK102", frozenset()),
    CHROMA_DISK: ("ACK103", _CHROMA_LOCAL), CHROMA_DISK_COLLECTION: ("ACK103", frozenset()),
    CHROMA_HTTP: ("ACK102", _CHROMA_LOCAL), CHROMA_HTTP_COLLECTION: ("ACK102", frozenset()),
}
# The async Qdrant client: each of its methods is a coroutine function, but for its local settings.
COROUTINE_TYPES: Dict[str, FrozenSet[str]] = {ASYNC_QDRANT: _QDRANT_LOCAL - {"close"}}
RETURNS: Dict[str, str] = {
    DELTA_TABLE: DELTA_TABLE, LABEL_STUDIO: LABEL_STUDIO,
    COMET_EXPERIMENT: COMET_EXPERIMENT, "comet_ml.ExistingExperiment": COMET_EXPERIMENT,
    "comet_ml.start": COMET_EXPERIMENT, COMET_API: COMET_API,
    ROBOFLOW: ROBOFLOW, f"{ROBOFLOW}.workspace": ROBOFLOW_WORKSPACE,
    f"{ROBOFLOW}.project": ROBOFLOW_PROJECT, f"{ROBOFLOW_WORKSPACE}.project": ROBOFLOW_PROJECT,
    f"{ROBOFLOW_PROJECT}.version": ROBOFLOW_VERSION,
    **{f"{LABEL_STUDIO}.{m}": LABEL_STUDIO_PROJECT for m in ("get_project", "start_project")},
    f"{PINECONE}.Index": PINECONE_INDEX,
    **{f"{HF_API}.{m}_inference_endpoint": HF_ENDPOINT for m in _HF_ENDPOINT_MAKERS},
    **{f"{HF_ENDPOINT}.{m}": HF_ENDPOINT for m in _HF_ENDPOINT_METHODS},
    **{name: name for name in (ORT_SESSION, ST_MODEL, ST_CROSS, CRYPT_CONTEXT, ARGON2_HASHER, FASTER_WHISPER)},
    "whisper.load_model": WHISPER,
    **{f"{WHISPER}.{m}": WHISPER for m in _TORCH_MOVES},
    "transformers.pipeline": HF_PIPELINE,
    **{f"{HF_MODEL}.{m}": HF_MODEL for m in _TORCH_MOVES},
    **{f"{TORCH_SCRIPT}.{m}": TORCH_SCRIPT for m in _TORCH_MOVES},
    **{f"torch.jit.{f}": TORCH_SCRIPT for f in ("load", "script", "trace", "freeze", "optimize_for_inference")},
    CHROMA_DISK: CHROMA_DISK, "chromadb.HttpClient": CHROMA_HTTP, "chromadb.CloudClient": CHROMA_HTTP,
    **{f"{CHROMA_DISK}.{m}": CHROMA_DISK_COLLECTION for m in _CHROMA_COLLECTIONS},
    **{f"{CHROMA_HTTP}.{m}": CHROMA_HTTP_COLLECTION for m in _CHROMA_COLLECTIONS},
    POLARS_FRAME: POLARS_FRAME,
    **{f"polars.read_{kind}": POLARS_FRAME for kind in _POLARS_READERS},
    ASYNC_QDRANT: ASYNC_QDRANT,
    **{name: name for name in _FS_TYPES[1:]},
    **{f"{kind}.from_connection_string": kind for kind in (AZ_SERVICE, AZ_CONTAINER, AZ_BLOB)},
    AZ_SERVICE: AZ_SERVICE, AZ_CONTAINER: AZ_CONTAINER, AZ_BLOB: AZ_BLOB,
    f"{AZ_CONTAINER}.from_container_url": AZ_CONTAINER, f"{AZ_BLOB}.from_blob_url": AZ_BLOB,
    f"{AZ_SERVICE}.get_container_client": AZ_CONTAINER,
    **{f"{kind}.get_blob_client": AZ_BLOB for kind in (AZ_SERVICE, AZ_CONTAINER)},
    f"{AZ_BLOB}.download_blob": AZ_DOWNLOAD, f"{AZ_CONTAINER}.download_blob": AZ_DOWNLOAD,
    **{f"{kind}.{m}": AZ_PAGED for kind in (AZ_SERVICE, AZ_CONTAINER) for m in _AZ_LISTINGS},
    **{f"transformers.{name}.from_pretrained": HF_TOKENIZER if "Token" in name else HF_MODEL
       for name in _HF_AUTO if name.startswith(("AutoModel", "AutoTokenizer", "PreTrained"))},
}
# Iterating a listing of Azure blobs or containers fetches its pages; iterating transformers' TextIteratorStreamer
# waits (a queue.Queue get) for the thread that runs `generate()` to hand over each piece of text.
HF_TEXT_STREAMER = "transformers.TextIteratorStreamer"
BLOCKING_ITERATION: Dict[str, str] = {AZ_PAGED: "ACK102", HF_TEXT_STREAMER: "ACK106"}
