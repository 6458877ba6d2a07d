"""What the linter knows about libraries: blocking callables, the types calls return, coroutine functions.

Everything is keyed by qualified name as the linter resolves it (``time.sleep``, ``requests.Session.get``).
Instance methods are keyed ``<type>.<method>``, types by a canonical name (see CANONICAL).
"""
from __future__ import annotations

import functools
import re
from typing import Dict, FrozenSet, List, Optional, Tuple

from asynccheck.lint import aio_databases, brokers, chatbots, infra_clients, ml_clients, py2compat, sdks, ssh_clients, \
    wsgi_apps
from asynccheck.lint import cluster_clients, devops_clients, device_clients, domain_libraries, grpc_aio, home_assistant
from asynccheck.lint import ros, sdk_families, zeromq
from asynccheck.lint import agent_tools, ai_clients, exchanges, geo_market, search_clients
from asynccheck.lint import interactive, realtime, telemetry
from asynccheck.lint import data_clients, document_tools, file_libraries, mail_calendar, marketing_clients, media_tools, notify_clients, saas_clients
from asynccheck.lint import async_plumbing, async_twins, worker_frameworks
from asynccheck.lint import health_clients, ledger_clients, logistics_clients, telephony

WEBSOCKETS_SYNC_CONNECT = "websockets.sync.client.connect"
WEBSOCKETS_SYNC_CONNECTION = "websockets.sync.connection.Connection"

# Other spellings of the same object -> the canonical qualified name used in the tables below.
CANONICAL: Dict[str, str] = {
    "posixpath": "os.path",
    "ntpath": "os.path",
    "requests.sessions.Session": "requests.Session",
    "pygls.protocol.language_server.LanguageServerProtocol": "pygls.protocol.LanguageServerProtocol",
    "pygls.protocol.json_rpc.JsonRPCProtocol": "pygls.protocol.JsonRPCProtocol",
    "django.core.mail.message.EmailMessage": "django.core.mail.EmailMessage",
    "django.core.mail.message.EmailMultiAlternatives": "django.core.mail.EmailMultiAlternatives",
    "jwt.jwks_client.PyJWKClient": "jwt.PyJWKClient",
    "requests.sessions.session": "requests.Session",
    # requests-cache's session is a requests.Session that may answer from its cache (a SQLite file by default) and
    # otherwise sends the request
    "requests_cache.CachedSession": "requests.Session", "requests_cache.session.CachedSession": "requests.Session",
    "requests.session": "requests.Session",
    "requests.api": "requests",
    "pathlib.PosixPath": "pathlib.Path",
    "pathlib.WindowsPath": "pathlib.Path",
    "_thread.allocate_lock": "threading.Lock",
    "_thread.LockType": "threading.Lock",
    "_thread.RLock": "threading.RLock",
    "threading._RLock": "threading.RLock",
    "multiprocessing.synchronize.Lock": "multiprocessing.Lock",
    "redis.StrictRedis": "redis.Redis",
    "redis.client.Redis": "redis.Redis",
    "redis.client.StrictRedis": "redis.Redis",
    "redis.from_url": "redis.Redis",
    "redis.Redis.from_url": "redis.Redis",
    "httpx._client.Client": "httpx.Client",
    "httpx._client.AsyncClient": "httpx.AsyncClient",
    "concurrent.futures._base.Future": "concurrent.futures.Future",
    "concurrent.futures.thread.ThreadPoolExecutor": "concurrent.futures.ThreadPoolExecutor",
    "concurrent.futures.process.ProcessPoolExecutor": "concurrent.futures.ProcessPoolExecutor",
    "django.db.models.query.QuerySet": "django.db.models.QuerySet",
    # a manager hands its query methods on to a fresh query set
    "django.db.models.Manager": "django.db.models.QuerySet",
    "django.db.models.manager.Manager": "django.db.models.QuerySet",
    # watchdog's observers are threads (`Observer().join()` waits for its thread to end)
    **{f"watchdog.observers.{kind}": "threading.Thread" for kind in (
        "Observer", "api.BaseObserver", "polling.PollingObserver", "polling.PollingObserverVFS",
        "inotify.InotifyObserver", "fsevents.FSEventsObserver", "kqueue.KqueueObserver",
        "read_directory_changes.WindowsApiObserver")},
    "kombu.connection.Connection": "kombu.Connection", "kombu.BrokerConnection": "kombu.Connection",
    "kombu.messaging.Producer": "kombu.Producer", "kombu.SimpleQueue": "kombu.simple.SimpleQueue",
    "kombu.simple.SimpleBuffer": "kombu.simple.SimpleQueue", "kombu.SimpleBuffer": "kombu.simple.SimpleQueue",
    "asyncio.exceptions.CancelledError": "asyncio.CancelledError",
    "asyncio.futures.CancelledError": "asyncio.CancelledError",
    "asyncio.events.AbstractEventLoop": "asyncio.AbstractEventLoop",
    "asyncio.base_events.BaseEventLoop": "asyncio.AbstractEventLoop",
    # what start_server()/create_server() return, and the base class annotations name
    "asyncio.base_events.Server": "asyncio.Server",
    "asyncio.events.AbstractServer": "asyncio.Server",
    "asyncio.AbstractServer": "asyncio.Server",
    "shelve.DbfilenameShelf": "shelve.Shelf",
    "configparser.SafeConfigParser": "configparser.ConfigParser",
    "pymemcache.Client": "pymemcache.client.base.Client",
    "pymemcache.client.Client": "pymemcache.client.base.Client",
    "pymemcache.PooledClient": "pymemcache.client.base.PooledClient",
    "pymemcache.HashClient": "pymemcache.client.hash.HashClient",
    "pymemcache.client.HashClient": "pymemcache.client.hash.HashClient",
    "confluent_kafka.cimpl.Producer": "confluent_kafka.Producer",
    "confluent_kafka.cimpl.Consumer": "confluent_kafka.Consumer",
    "asyncio.BaseEventLoop": "asyncio.AbstractEventLoop",
    "asyncio.futures.Future": "asyncio.Future",
    "asyncio.tasks.Task": "asyncio.Task",
    "asyncio.taskgroups.TaskGroup": "asyncio.TaskGroup",
    "asyncio.subprocess.Process": "asyncio.subprocess.Process",
    "smtplib.SMTP_SSL": "smtplib.SMTP",
    # FastAPI re-exports Starlette's request, websocket and upload objects
    **{f"fastapi.{name}": f"starlette.{home}.{name.rpartition('.')[2]}" for name, home in (
        ("Request", "requests"), ("requests.Request", "requests"), ("WebSocket", "websockets"),
        ("websockets.WebSocket", "websockets"), ("UploadFile", "datastructures"),
        ("datastructures.UploadFile", "datastructures"), ("BackgroundTasks", "background"),
        ("background.BackgroundTasks", "background"))},
    "channels.generic.websocket.AsyncJsonWebsocketConsumer": "channels.generic.websocket.AsyncWebsocketConsumer",
    "fastapi.responses.StreamingResponse": "starlette.responses.StreamingResponse",
    "sanic.app.Sanic": "sanic.Sanic",
    "uvicorn.server.Server": "uvicorn.Server",
    "uvicorn.main.run": "uvicorn.run",
    "sanic.blueprints.Blueprint": "sanic.Blueprint",
    **{f"litestar.handlers.{name}": f"litestar.{name}" for name in ("get", "post", "put", "patch", "delete", "head",
                                                                   "route")},
    **{f"litestar.handlers.http_handlers.decorators.{name}": f"litestar.{name}"
       for name in ("get", "post", "put", "patch", "delete", "head")},
    # FastAPI re-exports Starlette's thread-pool bridges
    **{f"fastapi.concurrency.{name}": f"starlette.concurrency.{name}"
       for name in ("run_in_threadpool", "iterate_in_threadpool")},
    # py-filelock's flavours lock alike (its AsyncFileLock, entered with `async with`, is another type)
    **{f"filelock.{kind}": "filelock.FileLock" for kind in ("SoftFileLock", "UnixFileLock", "WindowsFileLock",
                                                           "BaseFileLock", "_api.BaseFileLock", "_soft.SoftFileLock",
                                                           "_unix.UnixFileLock", "_windows.WindowsFileLock")},
    "smtplib.LMTP": "smtplib.SMTP",
    # the standard library's servers (read without stubs too): what blocks in them is BaseServer's
    **{f"socketserver.{kind}": "socketserver.BaseServer" for kind in (
        "TCPServer", "UDPServer", "UnixStreamServer", "UnixDatagramServer", "ThreadingTCPServer",
        "ThreadingUDPServer", "ForkingTCPServer", "ForkingUDPServer", "ThreadingUnixStreamServer",
        "ThreadingUnixDatagramServer")},
    **{f"http.server.{kind}": "socketserver.BaseServer" for kind in ("HTTPServer", "ThreadingHTTPServer")},
    "xmlrpc.server.SimpleXMLRPCServer": "socketserver.BaseServer",
    "wsgiref.simple_server.WSGIServer": "socketserver.BaseServer",
    "ftplib.FTP_TLS": "ftplib.FTP",
    "psycopg2.extensions.connection": "psycopg2.connection",
    "psycopg2.extensions.cursor": "psycopg2.cursor",
    # websocket-client (the sync `websocket` package, not the async `websockets`)
    "websocket._core.WebSocket": "websocket.WebSocket",
    # websockets' sync client and server connections share their blocking methods
    **{f"websockets.sync.{kind}": "websockets.sync.connection.Connection"
       for kind in ("client.ClientConnection", "server.ServerConnection")},
    "websocket._core.create_connection": "websocket.create_connection",
    "websocket._app.WebSocketApp": "websocket.WebSocketApp",
    "pymysql.connections.Connection": "pymysql.Connection",
    "pymysql.cursors.Cursor": "pymysql.Cursor",
    "sqlite3.dbapi2.connect": "sqlite3.connect",
    "duckdb.duckdb.DuckDBPyConnection": "duckdb.DuckDBPyConnection",
    "duckdb.duckdb.DuckDBPyRelation": "duckdb.DuckDBPyRelation",
    "duckdb.duckdb.connect": "duckdb.connect",
    "urllib.request.OpenerDirector": "urllib.request.OpenerDirector",
    "io.open": "builtins.open",
    # (ElementTree's C twin, removed in 3.9, and defusedxml's hardened parser take the same arguments)
    "xml.etree.cElementTree": "xml.etree.ElementTree",
    "defusedxml.ElementTree.parse": "xml.etree.ElementTree.parse",
    "defusedxml.ElementTree.iterparse": "xml.etree.ElementTree.iterparse",
    "codecs.open": "builtins.open",
    "_io.open": "builtins.open",
    "_io.TextIOWrapper": "io.TextIOWrapper",
    "_io.BufferedReader": "io.BufferedReader",
    "_io.BufferedWriter": "io.BufferedWriter",
    "_io.BufferedRandom": "io.BufferedRandom",
    "_io.FileIO": "io.FileIO",
    "multiprocessing.Pool": "multiprocessing.pool.Pool",
    "multiprocessing.pool.ThreadPool": "multiprocessing.pool.Pool",
    "multiprocessing.dummy.Pool": "multiprocessing.pool.Pool",
    "multiprocessing.context.BaseContext.Pool": "multiprocessing.pool.Pool",
    "multiprocessing.pool.ApplyResult": "multiprocessing.pool.AsyncResult",
    "multiprocessing.pool.MapResult": "multiprocessing.pool.AsyncResult",
    "urllib3.poolmanager.PoolManager": "urllib3.PoolManager",
    "urllib3.connectionpool.HTTPConnectionPool": "urllib3.HTTPConnectionPool",
    "urllib3.connectionpool.HTTPSConnectionPool": "urllib3.HTTPConnectionPool",
    "urllib3.HTTPSConnectionPool": "urllib3.HTTPConnectionPool",
    "attr.field": "attr.ib",
    "attr.attrib": "attr.ib",
    "attrs.field": "attr.ib",
    "attrs.Factory": "attr.Factory",
    "pydantic.fields.Field": "pydantic.Field",
    "dataclasses.field": "dataclasses.field",
    "httpx2": "httpx",  # the maintained continuation of httpx, same API
    "urllib3.poolmanager.ProxyManager": "urllib3.ProxyManager",
    "urllib3.connectionpool.ConnectionPool": "urllib3.ConnectionPool",
    "urllib3.request.RequestMethods": "urllib3.RequestMethods",
    "urllib3._request_methods.RequestMethods": "urllib3.RequestMethods",
    "_io.BufferedRWPair": "io.BufferedRWPair",
    "tempfile._TemporaryFileWrapper": "tempfile.TemporaryFileWrapper",
    "tarfile.TarFile.open": "tarfile.open",
    "poplib.POP3_SSL": "poplib.POP3",
    "imaplib.IMAP4_SSL": "imaplib.IMAP4",
    "imaplib.IMAP4_stream": "imaplib.IMAP4",
    "mysql.connector.connection.MySQLConnection": "mysql.connector.MySQLConnection",
    "mysql.connector.connection_cext.CMySQLConnection": "mysql.connector.MySQLConnection",
    "mysql.connector.CMySQLConnection": "mysql.connector.MySQLConnection",
    "mysql.connector.cursor.MySQLCursor": "mysql.connector.MySQLCursor",
    "mysql.connector.cursor_cext.CMySQLCursor": "mysql.connector.MySQLCursor",
    "MySQLdb.connections.Connection": "MySQLdb.Connection",
    "MySQLdb.cursors.Cursor": "MySQLdb.Cursor",
    "psycopg.connection.Connection": "psycopg.Connection",
    **{f"psycopg_pool.{kind}": "psycopg_pool.ConnectionPool" for kind in (
        "pool.ConnectionPool", "NullConnectionPool", "null_pool.NullConnectionPool")},
    "psycopg.cursor.Cursor": "psycopg.Cursor",
    "redis.client.Pipeline": "redis.Pipeline",
    "redis.client.PubSub": "redis.PubSub",
    "redis.lock.Lock": "redis.Lock",
    "boto3.session.Session": "boto3.Session",
    "boto3.resources.base.ServiceResource": "boto3.ServiceResource",
    "pymongo.mongo_client.MongoClient": "pymongo.MongoClient",
    "pymongo.synchronous.mongo_client.MongoClient": "pymongo.MongoClient",
    "pymongo.synchronous.database.Database": "pymongo.database.Database",
    "pymongo.synchronous.collection.Collection": "pymongo.collection.Collection",
    "pymongo.synchronous.cursor.Cursor": "pymongo.cursor.Cursor",
    "pymongo.synchronous.command_cursor.CommandCursor": "pymongo.command_cursor.CommandCursor",
    "pymongo.Database": "pymongo.database.Database",
    "pymongo.Collection": "pymongo.collection.Collection",
    "xmlrpc.client.Server": "xmlrpc.client.ServerProxy",
    "pika.adapters.blocking_connection.BlockingConnection": "pika.BlockingConnection",
    "pika.adapters.blocking_connection.BlockingChannel": "pika.BlockingChannel",
    "kafka.producer.KafkaProducer": "kafka.KafkaProducer",
    "kafka.consumer.KafkaConsumer": "kafka.KafkaConsumer",
    "paramiko.client.SSHClient": "paramiko.SSHClient",
    "paramiko.sftp_client.SFTPClient": "paramiko.SFTPClient",
    "paramiko.sftp_client.SFTP": "paramiko.SFTPClient",
    "paramiko.SFTP": "paramiko.SFTPClient",
    "paramiko.sftp_file.SFTPFile": "paramiko.SFTPFile",
    "elasticsearch.client.Elasticsearch": "elasticsearch.Elasticsearch",
    "multiprocessing.queues.Queue": "multiprocessing.Queue",
    "multiprocessing.queues.JoinableQueue": "multiprocessing.JoinableQueue",
    "multiprocessing.queues.SimpleQueue": "multiprocessing.SimpleQueue",
    "pymongo.mongo_client.MongoClient": "pymongo.MongoClient",
    "pymongo.database.Database": "pymongo.database.Database",
    "pymongo.collection.Collection": "pymongo.collection.Collection",
    "sqlalchemy.orm.session.Session": "sqlalchemy.orm.Session",
    "sqlalchemy.orm.session.sessionmaker": "sqlalchemy.orm.sessionmaker",
    "sqlalchemy.orm.scoping.scoped_session": "sqlalchemy.orm.scoped_session",
    "sqlalchemy.orm.query.Query": "sqlalchemy.orm.Query",
    "sqlalchemy.engine.base.Engine": "sqlalchemy.engine.Engine",
    "sqlalchemy.Engine": "sqlalchemy.engine.Engine",
    "sqlalchemy.engine.create_engine": "sqlalchemy.create_engine",
    "sqlalchemy.engine.base.Connection": "sqlalchemy.engine.Connection",
    "sqlalchemy.Connection": "sqlalchemy.engine.Connection",
    "pandas.core.frame.DataFrame": "pandas.DataFrame",
    "PIL.ImageFile.ImageFile": "PIL.Image.Image",
    "openpyxl.workbook.workbook.Workbook": "openpyxl.Workbook", "openpyxl.workbook.Workbook": "openpyxl.Workbook",
    "openpyxl.reader.excel.load_workbook": "openpyxl.load_workbook",
    "aiohttp.client.ClientSession": "aiohttp.ClientSession",
    "aiohttp.client_reqrep.ClientResponse": "aiohttp.ClientResponse",
    **{name: "websockets.connect" for name in (
        "websockets.client.connect", "websockets.asyncio.client.connect", "websockets.legacy.client.connect")},
    **{name: "websockets.ClientConnection" for name in (
        "websockets.WebSocketClientProtocol", "websockets.client.WebSocketClientProtocol",
        "websockets.legacy.client.WebSocketClientProtocol", "websockets.asyncio.client.ClientConnection")},
    **{name: "websockets.ServerConnection" for name in (
        "websockets.WebSocketServerProtocol", "websockets.server.WebSocketServerProtocol",
        "websockets.legacy.server.WebSocketServerProtocol", "websockets.asyncio.server.ServerConnection")},
    **{name: "websockets.Connection" for name in (
        "websockets.WebSocketCommonProtocol", "websockets.legacy.protocol.WebSocketCommonProtocol",
        "websockets.asyncio.connection.Connection")},
    "redis.asyncio.client.Redis": "redis.asyncio.Redis",
    "redis.asyncio.StrictRedis": "redis.asyncio.Redis",
    "redis.asyncio.client.StrictRedis": "redis.asyncio.Redis",
    "redis.asyncio.client.Pipeline": "redis.asyncio.Pipeline",
    "redis.asyncio.utils.from_url": "redis.asyncio.from_url",
    "aiofiles.threadpool.open": "aiofiles.open",
    **sdks.CANONICAL,
    **chatbots.CANONICAL,
    **exchanges.CANONICAL,
    **grpc_aio.CANONICAL,
    **zeromq.CANONICAL,
    **brokers.CANONICAL,
    **aio_databases.CANONICAL,
    **ssh_clients.CANONICAL,
    **infra_clients.CANONICAL,
    **data_clients.CANONICAL,
    **file_libraries.CANONICAL,
    **document_tools.CANONICAL,
    **notify_clients.CANONICAL,
    **saas_clients.CANONICAL,
    **mail_calendar.CANONICAL,
    **health_clients.CANONICAL,
    **ledger_clients.CANONICAL,
    **telephony.CANONICAL,
    **logistics_clients.CANONICAL,
    **marketing_clients.CANONICAL,
    **media_tools.CANONICAL,
    **async_twins.CANONICAL,
    "yagmail.sender.SMTP": "yagmail.SMTP",
    **cluster_clients.CANONICAL,
    **search_clients.CANONICAL,
    **geo_market.CANONICAL,
    **devops_clients.CANONICAL,
    **device_clients.CANONICAL,
    **domain_libraries.CANONICAL,
    **async_plumbing.CANONICAL,
    **interactive.CANONICAL,
    **telemetry.CANONICAL,
    **worker_frameworks.CANONICAL,
    **realtime.CANONICAL,
    **ml_clients.CANONICAL,
    **agent_tools.CANONICAL,
    **ai_clients.CANONICAL,
    **py2compat.CANONICAL,
    **home_assistant.CANONICAL,
    "asyncpg.pool.Pool": "asyncpg.Pool",
    "asyncpg.connection.Connection": "asyncpg.Connection",
    # what `async with pool.acquire() as conn` binds: the connection's methods, on loan from the pool
    "asyncpg.pool.PoolConnectionProxy": "asyncpg.Connection",
}
for _mod in ("asyncio.queues", "asyncio.locks", "asyncio.tasks", "asyncio.events", "asyncio.runners",
             "asyncio.streams", "asyncio.subprocess", "asyncio.threads", "asyncio.timeouts"):
    for _name in ("Queue", "LifoQueue", "PriorityQueue", "Event", "Lock", "Condition", "Semaphore",
                  "BoundedSemaphore", "create_task", "ensure_future", "sleep", "wait_for", "wait", "gather",
                  "run", "get_event_loop", "get_running_loop", "new_event_loop", "open_connection",
                  "start_server", "create_subprocess_exec", "create_subprocess_shell", "to_thread",
                  "run_coroutine_threadsafe", "shield", "timeout"):
        CANONICAL.setdefault(f"{_mod}.{_name}", f"asyncio.{_name}")


@functools.lru_cache(maxsize=1)
def _written_names() -> Dict[str, Tuple[str, ...]]:
    out: Dict[str, List[str]] = {}
    for written, name in CANONICAL.items():
        out.setdefault(name, []).append(written)
    return {name: tuple(sorted(written, key=len, reverse=True)) for name, written in out.items()}


def written_names(name: str) -> Tuple[str, ...]:
    """The paths ``canonical`` gives ``name`` for (a library's own modules: `slack_bolt.app.app.App` for
    `slack_bolt.App`), the longest first. (Read after every table has added its names.)"""
    return _written_names().get(name, ())


def canonical(name: str) -> str:
    if name in CANONICAL:
        return CANONICAL[name]
    if name.startswith(("mypy_boto3_", "types_aiobotocore_")):
        # the typed stubs of boto3 and aiobotocore: `mypy_boto3_s3.client.S3Client` is a boto3 client,
        # `types_aiobotocore_s3.client.S3Client` an aiobotocore one (what aioboto3's session makes too)
        module, _, last = name.rpartition(".")
        package = "." not in module  # `from mypy_boto3_s3 import S3Client`: the package re-exports both kinds
        sync = name.startswith("mypy_boto3_")
        if (module.endswith(".client") or package) and last.endswith("Client"):
            return "botocore.client.BaseClient" if sync else cluster_clients.AIOBOTO_CLIENT
        if sync and (module.endswith(".service_resource") or (package and last.endswith("ServiceResource"))):
            return BOTO3_RESOURCE
    if name.startswith("langchain"):
        provided = agent_tools.provider_class(name)
        if provided is not None:
            return provided
    head, dot, tail = name.rpartition(".")
    while head:
        if head in CANONICAL:
            return CANONICAL[head] + dot + name[len(head) + 1:]
        head, dot, _ = head.rpartition(".")
    return name


def _table(code: str, *names: str) -> Dict[str, str]:
    return {name: code for name in names}


def _methods(code: str, types: Tuple[str, ...], methods: str) -> Dict[str, str]:
    return {f"{t}.{m}": code for t in types for m in methods.split()}


# The only sleeps `--fix` rewrites to `await asyncio.sleep(...)`: their argument is a delay in seconds and they do
# nothing but wait. Every other ACK101 call keeps its finding without a fix (`sounddevice.sleep(ms)` and
# `pygame.time.wait(ms)` count milliseconds, `clock.tick(fps)` a frame rate, `plt.pause(s)` also redraws).
SECONDS_SLEEPS = frozenset({"time.sleep"})

PATH_TYPES = ("pathlib.Path",)
# boto3's resources (`boto3.resource("s3")`, its `Bucket(...)`, `Object(...)`, `Table(...)`): the capitalised
# methods make sub-resources without a request (see SUBRESOURCE_FACTORIES); every other public method is one.
BOTO3_RESOURCE = "boto3.ServiceResource"
SUBRESOURCE_FACTORIES: FrozenSet[str] = frozenset({BOTO3_RESOURCE})
# A resource's collections (`bucket.objects`, `ec2.instances`): `all()`, `filter(...)`, `limit(n)`,
# `page_size(n)` make a lazy collection without a request; iterating it (or a batch action on it) pages
# through the service.
BOTO3_COLLECTION = "boto3.resources.collection.ResourceCollection"
BOTO3_PAGINATOR, BOTO3_PAGES = "botocore.paginate.Paginator", "botocore.paginate.PageIterator"
COLLECTION_BUILDERS: FrozenSet[str] = frozenset({"all", "filter", "limit", "page_size"})
PIPE_END = "multiprocessing.connection.Connection"
# Django's lazy query set (a model's `objects` manager is one, see django_orm.py): these build another without a
# query; the terminal methods below run SQL, and so does iterating it. Each has an awaited twin, `a<name>`.
DJANGO_QUERYSET = "django.db.models.QuerySet"
_DJANGO_BUILDERS = ("all filter exclude order_by select_related prefetch_related values values_list annotate alias "
                    "only defer using distinct select_for_update none reverse union intersection difference "
                    "complex_filter").split()
_DJANGO_QUERIES = ("get first last count exists create get_or_create update_or_create bulk_create bulk_update "
                   "update delete aggregate in_bulk earliest latest contains explain")
# a model instance (what `get()`, `first()`, `create()` give): writing or reloading it is a query too
DJANGO_MODEL = "django.db.models.Model"
DJANGO_MODEL_QUERIES = ("save", "delete", "refresh_from_db")
_DJANGO_ONE_ROW = ("get", "first", "last", "earliest", "latest", "create")
# How values of a type are made where no single callable's name says it (listed on the rule pages; one that starts
# with a placeholder is an attribute read, `<model>.objects`).
MADE_ELSEWHERE: Dict[str, Tuple[str, ...]] = {
    BOTO3_COLLECTION: tuple(f"{BOTO3_RESOURCE}.<collection>.{method}" for method in sorted(COLLECTION_BUILDERS)),
    DJANGO_QUERYSET: ("<model>.objects",),
    # (what the tuples they return hold: see UNPACKED_SYNC)
    PIPE_END: ("multiprocessing.Pipe",),
    "socket.socket": ("socket.socketpair", "socket.socket.accept"),
}
MONGO_CLIENT, MONGO_DATABASE, MONGO_COLLECTION = "pymongo.MongoClient", "pymongo.database.Database", "pymongo.collection.Collection"
KOMBU_CONNECTION, KOMBU_PRODUCER, KOMBU_SIMPLE_QUEUE = "kombu.Connection", "kombu.Producer", "kombu.simple.SimpleQueue"
SA_SESSION, SA_QUERY = "sqlalchemy.orm.Session", "sqlalchemy.orm.Query"
SA_ENGINE, SA_CONNECTION = "sqlalchemy.engine.Engine", "sqlalchemy.engine.Connection"
# Sync file objects: what open(), os.fdopen(), Path.open(), io.open_code(), tempfile and the archive and
# compressed-file modules return. io.StringIO and io.BytesIO are not here (memory only), nor the abstract
# io.IOBase / typing.IO / TextIO (often sys.stdout or a StringIO).
FILE_TYPE = "io.TextIOWrapper"
# what `socket.makefile()` gives: a buffered file over the socket (socket.SocketIO underneath)
SOCKET_FILE = "socket.SocketIO"
# An uploaded file as Starlette (FastAPI) keeps it, `upload.file`: a `tempfile.SpooledTemporaryFile` that rolls over
# to disk past 1 MB, read by its own async methods in a thread (`await upload.read()`). Its sync methods are file
# I/O; one made by the code itself is not listed (in memory until it passes the `max_size` it was given).
UPLOAD_SPOOL = "tempfile.SpooledTemporaryFile"
FILE_TYPES = (FILE_TYPE, "io.BufferedReader", "io.BufferedWriter", "io.BufferedRandom", "io.BufferedRWPair",
              "io.FileIO", "gzip.GzipFile", "bz2.BZ2File", "lzma.LZMAFile", "zipfile.ZipExtFile", "tarfile.ExFileObject",
              "tempfile.TemporaryFileWrapper", "codecs.StreamReaderWriter", UPLOAD_SPOOL)
POOL_TYPE = "multiprocessing.pool.Pool"
# A child's pipe (`proc.stdout` of a Popen made with `stdout=PIPE`): a sync file whose reads wait for the child
# to write (and writes, on a full pipe, for it to read); with `text=True` a TextIOWrapper over it, alike.
CHILD_PIPE = "subprocess.ChildPipe"
KAFKA_SEND_FUTURE = "kafka.producer.future.FutureRecordMetadata"
# grpc: a stub generated by protoc (`inventory_pb2_grpc.InventoryStub(channel)`) made on a sync channel calls the
# server and waits for its answer at each method; on a grpc.aio channel the same stub's methods are awaited
GRPC_CHANNEL = "grpc.Channel"
GRPC_SYNC_STUB = "grpc.GeneratedSyncStub"
GRPC_STUB_CLASS = re.compile(r"(?:^|\.)\w+_pb2_grpc\.\w+Stub$")
# the sync API's own waits: `grpc.channel_ready_future(ch)` is a grpc.Future whose `result()` waits for the channel
# to connect, and a sync server (`grpc.server(executor)`) serves on its pool's threads while
# `wait_for_termination()` parks the caller until it stops
GRPC_FUTURE = "grpc.Future"
GRPC_SERVER = "grpc.Server"
APSCHEDULER_BACKGROUND = "apscheduler.schedulers.background.BackgroundScheduler"
# the blocking scheduler runs its jobs in the same thread pool, from the thread that called its start()
APSCHEDULER_BLOCKING = "apscheduler.schedulers.blocking.BlockingScheduler"
APSCHEDULER_THREADED = (APSCHEDULER_BACKGROUND, APSCHEDULER_BLOCKING)
# Web frameworks that call a plain (sync) route handler on the loop's thread: Litestar's route decorators when
# given `sync_to_thread=False`, and Sanic's routes (context._loop_run_handler).
LITESTAR_ROUTES: FrozenSet[str] = frozenset(
    f"litestar.{name}" for name in ("get", "post", "put", "patch", "delete", "head", "route")
)
SANIC_ROUTERS: FrozenSet[str] = frozenset({"sanic.Sanic", "sanic.Blueprint"})
SANIC_ROUTE_METHODS: FrozenSet[str] = frozenset("route get post put patch delete head options".split())
# its asyncio scheduler awaits a coroutine function's job on the loop, but runs a plain function's job in the loop's
# default executor (a thread pool)
APSCHEDULER_ASYNCIO = "apscheduler.schedulers.asyncio.AsyncIOScheduler"
EXECUTOR_TYPES = ("concurrent.futures.Executor", "concurrent.futures.ThreadPoolExecutor",
                  "concurrent.futures.ProcessPoolExecutor")
HTTP_METHODS = "get post put patch delete head options request send stream"
# Sync HTTP clients (a module or a type) whose public callables are the HTTP verbs: a verb chosen at run time,
# `getattr(session, method.lower())(url)`, is a request like any of them, which `request` stands for.
VERB_DISPATCH: Dict[str, str] = {"requests": "requests.request", "requests.Session": "requests.Session.request",
                                 "httpx": "httpx.request", "httpx.Client": "httpx.Client.request"}
URLLIB3_POOLS = ("urllib3.PoolManager", "urllib3.ProxyManager", "urllib3.HTTPConnectionPool",
                 "urllib3.ConnectionPool", "urllib3.RequestMethods")
_DBAPI_CONNECTION = "execute executemany executescript commit rollback"
DUCKDB_CONNECTION, DUCKDB_RELATION = "duckdb.DuckDBPyConnection", "duckdb.DuckDBPyRelation"
# DB-API 2 drivers whose module-level connect() gives a `<driver>.Connection` making `<driver>.Cursor`s
_DBAPI_DRIVERS = ("pyodbc", "oracledb", "cx_Oracle", "pymssql",
                  # warehouses' and query engines' DB-API drivers: each query waits for the engine to run it
                  "databricks.sql", "pyathena", "trino.dbapi", "redshift_connector", "vertica_python", "teradatasql",
                  "pyhive.hive", "pyhive.presto", "impala.dbapi")
_DBAPI_CURSOR = "execute executemany executescript fetchone fetchall fetchmany callproc nextset"

# Readers and writers of data files: callable -> (position, keyword) of the path or file they are given.
_DATA_FILE_ARGUMENTS: Dict[str, Tuple[int, str]] = {
    "xml.etree.ElementTree.parse": (0, "source"), "xml.etree.ElementTree.iterparse": (0, "source"),
    "lxml.etree.parse": (0, "source"), "lxml.etree.iterparse": (0, "source"),
    "lxml.html.parse": (0, "filename_or_url"),
    **{f"numpy.{f}": (0, "file") for f in ("load", "save", "savez", "savez_compressed", "fromfile")},
    **{f"numpy.{f}": (0, "fname") for f in ("loadtxt", "savetxt", "genfromtxt")},
    **{f"scipy.io.{f}": (0, "file_name") for f in ("loadmat", "savemat", "whosmat", "readsav")},
    "scipy.io.mmread": (0, "source"), "scipy.io.mmwrite": (0, "target"),
    "scipy.io.wavfile.read": (0, "filename"), "scipy.io.wavfile.write": (0, "filename"),
    "torch.load": (0, "f"), "torch.save": (1, "f"), "torch.jit.load": (0, "f"), "torch.jit.save": (1, "f"),
    "openpyxl.load_workbook": (0, "filename"),
    # the `toml` package's `load` takes a path (or a list of them) as readily as an open file
    "toml.load": (0, "f"),
    "joblib.load": (0, "filename"), "joblib.dump": (1, "filename"),
}

# Readers of data files that fetch what a URL names as well (pandas hands an `http(s)://` or `ftp://` path to
# urllib): callable -> (position, keyword) of the path. Handed a URL, the call is a request, not file I/O.
URL_READERS: Dict[str, Tuple[int, str]] = {
    **{f"pandas.read_{kind}": (0, "filepath_or_buffer") for kind in "csv table fwf json pickle xml stata sas".split()},
    **{f"pandas.read_{kind}": (0, "path") for kind in "parquet feather orc".split()},
    "pandas.read_excel": (0, "io"),
    "imageio.imread": (0, "uri"), "imageio.v3.imread": (0, "uri"),
    "smart_open.open": (0, "uri"), "fsspec.open": (0, "urlpath"),
    # lxml's parsers fetch an http(s) or ftp URL they are handed themselves
    "lxml.etree.parse": (0, "source"), "lxml.html.parse": (0, "filename_or_url"),
}

# Blocking functions (and constructors) -> code. Not `os.fdopen`: wrapping a descriptor one holds does no I/O,
# and the file is often handed to the loop (`loop.connect_read_pipe(f)`, `anyio.wrap_file(f)`); its reads and
# writes are reported (RETURNS makes it a file). Not `pymongo.MongoClient`: since pymongo 3 its constructor
# connects in background threads and returns at once; the client's queries are what wait (its type's methods).
BLOCKING_FUNCTIONS: Dict[str, str] = {
    **_table("ACK101", "time.sleep"),
    **_table(
        "ACK102",
        *(f"requests.{m}" for m in "get post put patch delete head options request".split()),
        *(f"httpx.{m}" for m in "get post put patch delete head options request stream".split()),
        "urllib.request.urlopen", "urllib.request.urlretrieve", "urllib3.request",
        # fetches a URL (or reads a path) it is given; a document it is handed is parsed in memory
        "feedparser.parse",
    ),
    **_table(
        "ACK103",
        "builtins.open", "os.open", "io.open_code", "io.FileIO", "os.listdir", "os.scandir", "os.walk",
        "os.remove", "os.unlink", "os.rename", "os.renames", "os.replace", "os.mkdir", "os.makedirs", "os.rmdir",
        "os.removedirs", "os.truncate", "os.fsync", "os.fdatasync", "os.sendfile", "os.read", "os.write",
        "os.pread", "os.pwrite", "os.readv", "os.writev", "os.copy_file_range", "os.chmod", "os.chown",
        "os.lchown", "os.link", "os.symlink", "os.utime", "os.mkfifo",
        "shutil.copy", "shutil.copy2", "shutil.copyfile", "shutil.copytree", "shutil.move", "shutil.rmtree",
        "shutil.copyfileobj", "shutil.make_archive", "shutil.unpack_archive",
        "shutil.copymode", "shutil.copystat", "shutil.chown",
        "glob.glob", "glob.iglob", "tarfile.open", "zipfile.ZipFile", "gzip.open", "bz2.open", "lzma.open",
        "wave.open",  # a path opens the file (a WAV written or read on the loop); a BytesIO stays in memory
        "tempfile.NamedTemporaryFile", "tempfile.TemporaryFile", "tempfile.mkstemp", "tempfile.mkdtemp",
        "tempfile.TemporaryDirectory",  # (not SpooledTemporaryFile: memory until it rolls over past max_size)
        # the dbm family opens (and may create) a database file; a shelf is a dbm file under pickle
        "shelve.open", "dbm.open", "dbm.gnu.open", "dbm.ndbm.open", "dbm.dumb.open", "dbm.sqlite3.open",
        # ~/.netrc is read when the object is made; a default TLS context reads the system's CA bundle (some
        # 150 certificates, tens of milliseconds) and any `cafile`/`capath` it is given, each time it is made
        "netrc.netrc", "ssl.create_default_context",
        # a single-file mailbox opens (or creates) its file when it is made
        "mailbox.mbox", "mailbox.MMDF", "mailbox.Babyl",
    ),
    **_table(
        "ACK104",
        # python-nmap runs the `nmap` program and waits for its XML report
        "nmap.PortScanner.scan",
        "subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output",
        "subprocess.getoutput", "subprocess.getstatusoutput", "subprocess.Popen", "os.system", "os.popen",
        "os.posix_spawn", "os.posix_spawnp", "os.wait", "os.waitpid", "os.wait3", "os.wait4", "os.waitid",
        "os.spawnl", "os.spawnle", "os.spawnlp", "os.spawnlpe", "os.spawnv", "os.spawnve", "os.spawnvp",
        "os.spawnvpe",
    ),
    **_table(
        "ACK105",
        "socket.create_connection", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex",
        "socket.gethostbyaddr", "socket.getnameinfo", "socket.getfqdn",
        # connects, does a TLS handshake and reads the peer's certificate
        "ssl.get_server_certificate",
        # ICMP probes wait for the replies, up to their timeout (icmplib's `async_ping`... are the async twins)
        *(f"icmplib.{f}" for f in "ping multiping traceroute resolve".split()),
        "ping3.ping", "ping3.verbose_ping", "pythonping.ping",
        # a WHOIS query over TCP port 43 (python-whois, and the `whois` package), an SNTP query over UDP
        "whois.whois", "whois.query", "ntplib.NTPClient.request",
        # dnspython's sync resolver and queries wait for the name servers (its `dns.asyncresolver` does not)
        *(f"dns.resolver.{f}" for f in "resolve query resolve_address resolve_name canonical_name "
                                       "zone_for_name".split()),
        *(f"dns.query.{f}" for f in "udp tcp tls https quic udp_with_fallback xfr inbound_xfr".split()),
        "smtplib.SMTP", "ftplib.FTP", "poplib.POP3", "imaplib.IMAP4", "telnetlib.Telnet", "sqlite3.connect", "psycopg2.connect", "psycopg.connect", "pymysql.connect",
        "MySQLdb.connect", "mysql.connector.connect", "pika.BlockingConnection",
        # paho's one-shot helpers connect to the broker, send, and wait for the acknowledgements before returning
        "paho.mqtt.publish.single", "paho.mqtt.publish.multiple", "paho.mqtt.subscribe.simple",
        "paho.mqtt.subscribe.callback",
        # the system keyring's service (Secret Service over D-Bus, the macOS keychain), which may also wait for
        # the user to unlock it
        *(f"keyring.{f}" for f in ("get_password", "set_password", "delete_password", "get_credential")),
        # DuckDB opens (and locks) its database file; its queries then run on the calling thread
        "duckdb.connect",
        # APSW opens its database file when the connection is made
        "apsw.Connection",
        # Django's mail API talks SMTP through the configured backend on the calling thread (it has no async
        # twin; `sync_to_async(send_mail)` is the documented way from an async view)
        *(f"django.core.mail.{f}" for f in ("send_mail", "send_mass_mail", "mail_admins", "mail_managers")),
        "kafka.KafkaProducer", "kafka.KafkaConsumer", "websocket.create_connection",
        # websockets' sync API (websockets 12+): connecting opens the socket and waits for the handshake
        WEBSOCKETS_SYNC_CONNECT, "websockets.sync.client.unix_connect",
        # more DB-API drivers: connecting logs in over the network
        *(f"{driver}.connect" for driver in _DBAPI_DRIVERS),
    ),
    **_table(
        "ACK106",
        # an advisory lock on a file waits for the process holding it (unless asked with LOCK_NB)
        "fcntl.flock", "fcntl.lockf",
        "select.select", "concurrent.futures.wait", "concurrent.futures.as_completed", "signal.pause",
        # waits until one of the pipe ends, sockets or process sentinels it is given is ready
        "multiprocessing.connection.wait",
        "signal.sigwait", "signal.sigwaitinfo", "signal.sigtimedwait",
        # waits until PortAudio's callback thread has played or recorded the whole buffer `play()`/`rec()` began
        "sounddevice.wait",
    ),
    **_table("ACK101", "sounddevice.sleep"),
    **_table("ACK107", "builtins.input", "sys.stdin.read", "sys.stdin.readline", "sys.stdin.readlines", "getpass.getpass"),
    # click's prompts wait for a keypress or a line (typer re-exports them; asyncclick's `prompt` is a
    # coroutine function, but its `confirm`, `getchar` and `pause` are the sync ones)
    **_table("ACK107", *(f"{cli}.{f}" for cli in ("click", "click.termui", "typer") for f in
                         ("prompt", "confirm", "getchar", "pause")),
             *(f"{cli}.{f}" for cli in ("asyncclick", "asyncclick.termui") for f in ("confirm", "getchar", "pause")),
             *(f"rich.prompt.{kind}.ask" for kind in ("Prompt", "Confirm", "IntPrompt", "FloatPrompt"))),
    # opens the user's editor on a temporary file and waits until it is closed
    **_table("ACK104", "click.edit", "click.termui.edit", "typer.edit", "asyncclick.edit", "asyncclick.termui.edit"),
    # anyio's and trio's way back from a worker thread to the loop: on the loop's own thread there is nothing to
    # go back to (RuntimeError, or a wait for itself)
    # (`anyio.run` and `trio.run` start a loop of their own: on the loop's thread, a RuntimeError or a loop
    # run inside the running one until it ends)
    **_table("ACK108", "asyncio.run", "anyio.run", "trio.run", "anyio.from_thread.run", "anyio.from_thread.run_sync", "trio.from_thread.run",
             "trio.from_thread.run_sync"),
    # web servers' script entry points: each runs a loop of its own (asyncio.run) and serves until stopped
    **_table("ACK108", "uvicorn.run", "aiohttp.web.run_app"),
    **_table(
        "ACK103",
        *(f"pandas.read_{kind}" for kind in "csv table fwf json excel parquet feather pickle orc stata sas spss "
                                            "hdf xml html".split()),
        "PIL.Image.open",
        # data files read or written by path (an in-memory buffer instead: NON_BLOCKING_ARGS)
        *_DATA_FILE_ARGUMENTS,
        # logging's file handlers open their file when made (unless told `delay=True`)
        "logging.FileHandler", "logging.handlers.RotatingFileHandler", "logging.handlers.TimedRotatingFileHandler",
        "logging.handlers.WatchedFileHandler",
    ),
    **_table("ACK105", "pandas.read_sql", "pandas.read_sql_query", "pandas.read_sql_table"),
    # Django's shortcuts run the query on the model, manager or query set they are handed (`aget_object_or_404`
    # and `aget_list_or_404`, Django 5.0, are their coroutine twins)
    **_table("ACK105", "django.shortcuts.get_object_or_404", "django.shortcuts.get_list_or_404"),
    **_table(
        "ACK110",
        "os.path.exists", "os.path.isfile", "os.path.isdir", "os.path.islink", "os.path.lexists",
        "os.path.getsize", "os.path.getmtime", "os.path.getatime", "os.path.getctime", "os.path.samefile",
        "os.path.realpath", "os.stat", "os.lstat", "os.access", "os.path.ismount", "os.path.isjunction",
        "os.readlink", "os.statvfs",
        # a relative path is made absolute with the process's working directory, which they ask the OS for
        "os.path.abspath", "os.path.relpath", "os.getcwd", "os.getcwdb",
        "shutil.disk_usage",  # (os.statvfs on POSIX, GetDiskFreeSpaceExW on Windows: a look at the file system)
    ),
    **sdks.BLOCKING_FUNCTIONS,
    **infra_clients.BLOCKING_FUNCTIONS,
    **data_clients.BLOCKING_FUNCTIONS,
    **file_libraries.BLOCKING_FUNCTIONS,
    **document_tools.BLOCKING_FUNCTIONS,
    **notify_clients.BLOCKING_FUNCTIONS,
    **saas_clients.BLOCKING_FUNCTIONS,
    **mail_calendar.BLOCKING_FUNCTIONS,
    **health_clients.BLOCKING_FUNCTIONS,
    **ledger_clients.BLOCKING_FUNCTIONS,
    **telephony.BLOCKING_FUNCTIONS,
    **logistics_clients.BLOCKING_FUNCTIONS,
    **marketing_clients.BLOCKING_FUNCTIONS,
    **media_tools.BLOCKING_FUNCTIONS,
    **cluster_clients.BLOCKING_FUNCTIONS,
    **devops_clients.BLOCKING_FUNCTIONS,
    **zeromq.BLOCKING_FUNCTIONS,
    **ml_clients.BLOCKING_FUNCTIONS,
    **device_clients.BLOCKING_FUNCTIONS,
    **domain_libraries.BLOCKING_FUNCTIONS,
    **interactive.BLOCKING_FUNCTIONS,
    **interactive.BLOCKING_FUNCTIONS_TK,
    **telemetry.BLOCKING_FUNCTIONS,
    **search_clients.BLOCKING_FUNCTIONS,
    **geo_market.BLOCKING_FUNCTIONS,
    **agent_tools.BLOCKING_FUNCTIONS,
    **ai_clients.BLOCKING_FUNCTIONS,
}

# A Celery task (what `@app.task` and `@shared_task` make of a function) and the handle on its result.
CELERY_TASK = "celery.app.task.Task"
CELERY_RESULT = "celery.result.AsyncResult"

# Blocking methods, keyed by type: (types, code, the methods of their instances that block).
BLOCKING_METHODS: Tuple[Tuple[Tuple[str, ...], str, str], ...] = (
    # a Celery result handle waits for a worker to finish the task (`ready()` and `state` only look)
    ((CELERY_RESULT, "celery.result.GroupResult"), "ACK106", "get wait join join_native"),
    (("requests.Session",), "ACK102", HTTP_METHODS),
    # OAuth sessions (requests-oauthlib's, authlib's requests client) are Sessions (CANONICAL) whose token calls
    # are requests to the provider
    (("requests.Session",), "ACK102",
     "fetch_token refresh_token revoke_token introspect_token fetch_request_token fetch_access_token"),
    (("httpx.Client",), "ACK102", HTTP_METHODS + " close"),  # closing sends HTTP/2 GOAWAY, TLS close_notify
    (("http.client.HTTPConnection", "http.client.HTTPSConnection"), "ACK102",
     "request getresponse connect endheaders send"),
    (("http.client.HTTPResponse",), "ACK102", "read read1 readinto readline readlines peek"),
    (("urllib.request.OpenerDirector",), "ACK102", "open"),
    # a robots.txt parser fetches its URL with urlopen when told to read it; `parse` takes lines already fetched
    (("urllib.robotparser.RobotFileParser",), "ACK102", "read"),
    # PyJWT's JWKS client downloads the key set with urlopen on a cache miss (the first call, then each lifespan)
    (("jwt.PyJWKClient",), "ACK102", "get_signing_key_from_jwt get_signing_key get_signing_keys get_jwk_set fetch_data"),
    (PATH_TYPES, "ACK103",
     "read_text read_bytes write_text write_bytes open touch unlink mkdir rmdir rename replace iterdir glob "
     "rglob chmod lchmod symlink_to hardlink_to link_to walk copy copy_into move move_into"),
    ((sdks.TWILIO,), "ACK102", sdks.TWILIO_REQUESTS),
    (("subprocess.Popen",), "ACK104", "wait communicate"),
    (("django.core.mail.EmailMessage", "django.core.mail.EmailMultiAlternatives"), "ACK105", "send"),
    # each read or write of a shelf goes to its dbm file (item access too, which no call shows)
    (("shelve.Shelf",), "ACK103", "get pop setdefault update sync close"),
    # certificate, key and CA files read from disk (`load_verify_locations(cadata=pem)` is memory: see below)
    (("ssl.SSLContext",), "ACK103",
     "load_cert_chain load_verify_locations load_dh_params load_default_certs set_default_verify_paths"),
    (("configparser.RawConfigParser", "configparser.ConfigParser"), "ACK103", "read"),
    # (`do_handshake` is a TLS socket's, an SSLSocket from `wrap_socket`: it exchanges records with the peer;
    # `wrap_bio`'s SSLObject, which works on memory buffers, is another type)
    (("socket.socket",), "ACK105",
     "connect connect_ex accept recv recv_into recvfrom recvfrom_into recvmsg send sendall sendto sendmsg sendfile "
     "do_handshake"),
    # the file `sock.makefile()` gives: its reads wait for the peer, its writes and flushes for the socket to take
    # the bytes (makefile needs a socket in blocking mode: it is never the loop's); iterating it reads lines
    ((SOCKET_FILE,), "ACK105", "read read1 readline readlines readinto write writelines flush"),
    # (`iterdump` reads the schema and every row as the dump it returns is iterated)
    (("sqlite3.Connection",), "ACK105", _DBAPI_CONNECTION + " backup iterdump"),
    # APSW, SQLite's own API for Python: statements run (and a cursor's rows are stepped) in the calling thread
    (("apsw.Connection",), "ACK105", "execute executemany backup wal_checkpoint cache_flush blob_open"),
    (("apsw.Cursor",), "ACK105", "execute executemany fetchone fetchall"),
    # DuckDB runs a query in the process, on the calling thread, over its database file (and the files a query
    # names): a connection's statements and fetches, and a relation's (`con.sql(q)` builds one, lazily) fetches
    # and writes
    ((DUCKDB_CONNECTION,), "ACK105", _DBAPI_CONNECTION + " fetchone fetchall fetchmany fetchdf fetch_df fetchnumpy "
                                                         "fetch_arrow_table arrow df pl checkpoint install_extension "
                                                         "load_extension"),
    ((DUCKDB_RELATION,), "ACK105", "fetchone fetchall fetchmany fetchdf fetch_df fetchnumpy fetch_arrow_table arrow "
                                   "df pl to_df execute write_csv to_csv write_parquet to_parquet to_table create "
                                   "insert_into show"),
    (("psycopg2.connection", "psycopg.Connection"), "ACK105", _DBAPI_CONNECTION),
    (("pymysql.Connection", "MySQLdb.Connection"), "ACK105", _DBAPI_CONNECTION + " ping select_db"),
    (tuple(f"{driver}.Connection" for driver in _DBAPI_DRIVERS), "ACK105", _DBAPI_CONNECTION + " ping"),
    (tuple(f"{driver}.Cursor" for driver in _DBAPI_DRIVERS), "ACK105", _DBAPI_CURSOR),
    # librdkafka's clients: these wait for delivery reports, messages or the broker (up to their timeout)
    (("confluent_kafka.Producer",), "ACK105", "flush poll list_topics init_transactions commit_transaction"),
    (("confluent_kafka.Consumer",), "ACK105", "poll consume close list_topics committed get_watermark_offsets"),
    (("mysql.connector.MySQLConnection",), "ACK105", _DBAPI_CONNECTION + " ping reconnect cmd_query is_connected"),
    (("sqlite3.Cursor", "pymysql.Cursor", "MySQLdb.Cursor", "mysql.connector.MySQLCursor", "psycopg.Cursor"),
     "ACK105", _DBAPI_CURSOR),
    (("psycopg2.cursor",), "ACK105", _DBAPI_CURSOR + " copy_from copy_to copy_expert scroll"),
    (("redis.Pipeline",), "ACK105", "execute watch unwatch immediate_execute_command"),
    (("pika.BlockingConnection",), "ACK105", "channel close process_data_events sleep"),
    # kombu (Celery's messaging layer): connecting, publishing and waiting for messages are round trips to the broker
    ((KOMBU_CONNECTION,), "ACK105", "connect ensure_connection drain_events"),
    ((KOMBU_PRODUCER,), "ACK105", "publish"),
    ((KOMBU_SIMPLE_QUEUE,), "ACK105", "get put clear"),
    (("kafka.KafkaProducer",), "ACK105", "flush close"),
    # lending a connection waits for a free one (up to the pool's timeout, 30 s by default); `wait` for the pool
    # to fill, `close` for its workers
    (("psycopg_pool.ConnectionPool",), "ACK105", "connection getconn wait close check"),
    # websocket-client's connection: a blocking socket underneath
    (("websocket.WebSocket",), "ACK105",
     "connect send send_binary send_bytes send_frame recv recv_data recv_data_frame recv_frame ping pong close"),
    # websockets' sync connection: each call waits on its socket (`recv` for the next message, `close` for the
    # closing handshake); iterating it receives (BLOCKING_ITERATION)
    ((WEBSOCKETS_SYNC_CONNECTION,), "ACK105", "recv recv_streaming send close ping pong"),
    # what `producer.send(topic, value)` returns: `get()` waits for the broker's acknowledgement
    ((KAFKA_SEND_FUTURE,), "ACK105", "get"),
    (("kafka.KafkaConsumer",), "ACK105", "poll commit close"),
    # (a page iterator's pages are requests as they are iterated: BLOCKING_ITERATION; a waiter polls, sleeping)
    ((BOTO3_PAGES,), "ACK102", "build_full_result search"),
    (("botocore.waiter.Waiter",), "ACK102", "wait"),
    # tenacity's sync retrier sleeps between attempts with time.sleep (iterated or called; `AsyncRetrying` is the
    # twin that awaits asyncio.sleep)
    (("tenacity.Retrying",), "ACK101", "__call__"),
    (("paramiko.SSHClient",), "ACK105", "connect exec_command invoke_shell open_sftp"),
    (("dns.resolver.Resolver",), "ACK105", "resolve query resolve_address resolve_name canonical_name try_ddr"),
    # a cursor reads its batches as it is iterated (BLOCKING_ITERATION) or asked for the next document
    (("pymongo.cursor.Cursor",), "ACK105", "next distinct explain to_list"),
    (("redis.PubSub",), "ACK105", "subscribe psubscribe unsubscribe punsubscribe ping listen"),
    (("redis.Lock",), "ACK105", "acquire release extend reacquire locked owned"),
    ((MONGO_CLIENT,), "ACK105", "list_database_names list_databases drop_database server_info bulk_write watch"),
    ((MONGO_DATABASE,), "ACK105", "command list_collection_names list_collections create_collection "
                                  "drop_collection validate_collection aggregate cursor_command dereference watch"),
    ((DJANGO_QUERYSET,), "ACK105", _DJANGO_QUERIES),
    ((DJANGO_MODEL,), "ACK105", " ".join(DJANGO_MODEL_QUERIES)),
    ((SA_SESSION,), "ACK105", "execute scalar scalars get get_one commit rollback flush refresh merge "
                              "connection"),
    ((SA_QUERY,), "ACK105", "all first one one_or_none scalar count delete update get"),
    ((SA_ENGINE,), "ACK105", "connect begin raw_connection"),
    ((SA_CONNECTION,), "ACK105", "execute exec_driver_sql scalar scalars commit rollback"),
    (("pandas.DataFrame",), "ACK103", "to_csv to_json to_parquet to_excel to_feather to_pickle to_hdf to_stata "
                                      "to_orc to_xml"),
    (("pandas.DataFrame",), "ACK105", "to_sql"),
    (("PIL.Image.Image",), "ACK103", "save"),
    # an Excel workbook is zipped and written to its file in full (an in-memory buffer instead: NON_BLOCKING_ARGS)
    (("openpyxl.Workbook",), "ACK103", "save"),
    # a pyserial port: reads wait for bytes (or the timeout), writes for the device to take them
    (("serial.Serial",), "ACK103", "read read_until readline readlines readinto write writelines flush open"),
    # an OpenCV capture: `read`/`grab` wait for the camera's next frame (or the stream's next packet), `open`
    # for the device or the URL to answer; a camera at 30 fps holds the loop ~33 ms a frame
    (("cv2.VideoCapture",), "ACK103", "read grab retrieve open"),
    # an OpenCV writer encodes each frame and appends it to its file (`release` finishes the container); made, it
    # opens (or creates) the file or stream it names
    (("cv2.VideoWriter",), "ACK103", "write open release"),
    # an audio stream in blocking mode: `read` waits for the device to record the frames asked for, `write` for
    # room in its buffer (a stream made with a callback is driven by PortAudio's thread and refuses both)
    (("pyaudio.Stream", "sounddevice.Stream", "sounddevice.RawStream", "sounddevice.InputStream",
      "sounddevice.RawInputStream"), "ACK103", "read"),
    (("pyaudio.Stream", "sounddevice.Stream", "sounddevice.RawStream", "sounddevice.OutputStream",
      "sounddevice.RawOutputStream"), "ACK103", "write"),
    (("select.poll", "select.epoll"), "ACK106", "poll"),
    (("select.kqueue",), "ACK106", "control"),
    # every selector class derives from BaseSelector (the stubs say which `DefaultSelector` is on this platform)
    (("selectors.BaseSelector",), "ACK106", "select"),
    (("threading.Event", "multiprocessing.Event"), "ACK106", "wait"),
    (("threading.Condition",), "ACK106", "wait wait_for"),
    (("threading.Semaphore", "threading.BoundedSemaphore"), "ACK106", "acquire"),
    (("threading.Barrier",), "ACK106", "wait"),
    # an inter-process file lock polls (sleeping) until the process holding it lets go, forever by default
    (("filelock.FileLock",), "ACK106", "acquire"),
    (("threading.Thread", "threading.Timer", "multiprocessing.Process"), "ACK106", "join"),
    # not `put`: it waits only on a full bounded queue, and queues are unbounded unless given a maxsize somewhere
    # the linter seldom sees (a SimpleQueue never waits on put); the runtime checker reports a put that can wait
    (("queue.Queue", "queue.LifoQueue", "queue.PriorityQueue", "multiprocessing.JoinableQueue"), "ACK106",
     "get join"),
    (("queue.SimpleQueue", "multiprocessing.Queue", "multiprocessing.SimpleQueue"), "ACK106", "get"),
    (("concurrent.futures.Future",), "ACK106", "result exception"),
    ((GRPC_FUTURE,), "ACK106", "result exception"),
    ((GRPC_SERVER,), "ACK106", "wait_for_termination"),
    # one end of a pipe or a listener's connection: `recv` waits until the process at the other end sends
    ((PIPE_END,), "ACK106", "recv recv_bytes recv_bytes_into"),
    (EXECUTOR_TYPES, "ACK106", "shutdown map"),
    ((POOL_TYPE,), "ACK106", "map starmap apply join imap imap_unordered"),
    (("multiprocessing.pool.AsyncResult",), "ACK106", "get wait"),
    (("paho.mqtt.client.MQTTMessageInfo",), "ACK106", "wait_for_publish"),  # waits for paho's network thread
    # paho's own socket work: `connect` resolves and dials the broker, `loop` selects on the socket up to its
    # timeout, `loop_forever` serves until disconnected (`connect_async` and `loop_start` hand it to a thread)
    (("paho.mqtt.client.Client",), "ACK105", "connect connect_srv reconnect loop loop_forever"),
    # a socketserver (http.server's too) serves on the calling thread until shut down; `shutdown()` waits for the
    # thread that serves to notice, up to a poll interval, and forever when nothing serves
    (("socketserver.BaseServer",), "ACK105", "serve_forever handle_request"),
    (("socketserver.BaseServer",), "ACK106", "shutdown"),
    (("asyncio.AbstractEventLoop",), "ACK108", "run_until_complete run_forever"),
    # 3.11's Runner is asyncio.run cut in two: its `run` drives a loop of its own to the end, and refuses
    # (RuntimeError) where a loop already runs
    (("asyncio.Runner",), "ACK108", "run"),
    # asgiref's sync face of a coroutine function runs it on a loop of its own and waits; called where a loop
    # runs it refuses (RuntimeError), as asyncio.run does
    (("asgiref.sync.AsyncToSync",), "ACK108", "__call__"),
    # a server's own blocking entry point (`await server.serve()` is the coroutine), Sanic's app run alike
    (("uvicorn.Server",), "ACK108", "run"),
    (("sanic.Sanic",), "ACK108", "run"),
    (PATH_TYPES, "ACK110",
     "exists is_file is_dir is_symlink is_mount is_fifo is_socket is_block_device is_char_device is_junction "
     "stat lstat owner group resolve samefile readlink absolute cwd"),
    *device_clients.BLOCKING_METHODS,
    *interactive.BLOCKING_METHODS,
    *telemetry.BLOCKING_METHODS,
    *realtime.BLOCKING_METHODS,
    *sdks.BLOCKING_METHODS,
    *ssh_clients.BLOCKING_METHODS,
    *file_libraries.BLOCKING_METHODS,
    *media_tools.BLOCKING_METHODS,
    *exchanges.BLOCKING_METHODS,
    *agent_tools.BLOCKING_METHODS,
    *ml_clients.BLOCKING_METHODS,
    *geo_market.BLOCKING_METHODS,
    *health_clients.BLOCKING_METHODS,
    *ledger_clients.BLOCKING_METHODS,
)

# Blocking callables -> code: the functions, and "<type>.<method>" for the methods of instances of a type.
BLOCKING: Dict[str, str] = {
    **BLOCKING_FUNCTIONS,
    **{name: code for types, code, methods in BLOCKING_METHODS for name in _methods(code, types, methods)},
}

# Types every public method of which blocks, but for the few listed: type -> (code, methods that do not block).
FILE_NON_BLOCKING: FrozenSet[str] = frozenset(
    "fileno isatty readable writable seekable detach close closed name mode encoding errors newlines buffer raw "
    "reconfigure".split()
)
# Redis: every command method of the sync client blocks; these few only build objects.
REDIS_TYPES = ("redis.Redis",)
# `r.ft("idx")`, `r.json()`, `r.ts()`...: a module's command group is made on the spot; its commands (`.search`,
# `.set`) are the round trips
REDIS_MODULES = "json ft ts bf cf cms topk tdigest vset".split()
REDIS_NON_BLOCKING: FrozenSet[str] = frozenset(
    "pipeline pubsub lock get_connection_kwargs set_response_callback from_url register_script".split()
    + REDIS_MODULES
)
BLOCKING_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    **{t: ("ACK103", FILE_NON_BLOCKING) for t in FILE_TYPES},
    # an archive reads members (and writes them) on demand; these read only what opening it parsed
    "zipfile.ZipFile": ("ACK103", frozenset("namelist infolist getinfo setpassword".split())),
    "tarfile.TarFile": ("ACK103", frozenset()),
    # a mailbox on disk (every kind derives from Mailbox): each method reads or rewrites its files or folders
    "mailbox.Mailbox": ("ACK103", frozenset()),
    # a urllib3 pool or manager: request, urlopen and the request_encode_* helpers go to the network; these
    # only look up or drop pools (closing a connection does not wait for the peer)
    **{t: ("ACK102", frozenset("connection_from_url connection_from_host connection_from_context "
                               "connection_from_pool_key clear close is_same_host".split()))
       for t in URLLIB3_POOLS},
    **{t: ("ACK105", REDIS_NON_BLOCKING) for t in REDIS_TYPES},
    "redis.ModuleCommands": ("ACK105", frozenset({"pipeline", "batch_indexer"})),
    # mail and file-transfer sessions: every command is a round trip to the server
    "smtplib.SMTP": ("ACK105", frozenset({"set_debuglevel", "has_extn", "close"})),
    "ftplib.FTP": ("ACK105", frozenset({"set_debuglevel", "debug", "set_pasv", "getwelcome", "close", "sanitize"})),
    "poplib.POP3": ("ACK105", frozenset({"set_debuglevel", "getwelcome", "close"})),
    "imaplib.IMAP4": ("ACK105", frozenset({"socket", "print_log"})),
    # yagmail's client logs in on its first send and keeps the SMTP session
    "yagmail.SMTP": ("ACK105", frozenset({"set_logging", "prepare_send"})),
    # sync clients of services: every API method is a request
    "botocore.client.BaseClient": ("ACK102", frozenset(
        "get_paginator can_paginate get_waiter generate_presigned_url generate_presigned_post close".split()
    )),
    "elasticsearch.Elasticsearch": ("ACK102", frozenset({"options", "close"})),
    "pika.BlockingChannel": ("ACK105", frozenset({"add_on_cancel_callback", "add_on_return_callback"})),
    # an SFTP session and its remote files: every operation is a request over the SSH channel
    "paramiko.SFTPClient": ("ACK105", frozenset({"get_channel", "from_transport", "close"})),
    "paramiko.SFTPFile": ("ACK105", frozenset({"close", "setblocking", "settimeout", "gettimeout", "set_pipelined"})),
    # MongoDB: a collection's commands are round trips; these only build (`find` a cursor, which reads as it is
    # iterated) or describe
    MONGO_COLLECTION: ("ACK105", frozenset(
        "find find_raw_batches with_options name full_name database codec_options read_preference write_concern "
        "read_concern".split()
    )),
    # every method called on an XML-RPC proxy (or on its dotted namespaces) is a remote call over HTTP
    "xmlrpc.client.ServerProxy": ("ACK102", frozenset()),
    # memcached clients: every command is a round trip
    **{t: ("ACK105", frozenset({"close", "quit"})) for t in (
        "pymemcache.client.base.Client", "pymemcache.client.base.PooledClient", "pymemcache.client.hash.HashClient")},
    BOTO3_RESOURCE: ("ACK102", frozenset({"meta", "get_available_subresources"})),
    CHILD_PIPE: ("ACK104", FILE_NON_BLOCKING),
    BOTO3_COLLECTION: ("ACK102", COLLECTION_BUILDERS | {"pages"}),
    GRPC_SYNC_STUB: ("ACK105", frozenset()),
    **sdks.BLOCKING_TYPES,
    **search_clients.BLOCKING_TYPES,
    **ai_clients.BLOCKING_TYPES,
    **notify_clients.BLOCKING_TYPES,
    **saas_clients.BLOCKING_TYPES,
    **mail_calendar.BLOCKING_TYPES,
    **ledger_clients.BLOCKING_TYPES,
    **telephony.BLOCKING_TYPES,
    **logistics_clients.BLOCKING_TYPES,
    **device_clients.BLOCKING_TYPES,
    **marketing_clients.BLOCKING_TYPES,
    **infra_clients.BLOCKING_TYPES,
    **telemetry.BLOCKING_TYPES,
    **cluster_clients.BLOCKING_TYPES,
    **devops_clients.BLOCKING_TYPES,
    **ml_clients.BLOCKING_TYPES,
    **geo_market.BLOCKING_TYPES,
    **domain_libraries.BLOCKING_TYPES,
    **chatbots.BLOCKING_TYPES,
}

# Streams whose reads and writes block: sync files, and an HTTP response's body.
STREAM_TYPES: Dict[str, str] = {**{t: "ACK103" for t in FILE_TYPES}, "http.client.HTTPResponse": "ACK102",
                                CHILD_PIPE: "ACK104"}
# Types whose iteration blocks: `for line in f` reads the file, `for member in tar` reads the archive.
# Types whose entering blocks (`with lock:` calls its acquire), unless made not to wait (see NON_BLOCKING_ARGS).
# What entering a library object gives, where it is not the object itself: type -> the type `as` binds.
ENTERS: Dict[str, str] = {**file_libraries.ENTERS}
BLOCKING_ENTER: Dict[str, str] = {"filelock.FileLock": "ACK106",
                                  # `with r.lock(name):` acquires over the network (and, by default, polls
                                  # until the lock is free)
                                  "redis.Lock": "ACK105", **file_libraries.BLOCKING_ENTER,
                                  **devops_clients.BLOCKING_ENTER}
BLOCKING_ITERATION: Dict[str, str] = {**STREAM_TYPES, SOCKET_FILE: "ACK105", "tarfile.TarFile": "ACK103",
                                      "kafka.KafkaConsumer": "ACK105",
                                      "tenacity.Retrying": "ACK101",
                                      WEBSOCKETS_SYNC_CONNECTION: "ACK105",
                                      "pymongo.cursor.Cursor": "ACK105", "pymongo.command_cursor.CommandCursor": "ACK105",
                                      BOTO3_COLLECTION: "ACK102", BOTO3_PAGES: "ACK102", DJANGO_QUERYSET: "ACK105",
                                      **ml_clients.BLOCKING_ITERATION, **search_clients.BLOCKING_ITERATION,
                                      **infra_clients.BLOCKING_ITERATION, **geo_market.BLOCKING_ITERATION,
                                      **data_clients.BLOCKING_ITERATION, **sdks.BLOCKING_ITERATION,
                                      **interactive.BLOCKING_ITERATION, **mail_calendar.BLOCKING_ITERATION,
                                      **health_clients.BLOCKING_ITERATION,
                                      **domain_libraries.BLOCKING_ITERATION, **ssh_clients.BLOCKING_ITERATION}
# Functions that read or write a stream they are handed: callable -> (position, keyword) of the stream. They
# block when it is one of STREAM_TYPES: `json.load(fh)`, `pickle.dump(obj, fh)`, `print(line, file=fh)`.
STREAM_ARGUMENTS: Dict[str, Tuple[int, str]] = {
    "json.load": (0, "fp"), "json.dump": (1, "fp"), "pickle.load": (0, "file"), "pickle.dump": (1, "file"),
    "marshal.load": (0, "file"), "marshal.dump": (1, "file"), "tomllib.load": (0, "fp"),
    "plistlib.load": (0, "fp"), "plistlib.dump": (1, "fp"), "yaml.load": (0, "stream"),
    "yaml.safe_load": (0, "stream"), "yaml.dump": (1, "stream"), "yaml.safe_dump": (1, "stream"),
    "builtins.print": (-1, "file"),
    **domain_libraries.STREAM_ARGUMENTS,
}

# What the rule checks beyond the type, said on the rule pages next to the type.
TYPE_NOTES: Dict[str, str] = {
    "socket.socket": "only on a socket the coroutine made itself and never switched to non-blocking mode (a socket "
                     "from elsewhere is usually the loop's), or, for the calls that wait for the peer (`recv*`, "
                     "`accept`, `sendall`), one the coroutine is handed declared as a socket (its parameter, the "
                     "elements of a parameter declared `list[socket.socket]`, a field or attribute so declared, an element "
                     "taken from a collection a parameter or attribute is declared to hold: `conns[0]`, "
                     "`self.idle.pop()`, `self.slots[0].sock` with `self.slots: list[Slot]`), or the member of "
                     "another object whose class makes that socket itself and never switches it (`link.sock.sendall(b)`, "
                     "with `self._sock = socket.create_connection(addr)` in `Link.connect()` and a `sock` property "
                     "returning it), unless the module switches or hands off such a member (handing it to a plain "
                     "function of the module that declares that parameter `socket.socket` and keeps it so, "
                     "`read_ack(self.sock)`, is no hand-off: the helper's waits on it block its caller)",
    **{q: "`get` not in a function that checks the same queue's `empty()` or `qsize()`"
       for q in ("queue.Queue", "queue.LifoQueue", "queue.PriorityQueue", "queue.SimpleQueue")},
    **{t: "not on an in-memory database, `\":memory:\"`"
       for t in ("sqlite3.Connection", "sqlite3.Cursor", "apsw.Connection", "apsw.Cursor")},
    **{t: "not on an in-memory database (`duckdb.connect()`, `\":memory:\"`)"
       for t in (DUCKDB_CONNECTION, DUCKDB_RELATION)},
    "filelock.FileLock": "and entering it, `with lock:`, unless it was made with `timeout=0` or `blocking=False`",
    "redis.Lock": "and entering it, `with r.lock(name):`",
    **file_libraries.TYPE_NOTES,
    GRPC_SYNC_STUB: "a protoc-generated stub (`x_pb2_grpc.XStub(channel)`) made on a channel from "
                    "`grpc.insecure_channel()`, `grpc.secure_channel()` or `grpc.intercept_channel()`; not "
                    "`stub.Method.future(...)`, nor a stub on a `grpc.aio` channel",
    **{t: "and leaving a `with` block that submits work to the pool and neither awaits nor waits for "
          "it: the exit waits"
       for t in EXECUTOR_TYPES},
    "concurrent.futures.Future": "not after the function checks `done()` or waits for it",
    "multiprocessing.pool.AsyncResult": "not after the function checks the same result's `ready()`",
    PIPE_END: "not in a function that checks the same end's `poll()`",
    "httpx.Client": "not on a client built on an in-memory `httpx.MockTransport`",
    **sdks.TYPE_NOTES,
}

# Generators: calling them does no I/O until someone iterates, possibly in a worker thread.
LAZY: FrozenSet[str] = frozenset({
    "os.walk", "glob.iglob", "concurrent.futures.as_completed", "redis.PubSub.listen", "sqlite3.Connection.iterdump",
    *(f"pathlib.Path.{m}" for m in ("iterdir", "glob", "rglob", "walk")),
    *(f"{t}.map" for t in EXECUTOR_TYPES),
    *(f"{POOL_TYPE}.{m}" for m in ("imap", "imap_unordered")),
})

# Makers whose keyword switches what they make to a mode whose calls do not wait: maker -> the keywords. A
# psycopg2 connection opened with `async_=True` (`async=1` before Python 3.7) only sends each query; the caller
# polls the socket (`loop.add_reader(conn.fileno(), ...)`) and its cursor reads the buffered result.
ASYNC_MODE_KEYWORDS: Dict[str, FrozenSet[str]] = {"psycopg2.connect": frozenset({"async_", "async"})}
# Arguments under which a blocking callable does not block: callable -> alternatives, each a tuple of
# (position, keyword, test) that must all hold. Tests are named in conditions.py; positions count from 0 after
# the receiver. A call is harmless when one alternative holds for its constant arguments.
_NO_WAIT = ((0, "blocking", "false"),), ((1, "timeout", "zero"),)
_GET_NO_WAIT = ((0, "block", "false"),), ((1, "timeout", "zero"),)
_TIMEOUT_ZERO = (((0, "timeout", "zero"),),)
_QUEUES = ("queue.Queue", "queue.LifoQueue", "queue.PriorityQueue", "queue.SimpleQueue")
NON_BLOCKING_ARGS: Dict[str, Tuple[Tuple[Tuple[int, str, str], ...], ...]] = {
    # in-memory SQLite touches no file; a "file:" name means memory only with uri=True
    "sqlite3.connect": (
        ((0, "database", "memory_db"),), ((0, "database", "memory_uri"), (-1, "uri", "true")),
    ),
    "duckdb.connect": (((0, "database", "memory_db_or_absent"),),),
    "apsw.Connection": (((0, "filename", "memory_db"),),),
    # numeric hosts, or AI_NUMERICHOST, make the resolver parse instead of asking DNS; None means "this host"
    "socket.getaddrinfo": (((0, "host", "ip_or_none"),), ((5, "flags", "has:AI_NUMERICHOST"),)),
    "socket.gethostbyname": (((0, "hostname", "ip"),),),
    "socket.gethostbyname_ex": (((0, "hostname", "ip"),),),
    "socket.getnameinfo": (((1, "flags", "has:NI_NUMERICHOST"),),),
    "select.select": (((3, "timeout", "zero"),),),
    "fcntl.flock": (((1, "operation", "has:LOCK_NB"),), ((1, "operation", "has:LOCK_UN"),)),
    "fcntl.lockf": (((1, "cmd", "has:LOCK_NB"),), ((1, "cmd", "has:LOCK_UN"),)),
    # `producer.poll(0)` serves delivery callbacks without waiting (the usual call after produce())
    "confluent_kafka.Producer.poll": (((0, "timeout", "zero"),),),
    "confluent_kafka.Producer.flush": (((0, "timeout", "zero"),),),
    "confluent_kafka.Consumer.poll": (((0, "timeout", "zero"),),),
    # PEM text handed over as `cadata` is memory
    "ssl.SSLContext.load_verify_locations": (((0, "cafile", "false_or_absent"), (1, "capath", "false_or_absent")),),
    "logging.FileHandler": (((3, "delay", "true"),),),
    "logging.handlers.WatchedFileHandler": (((3, "delay", "true"),),),
    "logging.handlers.RotatingFileHandler": (((5, "delay", "true"),),),
    "logging.handlers.TimedRotatingFileHandler": (((5, "delay", "true"),),),
    "select.poll.poll": _TIMEOUT_ZERO,
    "selectors.BaseSelector.select": _TIMEOUT_ZERO,
    "multiprocessing.connection.wait": (((1, "timeout", "zero"),),),
    "select.epoll.poll": _TIMEOUT_ZERO,
    # max_events=0 only registers the changes: nothing to wait for
    "select.kqueue.control": (((2, "timeout", "zero"),), ((1, "max_events", "zero"),)),
    "threading.Semaphore.acquire": _NO_WAIT,
    "filelock.FileLock": (((1, "timeout", "zero"),), ((-1, "blocking", "false"),)),
    "filelock.FileLock.acquire": (((0, "timeout", "zero"),), ((-1, "blocking", "false"),)),
    "threading.BoundedSemaphore.acquire": _NO_WAIT,
    "threading.Lock.acquire": _NO_WAIT,
    "threading.RLock.acquire": _NO_WAIT,
    "threading.Event.wait": _TIMEOUT_ZERO,
    "threading.Condition.wait": _TIMEOUT_ZERO,
    "threading.Condition.wait_for": (((1, "timeout", "zero"),),),
    "threading.Barrier.wait": _TIMEOUT_ZERO,
    "threading.Thread.join": _TIMEOUT_ZERO,
    "threading.Timer.join": _TIMEOUT_ZERO,
    "multiprocessing.Process.join": _TIMEOUT_ZERO,
    "multiprocessing.Event.wait": _TIMEOUT_ZERO,
    "multiprocessing.Queue.get": _GET_NO_WAIT,
    "multiprocessing.JoinableQueue.get": _GET_NO_WAIT,
    "concurrent.futures.Future.result": _TIMEOUT_ZERO,
    "concurrent.futures.Future.exception": _TIMEOUT_ZERO,
    "concurrent.futures.wait": (((1, "timeout", "zero"),),),
    **{f"{t}.shutdown": (((0, "wait", "false"),),) for t in EXECUTOR_TYPES},
    "signal.sigtimedwait": (((1, "timeout", "zero"),),),
    "subprocess.Popen.wait": _TIMEOUT_ZERO,
    "os.waitpid": (((1, "options", "has:WNOHANG"),),),
    "os.wait3": (((0, "options", "has:WNOHANG"),),),
    "os.wait4": (((1, "options", "has:WNOHANG"),),),
    "os.waitid": (((2, "options", "has:WNOHANG"),),),
    **{f"{q}.get": _GET_NO_WAIT for q in _QUEUES},
    # `put(item, block=False)` / `put(item, timeout=0)` raise queue.Full instead of waiting (on a queue made
    # with a bound, the only kind whose put waits: blocking_shapes.BOUNDED_PUTS)
    **{f"{q}.put": (((1, "block", "false"),), ((2, "timeout", "zero"),)) for q in ("queue.Queue", "queue.LifoQueue", "queue.PriorityQueue")},
    # readers and writers of data files handed an in-memory buffer; a writer given no path returns the text
    **{f"pandas.read_{kind}": (((0, "filepath_or_buffer", "memory"),),)
       for kind in "csv table fwf json pickle xml".split()},
    **{f"pandas.read_{kind}": (((0, "path", "memory"),),) for kind in "parquet feather orc".split()},
    "pandas.read_excel": (((0, "io", "memory"),),),
    # handed the page's markup itself (a literal, or a buffer), `read_html` fetches and reads nothing
    "pandas.read_html": (((0, "io", "document"),),),
    **{f"pandas.DataFrame.to_{kind}": (((0, "path_or_buf", "memory_or_absent"),),) for kind in "csv json".split()},
    "pandas.DataFrame.to_parquet": (((0, "path", "memory_or_absent"),),),
    "pandas.DataFrame.to_feather": (((0, "path", "memory"),),),
    "pandas.DataFrame.to_excel": (((0, "excel_writer", "memory"),),),
    "PIL.Image.open": (((0, "fp", "memory"),),),
    **{f: (((position, keyword, "memory"),),) for f, (position, keyword) in _DATA_FILE_ARGUMENTS.items()},
    "feedparser.parse": (((0, "url_file_stream_or_string", "document"),),),
    "PIL.Image.Image.save": (((0, "fp", "memory"),),),
    "openpyxl.Workbook.save": (((0, "filename", "memory"),),),
    # an archive or compressed stream over an in-memory buffer (`ZipFile(io.BytesIO(blob))`) touches no disk
    "zipfile.ZipFile": (((0, "file", "memory"),),),
    # copying between two in-memory buffers (`shutil.copyfileobj(io.BytesIO(raw), out)`) touches no file
    "shutil.copyfileobj": (((0, "fsrc", "memory"), (1, "fdst", "memory")),),
    "tarfile.open": (((2, "fileobj", "memory"),),),
    "tarfile.TarFile": (((2, "fileobj", "memory"),),),
    # a client whose transport answers from a Python function (`httpx.MockTransport(handler)`) never sends
    "httpx.Client": (((-1, "transport", "memory"),),),
    "gzip.GzipFile": (((3, "fileobj", "memory"),),),
    **{f: (((0, "filename", "memory"),),) for f in ("gzip.open", "bz2.open", "bz2.BZ2File", "lzma.open",
                                                    "lzma.LZMAFile")},
    "wave.open": (((0, "f", "memory"),),),
    **sdks.NON_BLOCKING_ARGS,
    **ml_clients.NON_BLOCKING_ARGS,
    **devops_clients.NON_BLOCKING_ARGS,
    **zeromq.NON_BLOCKING_ARGS,
    **device_clients.NON_BLOCKING_ARGS,
    **interactive.NON_BLOCKING_ARGS,
    **media_tools.NON_BLOCKING_ARGS,
    **file_libraries.NON_BLOCKING_ARGS,
    **document_tools.NON_BLOCKING_ARGS,
    **mail_calendar.NON_BLOCKING_ARGS,
    **health_clients.NON_BLOCKING_ARGS,
}
# Calls that do not block for an argument with one of these literal prefixes, the tests a caller makes on it
# (`if url.startswith("data:"): urlopen(url)`) taken into account: (position, keyword, prefixes). Kept apart from
# NON_BLOCKING_ARGS, which also stops a lambda or a partial from standing for the call: a forwarder of urlopen is
# rarely handed a data: URL.
NON_BLOCKING_PREFIXES: Dict[str, Tuple[Tuple[int, str, Tuple[str, ...]], ...]] = {
    # a `data:` URL is decoded in memory (urllib's DataHandler): no connection
    "urllib.request.urlopen": ((0, "url", ("data:",)),),
}
# In-memory streams: handed to an API that reads or writes files, they keep it off the disk.
MEMORY_STREAMS: FrozenSet[str] = frozenset({"io.BytesIO", "io.StringIO", *ml_clients.MEMORY_STREAMS})
# Methods of objects nothing types that give their library away by their name, their shape and the module's
# imports (a client handed in as a parameter, `self.pa` set from an argument): method -> (the packages, one of which
# the module imports; the keywords every such call passes; what the receiver's name ends with; the type it makes).
# A Cassandra cluster's `connect()` opens a session (`cluster.connect("ks")`); PyAudio's `open(rate=, channels=,
# format=, ...)` opens a stream, whose reads and writes wait for the device. A boto3 client's `get_waiter(name)`
# makes the waiter whose `wait()` polls the service, sleeping between polls (a client handed around untyped).
# A pool nobody types (`self.pool`, `app["db_pool"]`, made by `create_pool()` elsewhere) gives its driver away by the
# module's imports: asyncpg's and aio-libs' `acquire()` lend an async connection, psycopg2's `getconn()` a sync one.
UNTYPED_MAKERS: Dict[str, Tuple[Tuple[Tuple[str, ...], Tuple[str, ...], str, str], ...]] = {
    "connect": ((("cassandra",), (), "cluster", f"{infra_clients.CASSANDRA}.Session"),),
    "open": ((("pyaudio",), ("rate", "channels"), "", "pyaudio.Stream"),),
    "get_waiter": ((("boto3", "botocore"), (), "", "botocore.waiter.Waiter"),),
    "acquire": ((("asyncpg",), (), "pool", "asyncpg.Connection"),
                *(((driver,), (), "pool", aio_databases.TYPES[driver, "Connection"]) for driver in ("aiomysql", "aiopg"))),
    "getconn": ((("psycopg2",), (), "pool", "psycopg2.connection"),),
}
# Transports that answer in the process: a client built on one talks to no network.
MEMORY_TRANSPORTS: FrozenSet[str] = frozenset({"httpx.MockTransport"})
# Keywords that mean "do not wait" on any blocking callable (user-configured ones too).
NON_BLOCKING_KEYWORDS: Tuple[Tuple[int, str, str], ...] = (
    (-1, "blocking", "false"), (-1, "block", "false"), (-1, "wait", "false"), (-1, "timeout", "zero"),
)
# Modules (or module-level objects) whose every attribute is an external program, run to completion when called
# (`sh.git("pull")`, `sh.git.pull()`, `from sh import make`): dotted prefix -> code, names that are no command.
COMMAND_MODULES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    "sh": ("ACK104", frozenset("Command RunningCommand ErrorReturnCode SignalException TimeoutException "
                               "CommandNotFound ForkException glob pushd contrib bake".split())),
    **devops_clients.COMMAND_MODULES,
}
_COMMAND_ROOTS = frozenset(prefix.partition(".")[0] for prefix in COMMAND_MODULES)
# `sh.sleep(5, _bg=True)` starts the program and returns; `_async=True` returns an awaitable instead
COMMAND_NO_WAIT: Tuple[Tuple[Tuple[int, str, str], ...], ...] = (((-1, "_bg", "true"),), ((-1, "_async", "true"),))


def command_module_code(qualname: str) -> Optional[str]:
    """The code of a program run by calling ``qualname`` from a COMMAND_MODULES module, or None."""
    parts = qualname.split(".")
    if parts[0] not in _COMMAND_ROOTS:
        return None
    for end in range(1, len(parts)):
        found = COMMAND_MODULES.get(".".join(parts[:end]))
        if found is not None:
            rest = parts[end:]
            return None if any(part in found[1] or part.startswith("_") for part in rest) else found[0]
    return None


# Objects made by a call that was harmless by its arguments stay harmless: the connection
# `sqlite3.connect(":memory:")` returns, and the cursors it makes, only touch memory.
INHERITS_HARMLESS: FrozenSet[str] = frozenset({"sqlite3.Connection", "sqlite3.Cursor", "apsw.Connection", "apsw.Cursor",
                                                DUCKDB_CONNECTION,
                                                DUCKDB_RELATION, "zipfile.ZipFile", "zipfile.ZipExtFile",
                                                "filelock.FileLock", "httpx.Client", "http.client.HTTPResponse",
                                                "tarfile.TarFile", "tarfile.ExFileObject", "gzip.GzipFile",
                                                "bz2.BZ2File", "lzma.LZMAFile", *file_libraries.INHERITS_HARMLESS,
                                                *ml_clients.INHERITS_HARMLESS})
# ... except these methods, which take a path on disk (`zf.write("report.csv")` reads the file it adds).
TOUCH_DISK_ANYWAY: Dict[str, FrozenSet[str]] = {
    "zipfile.ZipFile": frozenset({"write", "extract", "extractall"}),
    "tarfile.TarFile": frozenset({"add", "extract", "extractall", "gettarinfo"}),
}


# Calls that only show what they are given (print it, log it): a coroutine handed to one is shown as
# `<coroutine object ...>`, so whoever wrote the call took it for its result.
_LOG_LEVELS = ("debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log")
DISPLAY_CALLS: FrozenSet[str] = frozenset({"builtins.print", *(f"logging.{m}" for m in _LOG_LEVELS),
                                           *(f"logging.Logger.{m}" for m in _LOG_LEVELS),
                                           *(f"logging.LoggerAdapter.{m}" for m in _LOG_LEVELS),
                                           # structlog's bound loggers and loguru's one logger format as eagerly
                                           *(f"{kind}.{m}" for kind in ("structlog.BoundLogger", "loguru.logger")
                                             for m in (*_LOG_LEVELS, "msg", "success", "trace")),
                                           # a CLI's and a notebook's ways to show a value
                                           "click.echo", "click.secho", "typer.echo", "typer.secho",
                                           "pprint.pprint", "rich.print", "rich.console.Console.print",
                                           "IPython.display.display"})
# Logging objects nothing types, told by their name (`self.logger = logger` from a parameter, `log` handed in):
# a level method called on one of these names displays its arguments.
LOGGER_NAMES: FrozenSet[str] = frozenset({"log", "logger", "_log", "_logger", "LOG", "LOGGER", "log_", "logger_"})
LOG_LEVELS: FrozenSet[str] = frozenset(_LOG_LEVELS)

# Calls that serialise what they are given on the spot (to JSON, into a response body): a coroutine handed to one,
# or carried in a dict or list handed to one, is taken for its result (`JsonResponse({"users": count})`).
SERIALISING_CALLS: FrozenSet[str] = frozenset({
    "json.dumps", "json.dump", "orjson.dumps", "ujson.dumps", "simplejson.dumps",
    "django.http.JsonResponse", "django.http.response.JsonResponse",
    "starlette.responses.JSONResponse", "fastapi.responses.JSONResponse", "fastapi.responses.ORJSONResponse",
    "aiohttp.web.json_response", "flask.jsonify", "quart.jsonify", "sanic.response.json",
})
# Calls that take what they are given for a value on the spot: a response made with a body (every web framework's),
# bytes to encode, hash, compress or write, text to parse. A coroutine handed to one is taken for its result
# (`web.Response(body=render_pdf(html))`).
_RESPONSE_CLASSES = ("Response", "HTMLResponse", "PlainTextResponse", "ORJSONResponse", "UJSONResponse")
VALUE_CALLS: FrozenSet[str] = frozenset({
    "aiohttp.web.Response", "aiohttp.web_response.Response",
    *(f"{package}.responses.{cls}" for package in ("starlette", "fastapi") for cls in _RESPONSE_CLASSES),
    "fastapi.Response", "litestar.Response", "litestar.response.Response",
    *(f"django.http.{cls}" for cls in ("HttpResponse", "HttpResponseBadRequest", "HttpResponseNotFound",
                                       "HttpResponseForbidden", "HttpResponseServerError", "StreamingHttpResponse",
                                       "FileResponse")),
    "django.http.response.HttpResponse", "flask.Response", "flask.make_response", "quart.Response",
    "quart.make_response", "werkzeug.wrappers.Response", "werkzeug.Response",
    *(f"sanic.response.{m}" for m in ("text", "html", "raw", "HTTPResponse")),
    "tornado.web.RequestHandler.write", "tornado.web.RequestHandler.finish",
    *(f"base64.{m}" for m in ("b64encode", "b64decode", "urlsafe_b64encode", "urlsafe_b64decode", "b32encode",
                              "b16encode", "encodebytes")),
    *(f"hashlib.{m}" for m in ("md5", "sha1", "sha224", "sha256", "sha384", "sha512", "blake2b", "blake2s",
                               "sha3_256", "sha3_512", "new")),
    "hmac.new", "hmac.digest", "hmac.compare_digest", "zlib.compress", "zlib.crc32", "gzip.compress",
    "bz2.compress", "lzma.compress", "json.loads", "orjson.loads", "ujson.loads", "yaml.safe_load",
    "urllib.parse.quote", "urllib.parse.urlencode", "html.escape",
})

# Hash functions that compute on the calling thread for as long as their input is long: at a few hundred MB/s, a
# file's contents or a request's body of megabytes holds the thread for milliseconds (ACK109 only when the input is
# such data, blocking_shapes.digests_large_data): callable -> position of the data argument, its keyword.
DIGESTS: Dict[str, Tuple[int, str]] = {
    **{f"hashlib.{m}": (0, "data" if m.startswith(("blake2", "sha3", "shake")) else "string")
       for m in ("md5", "sha1", "sha224", "sha256", "sha384", "sha512", "blake2b", "blake2s", "sha3_224", "sha3_256",
                 "sha3_384", "sha3_512")},
    "hashlib.new": (1, "data"),
    "hashlib.file_digest": (0, "fileobj"),
    "zlib.crc32": (0, ""), "zlib.adler32": (0, ""), "binascii.crc32": (0, ""),
}
# What holds a large body of data: the methods and attributes that give a file's or a message's whole contents
# (`fh.read()`, `path.read_bytes()`, `await request.body()`, `response.content`).
WHOLE_CONTENTS_CALLS = frozenset({"read", "read_bytes", "readall", "body", "getvalue", "read_text", "text"})
WHOLE_CONTENTS_ATTRIBUTES = frozenset({"content", "body"})

# Calls whose result is an instance of a known type: callable -> type.
RETURNS: Dict[str, str] = {
    # an IPv4Address or an IPv6Address, which the rules treat alike (INTERCHANGEABLE): the first stands for both
    "ipaddress.ip_address": "ipaddress.IPv4Address",
    "builtins.open": FILE_TYPE,
    "logging.getLogger": "logging.Logger",
    "pyaudio.PyAudio.open": "pyaudio.Stream",
    "os.fdopen": FILE_TYPE,
    "io.open_code": "io.BufferedReader",
    "pathlib.Path.open": FILE_TYPE,
    "tempfile.TemporaryFile": "io.BufferedRandom",
    "tempfile.NamedTemporaryFile": "io.BufferedRandom",
    # a spool the code makes stays in memory until it passes the `max_size` it was given (not UPLOAD_SPOOL's kind)
    "tempfile.SpooledTemporaryFile": "io.BytesIO",
    "gzip.open": "gzip.GzipFile",
    "gzip.GzipFile": "gzip.GzipFile",
    "bz2.open": "bz2.BZ2File",
    "bz2.BZ2File": "bz2.BZ2File",
    "lzma.open": "lzma.LZMAFile",
    "lzma.LZMAFile": "lzma.LZMAFile",
    "io.FileIO": "io.FileIO",
    "tarfile.open": "tarfile.TarFile",
    "shelve.open": "shelve.Shelf",
    "ssl.create_default_context": "ssl.SSLContext",
    "ssl.SSLContext": "ssl.SSLContext",
    "configparser.ConfigParser": "configparser.ConfigParser",
    "configparser.RawConfigParser": "configparser.RawConfigParser",
    "tarfile.TarFile": "tarfile.TarFile",
    # a member's reader, over the archive's own file: in memory when the archive is (INHERITS_HARMLESS)
    "tarfile.TarFile.extractfile": "tarfile.ExFileObject",
    "zipfile.ZipFile": "zipfile.ZipFile",
    "zipfile.ZipFile.open": "zipfile.ZipExtFile",
    "multiprocessing.pool.Pool": POOL_TYPE,
    **{f"{POOL_TYPE}.{m}": "multiprocessing.pool.AsyncResult" for m in ("apply_async", "map_async", "starmap_async")},
    "concurrent.futures.Executor.submit": "concurrent.futures.Future",
    "paho.mqtt.client.Client.publish": "paho.mqtt.client.MQTTMessageInfo",
    "serial.serial_for_url": "serial.Serial",
    "urllib3.PoolManager.connection_from_url": "urllib3.HTTPConnectionPool",
    "urllib3.PoolManager.connection_from_host": "urllib3.HTTPConnectionPool",
    "urllib3.connection_from_url": "urllib3.HTTPConnectionPool",
    "requests.Session": "requests.Session",
    "httpx.Client": "httpx.Client",
    "httpx.AsyncClient": "httpx.AsyncClient",
    "urllib3.PoolManager": "urllib3.PoolManager",
    "urllib3.HTTPConnectionPool": "urllib3.HTTPConnectionPool",
    "urllib3.ProxyManager": "urllib3.ProxyManager",
    "urllib3.proxy_from_url": "urllib3.ProxyManager",
    "http.client.HTTPConnection": "http.client.HTTPConnection",
    "http.client.HTTPConnection.getresponse": "http.client.HTTPResponse",
    "http.client.HTTPSConnection.getresponse": "http.client.HTTPResponse",
    "urllib.request.urlopen": "http.client.HTTPResponse",
    "urllib.request.OpenerDirector.open": "http.client.HTTPResponse",
    "http.client.HTTPSConnection": "http.client.HTTPSConnection",
    "urllib.request.build_opener": "urllib.request.OpenerDirector",
    "urllib.robotparser.RobotFileParser": "urllib.robotparser.RobotFileParser",
    "jwt.PyJWKClient": "jwt.PyJWKClient",
    "filelock.FileLock": "filelock.FileLock",
    "pathlib.Path": "pathlib.Path",
    "pathlib.Path.home": "pathlib.Path",
    "pathlib.Path.cwd": "pathlib.Path",
    "subprocess.Popen": "subprocess.Popen",
    "socket.socket": "socket.socket",
    "socket.create_connection": "socket.socket",
    "socket.create_server": "socket.socket",
    "socket.fromfd": "socket.socket",
    "socket.socket.makefile": SOCKET_FILE,
    "multiprocessing.connection.Client": PIPE_END,
    "multiprocessing.connection.Listener.accept": PIPE_END,
    "smtplib.SMTP": "smtplib.SMTP",
    "ftplib.FTP": "ftplib.FTP",
    "poplib.POP3": "poplib.POP3",
    "imaplib.IMAP4": "imaplib.IMAP4",
    "yagmail.SMTP": "yagmail.SMTP",
    "sqlite3.connect": "sqlite3.Connection",
    "sqlite3.Connection.cursor": "sqlite3.Cursor",
    "sqlite3.Connection.execute": "sqlite3.Cursor",
    "apsw.Connection.cursor": "apsw.Cursor",
    "apsw.Connection.execute": "apsw.Cursor",
    "apsw.Cursor.execute": "apsw.Cursor",
    "duckdb.connect": DUCKDB_CONNECTION,
    # (`execute` returns the connection, to fetch from)
    **{f"{DUCKDB_CONNECTION}.{m}": DUCKDB_CONNECTION for m in ("execute", "executemany", "cursor", "duplicate")},
    **{f"{DUCKDB_CONNECTION}.{m}": DUCKDB_RELATION for m in (
        "sql", "query", "table", "view", "values", "read_csv", "read_parquet", "read_json", "from_df", "from_arrow",
        "from_query", "from_parquet", "from_csv_auto")},
    "psycopg2.connect": "psycopg2.connection",
    "psycopg2.connection.cursor": "psycopg2.cursor",
    # a connection lent by one of psycopg2's pools is a plain connection
    **{f"psycopg2.pool.{kind}.getconn": "psycopg2.connection" for kind in (
        "AbstractConnectionPool", "SimpleConnectionPool", "ThreadedConnectionPool", "PersistentConnectionPool")},
    "websocket.create_connection": "websocket.WebSocket",
    "websocket.WebSocket": "websocket.WebSocket",
    WEBSOCKETS_SYNC_CONNECT: WEBSOCKETS_SYNC_CONNECTION, "websockets.sync.client.unix_connect": WEBSOCKETS_SYNC_CONNECTION,
    "pymysql.connect": "pymysql.Connection",
    "pymysql.Connection.cursor": "pymysql.Cursor",
    "pymysql.Connection": "pymysql.Connection",
    "MySQLdb.connect": "MySQLdb.Connection",
    "MySQLdb.Connection.cursor": "MySQLdb.Cursor",
    "mysql.connector.connect": "mysql.connector.MySQLConnection",
    "mysql.connector.MySQLConnection.cursor": "mysql.connector.MySQLCursor",
    "psycopg.connect": "psycopg.Connection",
    "psycopg.Connection.connect": "psycopg.Connection",
    "psycopg.Connection.cursor": "psycopg.Cursor",
    "psycopg.Connection.execute": "psycopg.Cursor",
    # psycopg 3's sync pool lends plain connections (`with pool.connection() as conn:`)
    "psycopg_pool.ConnectionPool": "psycopg_pool.ConnectionPool",
    "psycopg_pool.ConnectionPool.connection": "psycopg.Connection",
    "psycopg_pool.ConnectionPool.getconn": "psycopg.Connection",
    **{f"grpc.{maker}": GRPC_CHANNEL for maker in ("insecure_channel", "secure_channel", "intercept_channel")},
    "grpc.channel_ready_future": GRPC_FUTURE,
    "grpc.server": GRPC_SERVER,
    **{f"{driver}.connect": f"{driver}.Connection" for driver in _DBAPI_DRIVERS},
    **{f"{driver}.Connection.cursor": f"{driver}.Cursor" for driver in _DBAPI_DRIVERS},
    "pyodbc.Connection.execute": "pyodbc.Cursor",  # (pyodbc's execute returns the cursor, for chaining)
    "pyodbc.Cursor.execute": "pyodbc.Cursor",
    **{t: t for t in ("pymemcache.client.base.Client", "pymemcache.client.base.PooledClient",
                      "pymemcache.client.hash.HashClient", "confluent_kafka.Producer", "confluent_kafka.Consumer")},
    "redis.Redis": "redis.Redis",
    "redis.Redis.pipeline": "redis.Pipeline",
    "redis.Redis.pubsub": "redis.PubSub",
    "redis.Redis.lock": "redis.Lock",
    **{f"redis.Redis.{m}": "redis.ModuleCommands" for m in REDIS_MODULES},
    "boto3.client": "botocore.client.BaseClient",
    # a paginator and a waiter are made locally; iterating the pages, or waiting, sends the requests
    "botocore.client.BaseClient.get_paginator": BOTO3_PAGINATOR,
    f"{BOTO3_PAGINATOR}.paginate": BOTO3_PAGES,
    "botocore.client.BaseClient.get_waiter": "botocore.waiter.Waiter",
    "boto3.Session.client": "botocore.client.BaseClient",
    # botocore's own session, under boto3 (aiobotocore's `create_client` is an async context manager, another name)
    "botocore.session.get_session": "botocore.session.Session",
    "botocore.session.Session": "botocore.session.Session",
    "botocore.session.Session.create_client": "botocore.client.BaseClient",
    "pymongo.database.Database.create_collection": "pymongo.collection.Collection",
    "pymongo.collection.Collection.with_options": "pymongo.collection.Collection",
    "pymongo.collection.Collection.find": "pymongo.cursor.Cursor",
    # a cursor's modifiers set options and return the same cursor, before any batch is read
    **{f"pymongo.cursor.Cursor.{m}": "pymongo.cursor.Cursor" for m in (
        "limit skip sort batch_size hint max_time_ms max_await_time_ms comment collation where allow_disk_use "
        "add_option remove_option min max clone rewind").split()},
    "dns.resolver.Resolver": "dns.resolver.Resolver",
    "dns.resolver.get_default_resolver": "dns.resolver.Resolver",
    "xmlrpc.client.ServerProxy": "xmlrpc.client.ServerProxy",
    "elasticsearch.Elasticsearch": "elasticsearch.Elasticsearch",
    "pika.BlockingConnection": "pika.BlockingConnection",
    "tenacity.Retrying": "tenacity.Retrying",
    KOMBU_CONNECTION: KOMBU_CONNECTION, KOMBU_PRODUCER: KOMBU_PRODUCER,
    f"{KOMBU_CONNECTION}.Producer": KOMBU_PRODUCER,
    f"{KOMBU_CONNECTION}.SimpleQueue": KOMBU_SIMPLE_QUEUE,
    f"{KOMBU_CONNECTION}.SimpleBuffer": KOMBU_SIMPLE_QUEUE,
    APSCHEDULER_BACKGROUND: APSCHEDULER_BACKGROUND,
    APSCHEDULER_BLOCKING: APSCHEDULER_BLOCKING,
    APSCHEDULER_ASYNCIO: APSCHEDULER_ASYNCIO,
    **{kind: kind for kind in SANIC_ROUTERS},
    "uvicorn.Server": "uvicorn.Server",
    "pika.BlockingConnection.channel": "pika.BlockingChannel",
    "kafka.KafkaProducer": "kafka.KafkaProducer",
    "kafka.KafkaProducer.send": KAFKA_SEND_FUTURE,
    "kafka.KafkaConsumer": "kafka.KafkaConsumer",
    "paramiko.SSHClient": "paramiko.SSHClient",
    "paramiko.SSHClient.open_sftp": "paramiko.SFTPClient",
    "paramiko.SFTPClient.from_transport": "paramiko.SFTPClient",
    "paramiko.SFTPClient.open": "paramiko.SFTPFile",
    "paramiko.SFTPClient.file": "paramiko.SFTPFile",
    "threading.Lock": "threading.Lock",
    "threading.RLock": "threading.RLock",
    "threading.Condition": "threading.Condition",
    "threading.Semaphore": "threading.Semaphore",
    "threading.BoundedSemaphore": "threading.BoundedSemaphore",
    "threading.Event": "threading.Event",
    "threading.Barrier": "threading.Barrier",
    "threading.Thread": "threading.Thread",
    "threading.Timer": "threading.Timer",
    "multiprocessing.Lock": "multiprocessing.Lock",
    "multiprocessing.RLock": "multiprocessing.RLock",
    "multiprocessing.Semaphore": "multiprocessing.Semaphore",
    "multiprocessing.BoundedSemaphore": "multiprocessing.BoundedSemaphore",
    "multiprocessing.Condition": "multiprocessing.Condition",
    "multiprocessing.Event": "multiprocessing.Event",
    "multiprocessing.Queue": "multiprocessing.Queue",
    "multiprocessing.JoinableQueue": "multiprocessing.JoinableQueue",
    "multiprocessing.SimpleQueue": "multiprocessing.SimpleQueue",
    "multiprocessing.Process": "multiprocessing.Process",
    "queue.Queue": "queue.Queue",
    "queue.LifoQueue": "queue.LifoQueue",
    "queue.PriorityQueue": "queue.PriorityQueue",
    "queue.SimpleQueue": "queue.SimpleQueue",
    "select.poll": "select.poll",
    "select.epoll": "select.epoll",
    "select.kqueue": "select.kqueue",
    "concurrent.futures.ThreadPoolExecutor": "concurrent.futures.ThreadPoolExecutor",
    "concurrent.futures.ProcessPoolExecutor": "concurrent.futures.ProcessPoolExecutor",
    "concurrent.futures.ThreadPoolExecutor.submit": "concurrent.futures.Future",
    "concurrent.futures.ProcessPoolExecutor.submit": "concurrent.futures.Future",
    "asyncio.run_coroutine_threadsafe": "concurrent.futures.Future",
    "asyncio.Queue": "asyncio.Queue",
    "asyncio.LifoQueue": "asyncio.LifoQueue",
    "asyncio.PriorityQueue": "asyncio.PriorityQueue",
    "asyncio.Event": "asyncio.Event",
    "asyncio.Lock": "asyncio.Lock",
    "asyncio.Condition": "asyncio.Condition",
    "asyncio.Semaphore": "asyncio.Semaphore",
    "asyncio.BoundedSemaphore": "asyncio.BoundedSemaphore",
    "asyncio.Future": "asyncio.Future",
    "asyncio.TaskGroup": "asyncio.TaskGroup",
    "asyncio.create_task": "asyncio.Task",
    "asyncio.ensure_future": "asyncio.Task",
    "asyncio.current_task": "asyncio.Task",  # None only outside a task, where nothing would be handed to a thread
    "asyncio.get_running_loop": "asyncio.AbstractEventLoop",
    "asyncio.get_event_loop": "asyncio.AbstractEventLoop",
    "asyncio.new_event_loop": "asyncio.AbstractEventLoop",
    # the policy's loops (`asyncio.get_event_loop_policy().new_event_loop()`, in a helper that runs a coroutine)
    "asyncio.get_event_loop_policy": "asyncio.AbstractEventLoopPolicy",
    "asyncio.AbstractEventLoopPolicy.new_event_loop": "asyncio.AbstractEventLoop",
    "asyncio.AbstractEventLoopPolicy.get_event_loop": "asyncio.AbstractEventLoop",
    "asyncio.AbstractEventLoop.create_future": "asyncio.Future",
    "asyncio.AbstractEventLoop.create_task": "asyncio.Task",
    "asyncio.TaskGroup.create_task": "asyncio.Task",
    "anyio.create_task_group": "anyio.abc.TaskGroup",
    "trio.open_nursery": "trio.Nursery",
    "redis.asyncio.Redis": "redis.asyncio.Redis",
    "redis.asyncio.from_url": "redis.asyncio.Redis",
    "redis.asyncio.Redis.from_url": "redis.asyncio.Redis",
    "redis.asyncio.Redis.pipeline": "redis.asyncio.Pipeline",
    **{f"redis.asyncio.Redis.{m}": "redis.asyncio.ModuleCommands" for m in REDIS_MODULES},
    "aiofiles.open": "aiofiles.threadpool.AsyncFile",
    "boto3.resource": BOTO3_RESOURCE,
    "boto3.Session.resource": BOTO3_RESOURCE,
    **{f"{BOTO3_COLLECTION}.{method}": BOTO3_COLLECTION for method in COLLECTION_BUILDERS},
    MONGO_CLIENT: MONGO_CLIENT,
    f"{MONGO_CLIENT}.get_database": MONGO_DATABASE,
    f"{MONGO_CLIENT}.get_default_database": MONGO_DATABASE,
    f"{MONGO_DATABASE}.get_collection": MONGO_COLLECTION,
    "sqlalchemy.orm.Session": SA_SESSION,
    "sqlalchemy.orm.scoped_session": SA_SESSION,  # a proxy with the session's methods
    "sqlalchemy.orm.sessionmaker": "sqlalchemy.orm.sessionmaker",
    "sqlalchemy.create_engine": SA_ENGINE,
    f"{SA_ENGINE}.connect": SA_CONNECTION,
    f"{SA_ENGINE}.begin": SA_CONNECTION,
    f"{SA_SESSION}.query": SA_QUERY,
    **{f"{SA_QUERY}.{m}": SA_QUERY for m in "filter filter_by where order_by limit offset join outerjoin options "
                                           "group_by having distinct with_entities".split()},
    "pandas.DataFrame": "pandas.DataFrame",
    **{f"pandas.read_{kind}": "pandas.DataFrame" for kind in "csv table json excel parquet feather pickle".split()},
    "PIL.Image.open": "PIL.Image.Image",
    "openpyxl.Workbook": "openpyxl.Workbook", "openpyxl.load_workbook": "openpyxl.Workbook",
    # async libraries: what `async with session.get(url) as resp` and `async with websockets.connect(url) as ws` give
    **{f"aiohttp.ClientSession.{m}": "aiohttp.ClientResponse"
       for m in "get post put patch delete head options request".split()},
    "websockets.connect": "websockets.ClientConnection",
    "motor.motor_asyncio.AsyncIOMotorClient": "motor.motor_asyncio.AsyncIOMotorClient",
    # asgiref's bridges return wrapper objects: calling `sync_to_async(f)` makes a coroutine, calling
    # `async_to_sync(f)` runs one to its end
    **{f"asgiref.sync.{made}": f"asgiref.sync.{kind}" for made, kind in (
        ("sync_to_async", "SyncToAsync"), ("SyncToAsync", "SyncToAsync"),
        ("async_to_sync", "AsyncToSync"), ("AsyncToSync", "AsyncToSync"))},
    # Channels' flavour for ORM work closes stale connections around the call; otherwise asgiref's
    **{f"channels.db.{made}": "asgiref.sync.SyncToAsync" for made in ("database_sync_to_async",
                                                                       "DatabaseSyncToAsync")},
    **{f"{DJANGO_QUERYSET}.{m}": DJANGO_QUERYSET for m in _DJANGO_BUILDERS},
    **{f"{DJANGO_QUERYSET}.{m}": DJANGO_MODEL for m in _DJANGO_ONE_ROW},
    **sdks.RETURNS,
    **brokers.RETURNS,
    **aio_databases.RETURNS,
    **ssh_clients.RETURNS,
    **infra_clients.RETURNS,
    **data_clients.RETURNS,
    **{f"structlog.{where}get_logger": "structlog.BoundLogger" for where in ("", "stdlib.")},
    **file_libraries.RETURNS,
    **document_tools.RETURNS,
    **notify_clients.RETURNS,
    **saas_clients.RETURNS,
    **mail_calendar.RETURNS,
    **health_clients.RETURNS,
    **ledger_clients.RETURNS,
    **telephony.RETURNS,
    **logistics_clients.RETURNS,
    **marketing_clients.RETURNS,
    **media_tools.RETURNS,
    **async_twins.RETURNS,
    **cluster_clients.RETURNS,
    **devops_clients.RETURNS,
    **grpc_aio.RETURNS,
    **zeromq.RETURNS,
    **chatbots.RETURNS,
    **exchanges.RETURNS,
    **device_clients.RETURNS,
    **domain_libraries.RETURNS,
    **async_plumbing.RETURNS,
    **interactive.RETURNS,
    **telemetry.RETURNS,
    **realtime.RETURNS,
    **ml_clients.RETURNS,
    **search_clients.RETURNS,
    **agent_tools.RETURNS,
    **ai_clients.RETURNS,
    **geo_market.RETURNS,
    # a pool's `acquire()` is entered (`async with pool.acquire() as conn`) or awaited for a connection
    "asyncpg.Pool.acquire": "asyncpg.Connection",
}
# Calls whose result is iterated for instances of a known type: callable -> type (`for f in folder.glob("*.json")`).
ITER_RETURNS: Dict[str, str] = {**{f"pathlib.Path.{m}": "pathlib.Path" for m in ("iterdir", "glob", "rglob")},
                                # every live thread, each one a `join()` away from waiting on it
                                "threading.enumerate": "threading.Thread"}
# Instances that are called: type -> the type of what calling one returns (`SessionLocal = sessionmaker(...)`,
# `SessionLocal()` is a session).
RETURNS_BY_ARGUMENT: Dict[str, Tuple[int, str, FrozenSet[str], str]] = {**telemetry.RETURNS_BY_ARGUMENT}
# Calls that make an async twin when an argument names one of these constants, and their usual type otherwise:
# callable -> (position, keyword, the constants, the twin's type).
ASYNC_BY_ARGUMENT: Dict[str, Tuple[int, str, FrozenSet[str], str]] = {**geo_market.ASYNC_BY_ARGUMENT}
CALL_RETURNS: Dict[str, str] = {"sqlalchemy.orm.sessionmaker": SA_SESSION, **aio_databases.CALL_RETURNS,
                                 **domain_libraries.CALL_RETURNS, **devops_clients.CALL_RETURNS,
                                 **sdks.CALL_RETURNS}
# Properties of library objects whose every read is a request: type.attr -> code.
BLOCKING_PROPERTIES: Dict[str, str] = {**domain_libraries.BLOCKING_PROPERTIES, **geo_market.BLOCKING_PROPERTIES}
# Module-level registries whose items are objects of a type (`caches["default"]`): registry -> that type.
REGISTRY_ITEMS: Dict[str, str] = {**search_clients.REGISTRY_ITEMS, **devops_clients.REGISTRY_ITEMS}
# Objects whose unknown attributes and items are objects of another type: a MongoClient's `client.app` and
# `client["app"]` are databases, a database's `db.orders` a collection. type -> (that type, the attributes that
# are methods or properties instead).
_MONGO_KEPT = {
    "Client": frozenset(
        "close get_database get_default_database list_database_names list_databases drop_database server_info "
        "start_session watch address options codec_options read_preference write_concern read_concern "
        "with_options topology_description primary secondaries arbiters is_primary nodes io_loop delegate".split()),
    "Database": frozenset(
        "client name command cursor_command get_collection list_collection_names list_collections "
        "create_collection drop_collection validate_collection aggregate watch with_options dereference "
        "codec_options read_preference write_concern read_concern delegate".split()),
}
# Fluent types: every public method but the few listed returns another object of the type (a builder).
FLUENT_TYPES: Dict[str, FrozenSet[str]] = {**sdks.FLUENT_TYPES, **media_tools.FLUENT_TYPES, **ai_clients.FLUENT_TYPES, **devops_clients.FLUENT_TYPES,
                                           **data_clients.FLUENT_TYPES, **mail_calendar.FLUENT_TYPES, **health_clients.FLUENT_TYPES,
                                           **saas_clients.FLUENT_TYPES}
ITEM_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    MONGO_CLIENT: (MONGO_DATABASE, frozenset(
        "close get_database get_default_database list_database_names list_databases drop_database server_info "
        "start_session watch address options codec_options read_preference write_concern read_concern "
        "with_options topology_description primary secondaries arbiters is_primary nodes".split())),
    **{f"motor.motor_asyncio.AsyncIOMotor{outer}": (f"motor.motor_asyncio.AsyncIOMotor{inner}", _MONGO_KEPT[outer])
       for outer, inner in (("Client", "Database"), ("Database", "Collection"))},
    MONGO_DATABASE: (MONGO_COLLECTION, frozenset(
        "client name command cursor_command get_collection list_collection_names list_collections "
        "create_collection drop_collection validate_collection aggregate watch with_options dereference "
        "codec_options read_preference write_concern read_concern".split())),
    # an XML-RPC proxy's `proxy.system` is a proxy of the `system.` namespace: `proxy.system.version()` is a call
    "xmlrpc.client.ServerProxy": ("xmlrpc.client.ServerProxy", frozenset()),
    **sdks.ITEM_TYPES,
    **search_clients.ITEM_TYPES,
    **ai_clients.ITEM_TYPES,
    **notify_clients.ITEM_TYPES,
    **saas_clients.ITEM_TYPES,
    **telephony.ITEM_TYPES,
    **logistics_clients.ITEM_TYPES,
    **infra_clients.ITEM_TYPES,
    **devops_clients.ITEM_TYPES,
    **domain_libraries.ITEM_TYPES,
    **async_twins.ITEM_TYPES,
}
for _m in ("delay", "apply_async"):
    RETURNS[f"{CELERY_TASK}.{_m}"] = CELERY_RESULT
# sending a task by its name, as a service that does not import the worker's code does
RETURNS["celery.Celery.send_task"] = CELERY_RESULT
# pygls 1.x: a language server's requests to its client return a `concurrent.futures.Future` at once (the
# `*_async` twins return an awaitable); `result()` on it waits for the client's answer, which the loop's own thread
# must read off the wire: in a coroutine it blocks the loop, and may never complete
PYGLS_REQUESTERS = ("pygls.server.LanguageServer", "pygls.protocol.LanguageServerProtocol",
                    "pygls.protocol.JsonRPCProtocol")
for _owner in PYGLS_REQUESTERS:
    for _m in ("send_request", "get_configuration", "register_capability", "unregister_capability", "apply_edit",
               "show_document"):
        RETURNS[f"{_owner}.{_m}"] = "concurrent.futures.Future"
for _m in ("with_suffix with_name with_stem joinpath resolve absolute expanduser relative_to "
           "readlink absolute").split():
    RETURNS[f"pathlib.Path.{_m}"] = "pathlib.Path"

# Types the evaluator knows by name (an annotation naming one declares an instance of it).
KNOWN_TYPES: FrozenSet[str] = frozenset(
    {*RETURNS.values(), *FILE_TYPES, *BLOCKING_TYPES, *BLOCKING_ITERATION,
     *(t for types, _, _ in BLOCKING_METHODS for t in types)}
)

# Types a constructor call (or an isinstance test) does not establish, only the RETURNS call that made the object
# or a declaration: a concurrent Future made with Future() is usually complete by the time code reads result() (an
# event set when it finished); one that `submit()` just returned is pending work, and a coroutine declared to be
# handed one waits for it (blocking.py leaves alone a result() read after `done()` or an await of the future).
# `shelve.Shelf(d)` pickles into the mapping it is handed (often a dict); `shelve.open()` makes one over a file.
# Factory classes that annotations name for the type of what they make: class -> that type.
NAMED_FOR_PRODUCT: Dict[str, str] = ml_clients.NAMED_FOR_PRODUCT
ONLY_FROM_CALLS: FrozenSet[str] = frozenset({"concurrent.futures.Future", "shelve.Shelf"})

# Dataclass / attrs / pydantic field specifiers: callable -> (position, keyword) of the factory whose result the
# field holds, and the keyword of a plain default.
FIELD_FACTORIES: Dict[str, Tuple[int, str, str]] = {
    "dataclasses.field": (-1, "default_factory", "default"),
    "pydantic.Field": (-1, "default_factory", "default"),
    "attr.ib": (-1, "factory", "default"),
    "attr.Factory": (0, "factory", ""),
}

# A web framework's dependency markers: a handler's parameter whose default is one gets what the dependency it
# names gives (its return value, the value a generator dependency yields): marker -> (position, keyword).
DEPENDENCY_MARKERS: Dict[str, Tuple[int, str]] = {
    **{f"fastapi.{name}": (0, "dependency") for name in ("Depends", "Security")},
    **{f"fastapi.params.{name}": (0, "dependency") for name in ("Depends", "Security")},
}

# pytest's fixture decorators (bare or called, `@pytest.fixture(scope="module")`): a test's or another fixture's
# parameter named after the fixture is handed what the fixture yields or returns (fixtures.py).
FIXTURE_DECORATORS: FrozenSet[str] = frozenset({"pytest.fixture", "pytest_asyncio.fixture"})

# Decorators that turn a function into a library object (its module-level name is that object, not the function):
# decorator -> the object's type. A Celery task's `delay()` and `apply_async()` give the result handle.
OBJECT_DECORATORS: Dict[str, str] = {"celery.shared_task": CELERY_TASK, "celery.Celery.task": CELERY_TASK,
                                     **data_clients.OBJECT_DECORATORS}

# Test-case assertion methods that look at the values handed to them (truth, equality, order, membership) and never
# await one: a coroutine handed to one was taken for its result (`self.assertTrue(service.is_ready())`). Not
# `assertIsInstance`, with which a test checks on purpose that it got a coroutine.
TEST_CASE_TYPES: FrozenSet[str] = frozenset({
    "unittest.TestCase", "unittest.IsolatedAsyncioTestCase", "unittest.case.TestCase",
    "unittest.async_case.IsolatedAsyncioTestCase", "django.test.TestCase", "django.test.SimpleTestCase",
    "django.test.TransactionTestCase"})
VALUE_ASSERTIONS: FrozenSet[str] = frozenset(
    "assertTrue assertFalse assertEqual assertNotEqual assertIs assertIsNot assertIsNone assertIsNotNone assertIn "
    "assertNotIn assertGreater assertGreaterEqual assertLess assertLessEqual assertAlmostEqual assertNotAlmostEqual "
    "assertCountEqual assertListEqual assertDictEqual assertTupleEqual assertSetEqual assertSequenceEqual "
    "assertMultiLineEqual assertRegex assertNotRegex".split())

# Typed mapping keys: constructor -> (position, keyword) of the argument naming the type of the value stored
# under the key, so `app[POOL]` with `POOL = web.AppKey("pool", ClientSession)` is a ClientSession whatever `app` is.
TYPED_KEYS: Dict[str, Tuple[int, str]] = {f"aiohttp.web.{key}": (1, "t") for key in ("AppKey", "RequestKey", "ResponseKey")}

# Calls whose result is a class (what calling it makes, its class attributes): callable -> class. Django hands out
# model classes so (the project's user model, or a model named by its app and name in migrations and signals).
CLASS_RETURNS: Dict[str, str] = {
    "django.contrib.auth.get_user_model": "django.contrib.auth.models.User",
    "django.apps.apps.get_model": "django.db.models.Model",
    "django.apps.registry.Apps.get_model": "django.db.models.Model",
    **devops_clients.CLASS_RETURNS,
}

# Queues with a sync and an asyncio face over one buffer: queue type -> the type of its `async_q`.
MIXED_QUEUES: FrozenSet[str] = frozenset({"janus.Queue", "culsans.Queue", "culsans.LifoQueue",
                                          "culsans.PriorityQueue"})
MIXED_QUEUE_ASYNC_SIDE: Dict[str, str] = {kind: f"{kind.partition('.')[0]}.AsyncQueue" for kind in MIXED_QUEUES}
# Attributes (not calls) whose value is an instance of a known type.
PROPERTIES: Dict[str, str] = {"pathlib.Path.parent": "pathlib.Path",
                              **{f"{kind}.async_q": side for kind, side in MIXED_QUEUE_ASYNC_SIDE.items()},
                               "pygls.server.LanguageServer.lsp": "pygls.protocol.LanguageServerProtocol",
                              **{f"subprocess.Popen.{end}": CHILD_PIPE for end in ("stdin", "stdout", "stderr")},
                              # the application a request is served by: its registry of shared clients
                              "aiohttp.web.Request.app": "aiohttp.web.Application",
                              "aiohttp.web.BaseRequest.app": "aiohttp.web.Application",
                              "aiohttp.web.Application.router": "aiohttp.web.UrlDispatcher",
                              # (deprecated, still read: the loop the application and its requests run on)
                              "aiohttp.web.Application.loop": "asyncio.AbstractEventLoop",
                              "aiohttp.web.Request.loop": "asyncio.AbstractEventLoop",
                              "aiohttp.web.BaseRequest.loop": "asyncio.AbstractEventLoop",
                              "starlette.datastructures.UploadFile.file": UPLOAD_SPOOL,
                              **chatbots.PROPERTIES, **infra_clients.PROPERTIES, **brokers.PROPERTIES,
                              **devops_clients.PROPERTIES, **home_assistant.PROPERTIES, **sdks.PROPERTIES, **ssh_clients.PROPERTIES,
                               **cluster_clients.PROPERTIES, **device_clients.PROPERTIES,
                               **search_clients.PROPERTIES, **agent_tools.PROPERTIES, **ai_clients.PROPERTIES,
                               **mail_calendar.PROPERTIES,
                               **domain_libraries.PROPERTIES, **async_plumbing.PROPERTIES}

# Types whose instances belong to one event loop (ACK401) and their methods that are unsafe off-loop.
# asyncio's transports (what a protocol's `connection_made` is handed), by the types they are declared as.
TRANSPORT_TYPES: List[str] = [
    f"asyncio.{name}" for name in
    "BaseTransport Transport WriteTransport ReadTransport DatagramTransport SubprocessTransport".split()
]
LOOP_BOUND_TYPES: FrozenSet[str] = frozenset(
    "asyncio.Queue asyncio.LifoQueue asyncio.PriorityQueue asyncio.Event asyncio.Lock asyncio.Condition "
    "asyncio.Semaphore asyncio.BoundedSemaphore asyncio.Future asyncio.Task".split()
    # the asyncio face of a janus (or culsans) queue wakes its waiters through the loop without a hand-over: only
    # its sync face (`q.sync_q`) may be used from other threads
    + [MIXED_QUEUE_ASYNC_SIDE[kind] for kind in MIXED_QUEUES]
    # a transport's writes and flow control touch the loop's selector and buffers: not thread-safe either, nor
    # is a stream's writer, which writes through its transport
    + TRANSPORT_TYPES + ["asyncio.StreamWriter"]
)
LOOP_BOUND_METHODS: FrozenSet[str] = frozenset(
    "put_nowait get_nowait task_done set clear release set_result set_exception cancel notify notify_all "
    "add_done_callback remove_done_callback shutdown write writelines write_eof sendto abort pause_reading "
    "resume_reading".split()
)
LOOP_TYPE = "asyncio.AbstractEventLoop"
# What calling an async generator function gives: its aclose/asend/athrow make coroutines to await.
ASYNC_GENERATOR_TYPE = "collections.abc.AsyncGenerator"
# (`stop` only sets a flag: called from another thread, the loop asleep in select() does not see it)
LOOP_UNSAFE_METHODS: FrozenSet[str] = frozenset("call_soon call_later call_at create_task stop".split())
# Types whose `a | b` composition (either side) makes an object of a known type: type -> the composed type.
PIPED: Dict[str, str] = {**agent_tools.PIPED}
# Library callbacks that may only run on the loop's thread: callable -> how another thread reaches it instead.
LOOP_ONLY_CALLS: Dict[str, str] = {**home_assistant.LOOP_ONLY_CALLS}

SYNC_LOCK_TYPES: FrozenSet[str] = frozenset(
    "threading.Lock threading.RLock threading.Condition threading.Semaphore threading.BoundedSemaphore "
    "multiprocessing.Lock multiprocessing.RLock multiprocessing.Semaphore multiprocessing.BoundedSemaphore "
    "multiprocessing.Condition".split()
    # a lock file: another task (or process) that takes the same path waits in `flock`, with the loop's thread
    + ["filelock.FileLock"]
)

# Types the rules treat alike, so that a union of them is one of them (`lock: threading.Lock | threading.RLock`).
# `ipaddress` addresses: their text is numeric, so resolving it needs no DNS (arguments._address_text)
IP_ADDRESS_TYPES: FrozenSet[str] = frozenset({"ipaddress.IPv4Address", "ipaddress.IPv6Address"})

INTERCHANGEABLE: Tuple[FrozenSet[str], ...] = (
    IP_ADDRESS_TYPES,
    SYNC_LOCK_TYPES,
    frozenset({"requests.Session", "httpx.Client"}),
    frozenset(FILE_TYPES),
    frozenset({"asyncio.Queue", "asyncio.LifoQueue", "asyncio.PriorityQueue"}),
    *search_clients.INTERCHANGEABLE,
)

# What an annotation `Callable[..., Awaitable[T]]` declares: a function whose calls make coroutines (it is
# listed among COROUTINE_FUNCTIONS).
AWAITABLE_FUNCTION = "typing.AwaitableFunction"

UNBOUNDED_QUEUE_TYPES: FrozenSet[str] = frozenset(
    # janus and culsans: unbounded by default too
    {"asyncio.Queue", "asyncio.LifoQueue", "asyncio.PriorityQueue", *MIXED_QUEUES}
)

# Channels made with a buffer size that may be infinite: callable -> (position, keyword) of the size. anyio's memory
# object stream holds nothing by default (a send waits for a receiver); `math.inf` makes its sends never wait.
SIZED_CHANNELS: Dict[str, Tuple[int, str]] = {
    "anyio.create_memory_object_stream": (0, "max_buffer_size"),
    "anyio.streams.memory.create_memory_object_stream": (0, "max_buffer_size"),
}
# What spells an infinite size: `math.inf`, `numpy.inf`, and `float("inf")` (read by the rule)
INFINITIES: FrozenSet[str] = frozenset({"math.inf", "numpy.inf", "cmath.inf", "sys.maxsize"})

TASK_SPAWNERS: FrozenSet[str] = frozenset(
    # (`asyncio.Task(coro)`, the constructor, schedules the coroutine as create_task does: 3.6-era code calls it)
    {"asyncio.create_task", "asyncio.ensure_future", "asyncio.AbstractEventLoop.create_task", "asyncio.Task"}
)

# Other ways to start a coroutine as a task (ACK602's task roots, task_roots.py): spawner -> (whether it takes the
# coroutine function itself (and calls it) rather than a coroutine, the position of that argument). A task group's
# task is owned by the group, which cancels it only when the group is cancelled or a sibling fails, and then waits
# for it and raises on its own; tornado runs a coroutine function handed to its loop as a callback, and
# `gen.convert_yielded` wraps a coroutine in a task; a thread hands the loop a coroutine; Home Assistant keeps the
# tasks of `hass` and of a config entry and cancels them at shutdown or when the entry is unloaded.
TASK_ROOT_SPAWNERS: Dict[str, Tuple[bool, int]] = {
    "asyncio.run_coroutine_threadsafe": (False, 0),
    "asyncio.TaskGroup.create_task": (False, 0),
    "anyio.abc.TaskGroup.start_soon": (True, 0),
    "trio.Nursery.start_soon": (True, 0),
    "tornado.ioloop.IOLoop.add_callback": (True, 0),
    "tornado.ioloop.IOLoop.spawn_callback": (True, 0),
    "tornado.gen.convert_yielded": (False, 0),
    # APScheduler 3's asyncio executor runs a coroutine job as a task it keeps and only cancels at shutdown
    "apscheduler.schedulers.asyncio.AsyncIOScheduler.add_job": (True, 0),
    "apscheduler.schedulers.base.BaseScheduler.add_job": (True, 0),
    **home_assistant.TASK_ROOT_SPAWNERS,
}

# Where a callable is handed to another thread: callable -> (position of the callable argument, keyword).
THREAD_ENTRY: Dict[str, Tuple[int, str]] = {
    "threading.Thread": (1, "target"),
    "threading.Timer": (1, "function"),
    "multiprocessing.Process": (1, "target"),
    "_thread.start_new_thread": (0, ""),
    "asyncio.to_thread": (0, "func"),
    "asyncio.AbstractEventLoop.run_in_executor": (1, "func"),
    "concurrent.futures.ThreadPoolExecutor.submit": (0, "fn"),
    "concurrent.futures.ThreadPoolExecutor.map": (0, "fn"),
    # typed only as the abstract base (`executor: Executor`) or a process pool: never the loop's thread either
    "concurrent.futures.Executor.submit": (0, "fn"),
    "concurrent.futures.Executor.map": (0, "fn"),
    "concurrent.futures.ProcessPoolExecutor.submit": (0, "fn"),
    "concurrent.futures.ProcessPoolExecutor.map": (0, "fn"),
    "signal.signal": (1, "handler"),
    "anyio.to_thread.run_sync": (0, "func"),
    # Starlette's (and FastAPI's, re-exported) bridge for sync code: anyio's worker threads
    "starlette.concurrency.run_in_threadpool": (0, "func"),
    **home_assistant.THREAD_ENTRY,
    **device_clients.THREAD_ENTRY,
    **ros.THREAD_ENTRY,
    **chatbots.THREAD_ENTRY,
    **wsgi_apps.THREAD_ENTRY,
    **worker_frameworks.THREAD_ENTRY,
    **exchanges.THREAD_ENTRY,
}
# Awaited calls that run a sync callable on a worker thread and give what it returns (`conn = await
# asyncio.to_thread(sqlite3.connect, path)` is a sqlite3 connection, whose later calls on the loop block):
# callable -> (position of the callable argument, keyword).
OFFLOADED_RESULT: Dict[str, Tuple[int, str]] = {
    name: THREAD_ENTRY[name] for name in (
        "asyncio.to_thread", "asyncio.AbstractEventLoop.run_in_executor", "anyio.to_thread.run_sync",
        "starlette.concurrency.run_in_threadpool")
}
# Qt's Python bindings, under each of their package names (qtpy: the shim over all of them)
QT_BINDINGS = ("PyQt5", "PyQt6", "PySide2", "PySide6", "qtpy")
# How GUI toolkits are handed the event handlers they call on the GUI's thread, known by the toolkit the module
# imports (a widget's type is rarely written down): (toolkit, its packages, method -> (position, keyword) of the
# handler, the keywords (a trailing `_`: a prefix) that hand a handler to whichever call of the module takes them:
# Tk's `Button(..., command=f)`, Kivy's `bind(on_press=f)`). Only where the module also runs an asyncio loop on a
# thread of its own is the GUI's thread known not to be the loop's (qasync, async-tkinter-loop and Kivy's
# `async_run` run the loop on the GUI's thread).
GUI_HANDLER_REGISTRARS: Tuple[Tuple[str, Tuple[str, ...], Dict[str, Tuple[int, str]], Tuple[str, ...]], ...] = (
    ("Tk", ("tkinter", "customtkinter", "ttkbootstrap"),
     {"bind": (1, "func"), "bind_all": (1, "func"), "bind_class": (2, "func"), "tag_bind": (2, "func"),
      "after": (1, "func"), "after_idle": (0, "func"), "protocol": (1, "func"), "trace_add": (2, "callback")},
     ("command",)),
    ("Qt", QT_BINDINGS, {"connect": (0, "slot"), "singleShot": (1, "slot")}, ()),
    ("wx", ("wx",), {"Bind": (1, "handler"), "CallAfter": (0, "callableObj"), "CallLater": (1, "callableObj")}, ()),
    ("Kivy", ("kivy",), {"schedule_once": (0, "callback"), "schedule_interval": (0, "callback")}, ("on_",)),
)
# The bridges that run the asyncio loop on a GUI toolkit's own thread (qasync's QEventLoop is the Qt event loop):
# in a module that imports one, that toolkit's handlers run on a loop's thread, whatever other loop the module
# runs on a helper thread (for another front end, say). Toolkit -> the bridges' packages.
GUI_LOOP_BRIDGES: Dict[str, Tuple[str, ...]] = {
    "Qt": ("qasync", "asyncqt", "quamash"),
    "Tk": ("async_tkinter_loop",),
}
# Library hooks a function is assigned to (`threading.excepthook = hook`) that call it from a thread other than the
# loop's: hook -> where it runs.
THREAD_HOOKS: Dict[str, str] = {
    "threading.excepthook": "`threading.excepthook`, which runs in the thread whose target raised",
}
THREAD_HOOK_NAMES: FrozenSet[str] = frozenset(name.rpartition(".")[2] for name in THREAD_HOOKS)
# Where a callable is handed to the event loop, which later calls it on its own thread: callable -> (position of
# the callable argument, keyword). A blocking call in it stalls the loop as much as one in a coroutine.
LOOP_CALLBACK_ENTRY: Dict[str, Tuple[int, str]] = {
    f"{LOOP_TYPE}.call_soon": (0, "callback"),
    f"{LOOP_TYPE}.call_soon_threadsafe": (0, "callback"),
    f"{LOOP_TYPE}.call_later": (1, "callback"),
    f"{LOOP_TYPE}.call_at": (1, "callback"),
    f"{LOOP_TYPE}.add_reader": (1, "callback"),
    f"{LOOP_TYPE}.add_writer": (1, "callback"),
    f"{LOOP_TYPE}.add_signal_handler": (1, "callback"),
    "asyncio.Future.add_done_callback": (0, "fn"),
    "asyncio.Task.add_done_callback": (0, "fn"),
}
# Calls handed a list of (event, handler) pairs whose handlers the library calls as plain functions: callable ->
# (position, keyword) of the list (pynetdicom's `evt_handlers=[(evt.EVT_C_STORE, on_store)]`).
HANDLER_PAIRS: Dict[str, Tuple[int, str]] = {**health_clients.HANDLER_PAIRS}
# asyncio's protocol classes, and the methods of theirs that the loop calls (on its thread) as I/O happens.
PROTOCOL_TYPES: FrozenSet[str] = frozenset(
    f"asyncio.{name}" for name in
    "BaseProtocol Protocol BufferedProtocol DatagramProtocol SubprocessProtocol StreamReaderProtocol".split()
)
PROTOCOL_CALLBACKS: FrozenSet[str] = frozenset(
    "connection_made connection_lost data_received eof_received get_buffer buffer_updated datagram_received "
    "error_received pause_writing resume_writing pipe_data_received pipe_connection_lost process_exited".split()
)
# Calls that hand their arguments on to run later or elsewhere (a generator passed to them is not iterated yet).
HANDS_OFF: FrozenSet[str] = frozenset({
    "functools.partial", "anyio.to_thread.run_sync", "starlette.concurrency.run_in_threadpool",
    "starlette.concurrency.iterate_in_threadpool", "asyncio.AbstractEventLoop.call_soon_threadsafe",
    # a sync iterator body is iterated with iterate_in_threadpool when the response is sent
    "starlette.responses.StreamingResponse",
})
# Decorators whose function, once decorated, runs its body in a worker thread: calling it returns a future
# (tornado's `run_on_executor`) or a coroutine (asgiref's `sync_to_async`, asyncer's `asyncify`) at once.
# Wrappers of a sync callable that run it on a worker thread when called (`sync_to_async(f)(x)`): as decorators
# too (`@sync_to_async`).
THREAD_WRAPPERS: FrozenSet[str] = frozenset({
    "asgiref.sync.sync_to_async", "asgiref.sync.SyncToAsync", "channels.db.database_sync_to_async",
    "asyncer.asyncify",
})
# (pygls: `@server.thread()` runs the language server's handler on its thread pool; 1.x and 2.x spellings)
OFF_LOOP_DECORATORS: FrozenSet[str] = frozenset({
    "tornado.concurrent.run_on_executor", *THREAD_WRAPPERS,
    *(f"pygls.{cls}.thread" for cls in ("server.Server", "server.LanguageServer", "server.JsonRPCServer",
                                        "lsp.server.LanguageServer"))})
# How each entry runs the callable, for messages.
THREAD_ENTRY_WHERE: Dict[str, str] = {
    "threading.Thread": "a thread started with `threading.Thread()`",
    "threading.Timer": "a `threading.Timer()` thread",
    "multiprocessing.Process": "another process",
    "_thread.start_new_thread": "a raw thread",
    "asyncio.to_thread": "a worker thread (`asyncio.to_thread()`)",
    "asyncio.AbstractEventLoop.run_in_executor": "an executor thread (`loop.run_in_executor()`)",
    "concurrent.futures.ThreadPoolExecutor.submit": "an executor thread (`executor.submit()`)",
    "concurrent.futures.ThreadPoolExecutor.map": "an executor thread (`executor.map()`)",
    "concurrent.futures.Executor.submit": "an executor's worker (`executor.submit()`)",
    "concurrent.futures.Executor.map": "an executor's worker (`executor.map()`)",
    "concurrent.futures.ProcessPoolExecutor.submit": "another process (`executor.submit()`)",
    "concurrent.futures.ProcessPoolExecutor.map": "another process (`executor.map()`)",
    "signal.signal": "a signal handler, which interrupts whatever the loop is doing",
    "anyio.to_thread.run_sync": "a worker thread (`anyio.to_thread.run_sync()`)",
    "starlette.concurrency.run_in_threadpool": "a worker thread (`run_in_threadpool()`)",
    **home_assistant.THREAD_ENTRY_WHERE,
    **device_clients.THREAD_ENTRY_WHERE,
    **ros.THREAD_ENTRY_WHERE,
    **chatbots.THREAD_ENTRY_WHERE,
    **wsgi_apps.THREAD_ENTRY_WHERE,
    **worker_frameworks.THREAD_ENTRY_WHERE,
    **exchanges.THREAD_ENTRY_WHERE,
}
# Decorators that register a plain function a library calls on a thread of its own: decorator -> where it runs.
THREAD_HANDLER_DECORATORS: Dict[str, str] = {**chatbots.THREAD_HANDLER_DECORATORS,
                                             **wsgi_apps.THREAD_HANDLER_DECORATORS,
                                             **worker_frameworks.THREAD_HANDLER_DECORATORS}
# Lists of callbacks on a library object that it calls on its threads: type -> (attribute names, where).
THREAD_LISTENER_LISTS: Dict[str, Tuple[Tuple[str, ...], str]] = chatbots.THREAD_LISTENER_LISTS

# Library coroutine functions (calling them creates a coroutine that must be awaited).
COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset(
    """asyncio.sleep asyncio.wait_for asyncio.wait asyncio.open_connection asyncio.start_server
    asyncio.open_unix_connection asyncio.start_unix_server asyncio.create_subprocess_exec
    asyncio.create_subprocess_shell asyncio.to_thread asyncio.staggered_race
    asyncio.Queue.put asyncio.Queue.get asyncio.Queue.join asyncio.LifoQueue.put asyncio.LifoQueue.get
    asyncio.PriorityQueue.put asyncio.PriorityQueue.get asyncio.Event.wait asyncio.Lock.acquire
    asyncio.Condition.wait asyncio.Condition.wait_for asyncio.Semaphore.acquire asyncio.BoundedSemaphore.acquire
    contextlib.AsyncExitStack.aclose contextlib.AsyncExitStack.enter_async_context
    asyncio.StreamWriter.drain asyncio.StreamWriter.wait_closed asyncio.StreamReader.read
    asyncio.StreamReader.readline asyncio.StreamReader.readexactly asyncio.StreamReader.readuntil
    asyncio.AbstractEventLoop.getaddrinfo asyncio.AbstractEventLoop.getnameinfo
    asyncio.AbstractEventLoop.create_connection asyncio.AbstractEventLoop.create_server
    asyncio.AbstractEventLoop.sock_recv asyncio.AbstractEventLoop.sock_sendall
    asyncio.AbstractEventLoop.sock_connect asyncio.AbstractEventLoop.sock_accept
    asyncio.AbstractEventLoop.shutdown_asyncgens asyncio.AbstractEventLoop.shutdown_default_executor
    asyncio.AbstractEventLoop.create_unix_connection asyncio.AbstractEventLoop.create_unix_server
    asyncio.AbstractEventLoop.create_datagram_endpoint asyncio.AbstractEventLoop.connect_accepted_socket
    asyncio.AbstractEventLoop.connect_read_pipe asyncio.AbstractEventLoop.connect_write_pipe
    asyncio.AbstractEventLoop.subprocess_exec asyncio.AbstractEventLoop.subprocess_shell
    asyncio.AbstractEventLoop.sock_recv_into asyncio.AbstractEventLoop.sock_recvfrom
    asyncio.AbstractEventLoop.sock_recvfrom_into asyncio.AbstractEventLoop.sock_sendto
    asyncio.AbstractEventLoop.sock_sendfile asyncio.AbstractEventLoop.sendfile asyncio.AbstractEventLoop.start_tls
    asyncio.Server.start_serving asyncio.Server.serve_forever asyncio.Server.wait_closed
    asyncio.StreamWriter.start_tls asyncio.Barrier.wait asyncio.Barrier.abort asyncio.Barrier.reset
    asyncio.subprocess.Process.wait asyncio.subprocess.Process.communicate
    httpx.AsyncClient.get httpx.AsyncClient.post httpx.AsyncClient.put httpx.AsyncClient.patch
    httpx.AsyncClient.delete httpx.AsyncClient.head httpx.AsyncClient.options httpx.AsyncClient.request
    httpx.AsyncClient.send httpx.AsyncClient.aclose
    anyio.sleep anyio.sleep_forever anyio.open_file anyio.run_process anyio.connect_tcp anyio.wait_all_tasks_blocked
    anyio.to_thread.run_sync trio.sleep aiofiles.os.remove aiofiles.os.rename aiofiles.os.stat
    asyncpg.connect asyncpg.create_pool aiosqlite.connect aiohttp.ClientSession.close
    aiosqlite.Connection.execute aiosqlite.Connection.executemany aiosqlite.Connection.executescript
    aiosqlite.Connection.commit aiosqlite.Connection.rollback aiosqlite.Connection.close
    asyncpg.Connection.execute asyncpg.Connection.executemany asyncpg.Connection.fetch asyncpg.Connection.fetchrow
    asyncpg.Connection.fetchval asyncpg.Connection.close asyncpg.Pool.execute asyncpg.Pool.fetch
    asyncpg.Pool.fetchrow asyncpg.Pool.fetchval asyncpg.Pool.release asyncpg.Pool.close
    aiohttp.web.StreamResponse.prepare aiohttp.web.StreamResponse.write aiohttp.web.StreamResponse.write_eof
    aiohttp.web.WebSocketResponse.prepare aiohttp.web.WebSocketResponse.send_str
    aiohttp.web.WebSocketResponse.send_bytes aiohttp.web.WebSocketResponse.send_json
    aiohttp.web.WebSocketResponse.receive aiohttp.web.WebSocketResponse.receive_str
    aiohttp.web.WebSocketResponse.receive_json aiohttp.web.WebSocketResponse.close
    aiohttp.web.WebSocketResponse.ping aiohttp.web.Application.startup aiohttp.web.Application.shutdown
    aiohttp.web.Application.cleanup aiohttp.ClientWebSocketResponse.send_str
    aiohttp.ClientWebSocketResponse.send_bytes aiohttp.ClientWebSocketResponse.send_json
    aiohttp.ClientWebSocketResponse.receive aiohttp.ClientWebSocketResponse.close aiohttp.ClientWebSocketResponse.ping
    redis.asyncio.Pipeline.execute redis.asyncio.Pipeline.watch redis.asyncio.Pipeline.unwatch
    redis.asyncio.Pipeline.reset typing.AwaitableFunction asgiref.sync.SyncToAsync.__call__
    aiohttp.ClientResponse.json aiohttp.ClientResponse.text aiohttp.ClientResponse.read
    collections.abc.AsyncGenerator.aclose collections.abc.AsyncGenerator.asend
    collections.abc.AsyncGenerator.athrow collections.abc.AsyncGenerator.__anext__
    """.split()
) | frozenset(
    # websockets' asyncio connections (client, server, either)
    f"websockets.{kind}.{m}" for kind in ("ClientConnection", "ServerConnection", "Connection")
    for m in "send recv close ping pong wait_closed".split()
) | frozenset(
    # motor, the asyncio driver of MongoDB: its clients, databases and collections (reached as in pymongo)
    f"motor.motor_asyncio.AsyncIOMotor{kind}.{m}" for kind, methods in (
        ("Client", "list_database_names server_info drop_database start_session"),
        ("Database", "command list_collection_names create_collection drop_collection validate_collection"),
        ("Collection", "find_one insert_one insert_many update_one update_many replace_one delete_one delete_many "
                       "count_documents estimated_document_count distinct bulk_write find_one_and_update "
                       "find_one_and_replace find_one_and_delete create_index create_indexes drop_index "
                       "drop_indexes drop index_information rename"),
    ) for m in methods.split()
) | frozenset(
    # ASGI frameworks' request and websocket objects (Starlette's, re-exported by FastAPI; a Channels consumer's
    # own methods): reading the body and talking on the socket are coroutines (`data = request.json()` is not data)
    f"{kind}.{m}" for kind, methods in (
        ("starlette.requests.Request", "body json form close is_disconnected send_push_promise"),
        ("starlette.websockets.WebSocket", "accept receive send receive_text receive_bytes receive_json send_text "
                                           "send_bytes send_json close send_denial_response"),
        ("starlette.datastructures.UploadFile", "read write seek close"),
        # aiohttp's request, as its handlers are given it: reading the body is a coroutine
        *((kind, "read text json post multipart release")
          for kind in ("aiohttp.web.Request", "aiohttp.web.BaseRequest")),
        ("channels.generic.websocket.AsyncWebsocketConsumer", "accept send close send_json"),
    ) for m in methods.split()
) | frozenset(
    # the file `async with aiofiles.open(...) as f` gives: its I/O methods are coroutine functions
    f"aiofiles.threadpool.AsyncFile.{m}" for m in
    "read read1 readall readinto readline readlines write writelines flush close seek tell truncate peek".split()
)
COROUTINE_FUNCTIONS |= frozenset(f"{DJANGO_QUERYSET}.a{m}" for m in _DJANGO_QUERIES.split()) \
    | frozenset(f"{DJANGO_MODEL}.a{m}" for m in DJANGO_MODEL_QUERIES) \
    | frozenset({"django.shortcuts.aget_object_or_404", "django.shortcuts.aget_list_or_404"})
COROUTINE_FUNCTIONS |= chatbots.COROUTINE_FUNCTIONS | grpc_aio.COROUTINE_FUNCTIONS | zeromq.COROUTINE_FUNCTIONS \
    | brokers.COROUTINE_FUNCTIONS \
    | aio_databases.COROUTINE_FUNCTIONS | ssh_clients.COROUTINE_FUNCTIONS | cluster_clients.COROUTINE_FUNCTIONS \
    | device_clients.COROUTINE_FUNCTIONS | home_assistant.COROUTINE_FUNCTIONS | search_clients.COROUTINE_FUNCTIONS \
    | domain_libraries.COROUTINE_FUNCTIONS | async_plumbing.COROUTINE_FUNCTIONS | async_twins.COROUTINE_FUNCTIONS \
    | health_clients.COROUTINE_FUNCTIONS | telephony.COROUTINE_FUNCTIONS | geo_market.COROUTINE_FUNCTIONS
COROUTINE_FUNCTIONS |= interactive.COROUTINE_FUNCTIONS | agent_tools.COROUTINE_FUNCTIONS | realtime.COROUTINE_FUNCTIONS \
    | sdks.COROUTINE_FUNCTIONS | ai_clients.COROUTINE_FUNCTIONS | notify_clients.COROUTINE_FUNCTIONS \
    | saas_clients.COROUTINE_FUNCTIONS | infra_clients.COROUTINE_FUNCTIONS | telemetry.COROUTINE_FUNCTIONS | frozenset(
    f"asyncpg.{kind}.{m}" for kind in ("Connection", "Pool") for m in
    "copy_from_table copy_from_query copy_to_table copy_records_to_table".split()
) | frozenset(f"asyncpg.Connection.{m}" for m in (
    "prepare add_listener remove_listener set_type_codec set_builtin_type_codec reload_schema_state reset".split()))
# Coroutine functions that were plain methods in an earlier major version still in use (python-telegram-bot
# before 20): read as coroutines only in code the loop runs, where the old version's calls cannot be.
COROUTINE_ON_LOOP_ONLY: FrozenSet[str] = chatbots.ON_LOOP_ONLY
# Calls that make an object which does its work only when awaited or entered with `async with` (aiohttp's
# request context managers, asyncpg's pool acquire, a websockets connect): made and dropped, nothing is sent.
AWAITABLE_MANAGERS: FrozenSet[str] = frozenset({
    *(f"aiohttp.ClientSession.{m}" for m in "get post put patch delete head options request ws_connect".split()),
    "asyncpg.Pool.acquire", "websockets.connect",
})
# What a framework hands the handlers a decorator registers, for their unannotated arguments (types.handler_argument):
# aiohttp's `@routes.get("/")` a Request, pygls 1.x a feature's or command's handler the language server first
# (`ls`). (The callables handed over in a call are callbacks.HANDED's; that module works on syntax trees, and a
# warm run, whose files the cache all knows, must not pay for importing libcst.)
HANDLER_ARGUMENTS = {**chatbots.HANDLER_ARGUMENTS, **{
    f"aiohttp.web.RouteTableDef.{verb}": {"": ("aiohttp.web.Request",)}
    for verb in ("get", "post", "put", "patch", "delete", "head", "route")},
    **{f"pygls.server.LanguageServer.{d}": {"": ("pygls.server.LanguageServer",)} for d in ("feature", "command")}}
HANDLER_ARGUMENTS_BY_NAME = chatbots.HANDLER_ARGUMENTS_BY_NAME
# What a framework's convention hands the unannotated `__init__` of a subclass of one of its classes.
CONSTRUCTOR_ARGUMENTS = chatbots.CONSTRUCTOR_ARGUMENTS
# What a framework's conventions hand an unannotated parameter by its name alone, in a module that imports the
# framework: package -> {parameter name: type} (types.named_argument).
PARAMETERS_BY_NAME: Dict[str, Dict[str, str]] = {"homeassistant": home_assistant.PARAMETERS_BY_NAME}
# Library objects that are called like functions: `<type>.__call__` names a call of one in the tables above.
CALLABLE_INSTANCES: FrozenSet[str] = frozenset(
    name for name in (*BLOCKING, *COROUTINE_FUNCTIONS) if name.endswith(".__call__")
)
# Async clients every public method of which is a coroutine function, but for the few listed: type -> those few.
# redis.asyncio: each command is a round trip; these build objects or set options.
COROUTINE_TYPES: Dict[str, FrozenSet[str]] = {
    "redis.asyncio.Redis": frozenset(
        "pipeline pubsub lock register_script from_url from_pool get_connection_kwargs set_response_callback "
        "get_encoder get_retry set_retry monitor client".split() + REDIS_MODULES
    ),
    "redis.asyncio.ModuleCommands": frozenset({"pipeline", "batch_indexer"}),
    **sdks.COROUTINE_TYPES,
    **ml_clients.COROUTINE_TYPES,
    **devops_clients.COROUTINE_TYPES,
    **cluster_clients.COROUTINE_TYPES,
    **search_clients.COROUTINE_TYPES,
    **ai_clients.COROUTINE_TYPES,
    **saas_clients.COROUTINE_TYPES,
    **marketing_clients.COROUTINE_TYPES,
    **device_clients.COROUTINE_TYPES,
    **domain_libraries.COROUTINE_TYPES,
    **chatbots.COROUTINE_TYPES,
    **async_twins.COROUTINE_TYPES,
    **telephony.COROUTINE_TYPES,
}
ASYNC_SUFFIXED: FrozenSet[str] = sdks.ASYNC_SUFFIXED | ai_clients.ASYNC_SUFFIXED | logistics_clients.ASYNC_SUFFIXED
COROUTINE_TYPES[brokers.AIOREDIS] = COROUTINE_TYPES["redis.asyncio.Redis"] | brokers.AIOREDIS_LOCAL
COROUTINE_TYPES[brokers.ARQ_REDIS] = COROUTINE_TYPES["redis.asyncio.Redis"] | brokers.ARQ_LOCAL
# Types some table describes (whose methods block, make coroutines, or return known objects): a dropped call of a
# method of one is decided by those tables, not by how the same call is used elsewhere (coroutines._awaited_twin).
DESCRIBED_TYPES: FrozenSet[str] = KNOWN_TYPES | frozenset(
    name.rpartition(".")[0] for name in (*BLOCKING, *COROUTINE_FUNCTIONS, *RETURNS)
) | frozenset(COROUTINE_TYPES) | frozenset(ITEM_TYPES)

# Awaited calls that return a tuple of known types, for `a, b = await f(...)`.
UNPACKED: Dict[str, Tuple[str, ...]] = {
    "asyncio.open_connection": ("asyncio.StreamReader", "asyncio.StreamWriter"),
    "asyncio.open_unix_connection": ("asyncio.StreamReader", "asyncio.StreamWriter"),
    **ssh_clients.UNPACKED,
    **async_twins.UNPACKED,
    **health_clients.UNPACKED,
}
# Plain calls that return a tuple of known types, for `a, b = f(...)` (a position not listed is not known:
# `conn, addr = sock.accept()`).
UNPACKED_SYNC: Dict[str, Tuple[str, ...]] = {
    "socket.socketpair": ("socket.socket", "socket.socket"),
    "socket.socket.accept": ("socket.socket",),
    "multiprocessing.Pipe": (PIPE_END, PIPE_END),
    "multiprocessing.context.BaseContext.Pipe": (PIPE_END, PIPE_END),
    **ssh_clients.UNPACKED_SYNC,
}
ASYNC_RETURNS: Dict[str, str] = {
    # an IPv4Address or an IPv6Address, which the rules treat alike (INTERCHANGEABLE): the first stands for both
    "ipaddress.ip_address": "ipaddress.IPv4Address",
    "aiohttp.ClientSession.ws_connect": "aiohttp.ClientWebSocketResponse",
    "asyncio.create_subprocess_exec": "asyncio.subprocess.Process",
    "asyncio.create_subprocess_shell": "asyncio.subprocess.Process",
    "aiosqlite.connect": "aiosqlite.Connection",
    **{name: "asyncio.Server" for name in ("asyncio.start_server", "asyncio.start_unix_server",
                                           "asyncio.AbstractEventLoop.create_server",
                                           "asyncio.AbstractEventLoop.create_unix_server")},
    "asyncpg.connect": "asyncpg.Connection",
    "asyncpg.create_pool": "asyncpg.Pool",
    "asyncpg.Pool.acquire": "asyncpg.Connection",
    **agent_tools.ASYNC_RETURNS,
    "aiofiles.open": "aiofiles.threadpool.AsyncFile",
    **{f"aiohttp.ClientSession.{m}": "aiohttp.ClientResponse"
       for m in "get post put patch delete head options request".split()},
    "websockets.connect": "websockets.ClientConnection",
    **{f"{DJANGO_QUERYSET}.a{m}": DJANGO_MODEL for m in _DJANGO_ONE_ROW},
    **brokers.ASYNC_RETURNS,
    **aio_databases.ASYNC_RETURNS,
    **ssh_clients.ASYNC_RETURNS,
    **cluster_clients.ASYNC_RETURNS,
    **async_twins.ASYNC_RETURNS,
    **device_clients.ASYNC_RETURNS,
    **health_clients.ASYNC_RETURNS,
    **telephony.ASYNC_RETURNS,
}

# Packages whose names never belong to the user's project (keeps cross-module lookups cheap).
LIBRARY_ROOTS: FrozenSet[str] = frozenset(
    {name.split(".")[0] for name in (*BLOCKING, *RETURNS, *COROUTINE_FUNCTIONS, *THREAD_ENTRY)}
)


def reference(code: str) -> Dict[str, object]:
    """What the tables know about one blocking code, for its rule page (docs/generate.py): the functions, the
    types whose methods (or iteration) block with how values of each type are made, and the generators that
    block only where they are iterated."""
    methods: Dict[str, List[str]] = {}
    for types, found, names in BLOCKING_METHODS:
        if found == code:
            for name in types:
                methods.setdefault(name, []).extend(names.split())
    all_but = {name: sorted(kept) for name, (found, kept) in BLOCKING_TYPES.items() if found == code}
    iterated = {name for name, found in BLOCKING_ITERATION.items() if found == code}
    types = sorted({*methods, *all_but, *iterated})
    made_by = {
        name: sorted({*(c for c, returned in RETURNS.items() if returned == name),
                      *(attr for attr, held in PROPERTIES.items() if held == name),
                      *(f"{registry}[...]" for registry, held in REGISTRY_ITEMS.items() if held == name),
                      *(f"{maker}({keyword}={sorted(c.rpartition('.')[2] for c in constants)[0]})"
                        for maker, (_, keyword, constants, made) in RETURNS_BY_ARGUMENT.items() if made == name),
                      *MADE_ELSEWHERE.get(name, ())})
        for name in types
    }
    return {
        "functions": sorted(name for name, found in BLOCKING_FUNCTIONS.items() if found == code and name not in LAZY),
        "types": [(name, made_by[name], methods.get(name, []), all_but.get(name), name in iterated) for name in types],
        "lazy": sorted(name for name in LAZY if BLOCKING.get(name) == code),
        "stream_functions": sorted(STREAM_ARGUMENTS) if code in STREAM_TYPES.values() else [],
        "streams": sorted(name for name, found in STREAM_TYPES.items() if found == code),
        "command_modules": sorted(name for name, (found, _) in COMMAND_MODULES.items() if found == code),
        "families": sorted((root, suffixes, twins) for root, (suffixes, twins, found) in sdk_families.FAMILIES.items()
                           if found == code),
    }

# Awaits whose framework cancels the waiting handler to say the peer went away, and documents catching that
# `CancelledError` as the way to notice a disconnect (quart's websocket guide): a handler around only these that
# takes the cancel as the end of its stream loses no cancel anyone waits on (ACK601/ACK602). Keyed by the type
# (or the module-level proxy) and the method.
CANCEL_IS_DISCONNECT = frozenset(
    f"{owner}.{method}"
    for owner in ("quart.Websocket", "quart.wrappers.Websocket", "quart.wrappers.websocket.Websocket",
                  "quart.websocket", "quart.globals.websocket")
    for method in ("receive", "send", "receive_json", "send_json", "accept", "close"))
