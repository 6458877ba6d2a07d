"""What the linter knows about libraries: blocking callables, the types calls return, coroutine functions.

Everything is keyed by qualified name as the linter resolves it (``time.sleep``, ``requests.Session.get``).
Instance methods are keyed ``<type>.<method>``, types by a canonical name (see CANONICAL).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

# Other spellings of the same object -> the canonical qualified name used in the tables below.
CANONICAL: Dict[str, str] = {
    "posixpath": "os.path",
    "ntpath": "os.path",
    "requests.sessions.Session": "requests.Session",
    "requests.sessions.session": "requests.Session",
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
    "asyncio.exceptions.CancelledError": "asyncio.CancelledError",
    "asyncio.futures.CancelledError": "asyncio.CancelledError",
    "asyncio.events.AbstractEventLoop": "asyncio.AbstractEventLoop",
    "asyncio.base_events.BaseEventLoop": "asyncio.AbstractEventLoop",
    "asyncio.BaseEventLoop": "asyncio.AbstractEventLoop",
    "asyncio.futures.Future": "asyncio.Future",
    "asyncio.tasks.Task": "asyncio.Task",
    "asyncio.taskgroups.TaskGroup": "asyncio.TaskGroup",
    "asyncio.subprocess.Process": "asyncio.subprocess.Process",
    "smtplib.SMTP_SSL": "smtplib.SMTP",
    "smtplib.LMTP": "smtplib.SMTP",
    "ftplib.FTP_TLS": "ftplib.FTP",
    "psycopg2.extensions.connection": "psycopg2.connection",
    "psycopg2.extensions.cursor": "psycopg2.cursor",
    "pymysql.connections.Connection": "pymysql.Connection",
    "pymysql.cursors.Cursor": "pymysql.Cursor",
    "sqlite3.dbapi2.connect": "sqlite3.connect",
    "urllib.request.OpenerDirector": "urllib.request.OpenerDirector",
    "io.open": "builtins.open",
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
}
for _mod in ("asyncio.queues", "asyncio.locks", "asyncio.tasks", "asyncio.events", "asyncio.runners",
             "asyncio.streams", "asyncio.subprocess", "asyncio.threads", "asyncio.timeouts"):
    for _name in ("Queue", "LifoQueue", "PriorityQueue", "Event", "Lock", "Condition", "Semaphore",
                  "BoundedSemaphore", "create_task", "ensure_future", "sleep", "wait_for", "wait", "gather",
                  "run", "get_event_loop", "get_running_loop", "new_event_loop", "open_connection",
                  "start_server", "create_subprocess_exec", "create_subprocess_shell", "to_thread",
                  "run_coroutine_threadsafe", "shield", "timeout"):
        CANONICAL.setdefault(f"{_mod}.{_name}", f"asyncio.{_name}")


def canonical(name: str) -> str:
    if name in CANONICAL:
        return CANONICAL[name]
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


PATH_TYPES = ("pathlib.Path",)
# Sync file objects: what open(), os.fdopen(), Path.open() and the compressed-file modules return. io.StringIO and
# io.BytesIO are not here (memory only), nor the abstract typing.IO/TextIO (often sys.stdout or a StringIO).
FILE_TYPE = "io.TextIOWrapper"
FILE_TYPES = (FILE_TYPE, "io.BufferedReader", "io.BufferedWriter", "io.BufferedRandom", "io.FileIO",
              "gzip.GzipFile", "bz2.BZ2File", "lzma.LZMAFile")
POOL_TYPE = "multiprocessing.pool.Pool"
HTTP_METHODS = "get post put patch delete head options request send stream"

# Blocking callables -> code. A method entry "<type>.<method>" applies to instances of that type.
BLOCKING: Dict[str, str] = {
    **_table("ACK101", "time.sleep"),
    **_table(
        "ACK102",
        *(f"requests.{m}" for m in "get post put patch delete head options request".split()),
        *(f"httpx.{m}" for m in "get post put patch delete head options request stream".split()),
        "urllib.request.urlopen", "urllib.request.urlretrieve", "urllib.request.OpenerDirector.open",
        "urllib3.request", "urllib3.PoolManager.request", "urllib3.PoolManager.urlopen",
        "urllib3.HTTPConnectionPool.request", "urllib3.HTTPConnectionPool.urlopen",
        "http.client.HTTPConnection.request", "http.client.HTTPConnection.getresponse",
        "http.client.HTTPConnection.connect", "http.client.HTTPSConnection.request",
        "http.client.HTTPSConnection.getresponse", "http.client.HTTPSConnection.connect",
    ),
    **_methods("ACK102", ("requests.Session", "httpx.Client"), HTTP_METHODS),
    **_table(
        "ACK103",
        "builtins.open", "os.open", "os.listdir", "os.scandir", "os.walk", "os.remove", "os.unlink",
        "os.rename", "os.renames", "os.replace", "os.mkdir", "os.makedirs", "os.rmdir", "os.removedirs",
        "os.truncate", "os.fsync", "os.sendfile", "os.read", "os.write",
        "shutil.copy", "shutil.copy2", "shutil.copyfile", "shutil.copytree", "shutil.move", "shutil.rmtree",
        "shutil.copyfileobj", "shutil.make_archive", "shutil.unpack_archive", "shutil.disk_usage",
        "glob.glob", "glob.iglob", "tarfile.open", "zipfile.ZipFile", "gzip.open", "bz2.open", "lzma.open",
        "tempfile.NamedTemporaryFile", "tempfile.TemporaryFile", "tempfile.mkstemp", "tempfile.mkdtemp",
        "tempfile.TemporaryDirectory", "tempfile.SpooledTemporaryFile",
    ),
    **_methods(
        "ACK103", PATH_TYPES,
        "read_text read_bytes write_text write_bytes open touch unlink mkdir rmdir rename replace iterdir glob "
        "rglob chmod symlink_to hardlink_to link_to walk",
    ),
    **_table(
        "ACK104",
        "subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output",
        "subprocess.getoutput", "subprocess.getstatusoutput", "os.system", "os.popen", "os.wait", "os.waitpid",
        "os.wait3", "os.wait4", "os.waitid", "os.spawnl", "os.spawnle", "os.spawnlp", "os.spawnlpe",
        "os.spawnv", "os.spawnve", "os.spawnvp", "os.spawnvpe",
        "subprocess.Popen.wait", "subprocess.Popen.communicate",
    ),
    **_table(
        "ACK105",
        "socket.create_connection", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex",
        "socket.gethostbyaddr", "socket.getnameinfo", "socket.getfqdn", "socket.create_server",
        "smtplib.SMTP", "ftplib.FTP", "poplib.POP3", "poplib.POP3_SSL", "imaplib.IMAP4", "imaplib.IMAP4_SSL",
        "telnetlib.Telnet", "sqlite3.connect", "psycopg2.connect", "pymysql.connect", "MySQLdb.connect",
        "pymongo.MongoClient",
    ),
    **_methods(
        "ACK105", ("socket.socket",),
        "connect connect_ex accept recv recv_into recvfrom recvfrom_into recvmsg send sendall sendto sendmsg sendfile",
    ),
    **_methods(
        "ACK105", ("smtplib.SMTP",),
        "connect ehlo helo login starttls sendmail send_message quit noop verify",
    ),
    **_methods("ACK105", ("ftplib.FTP",), "connect login retrbinary retrlines storbinary storlines nlst dir cwd quit"),
    **_methods(
        "ACK105", ("sqlite3.Connection", "psycopg2.connection", "pymysql.Connection"),
        "execute executemany executescript commit rollback",
    ),
    **_methods(
        "ACK105", ("sqlite3.Cursor", "psycopg2.cursor", "pymysql.Cursor"),
        "execute executemany executescript fetchone fetchall fetchmany",
    ),
    **_table(
        "ACK106",
        "select.select", "select.poll.poll", "select.epoll.poll", "select.kqueue.control",
        "threading.Event.wait", "threading.Condition.wait", "threading.Condition.wait_for",
        "threading.Semaphore.acquire", "threading.BoundedSemaphore.acquire", "threading.Barrier.wait",
        "threading.Thread.join", "threading.Timer.join", "multiprocessing.Process.join",
        "multiprocessing.Event.wait", "multiprocessing.Queue.get", "multiprocessing.Queue.join",
        "concurrent.futures.Future.result", "concurrent.futures.Future.exception",
        "concurrent.futures.wait", "concurrent.futures.ThreadPoolExecutor.shutdown",
        "concurrent.futures.ProcessPoolExecutor.shutdown", "concurrent.futures.Executor.shutdown",
        "concurrent.futures.as_completed",
    ),
    **_methods("ACK106", (POOL_TYPE,), "map starmap apply join"),
    **_methods("ACK106", ("multiprocessing.pool.AsyncResult",), "get wait"),
    # not `put`: it waits only on a full bounded queue, and queues are unbounded unless given a maxsize somewhere
    # the linter seldom sees (a SimpleQueue never waits on put); the runtime checker reports a put that can wait
    **_methods(
        "ACK106", ("queue.Queue", "queue.LifoQueue", "queue.PriorityQueue", "queue.SimpleQueue"), "get join"
    ),
    **_table("ACK107", "builtins.input", "sys.stdin.read", "sys.stdin.readline", "sys.stdin.readlines", "getpass.getpass"),
    **_table("ACK108", "asyncio.run"),
    **_methods("ACK108", ("asyncio.AbstractEventLoop",), "run_until_complete run_forever"),
    **_table(
        "ACK110",
        "os.path.exists", "os.path.isfile", "os.path.isdir", "os.path.islink", "os.path.lexists",
        "os.path.getsize", "os.path.getmtime", "os.path.getatime", "os.path.getctime", "os.path.samefile",
        "os.path.realpath", "os.stat", "os.lstat", "os.access", "os.path.ismount",
    ),
    **_methods("ACK110", PATH_TYPES, "exists is_file is_dir is_symlink stat lstat owner group resolve samefile"),
}

# Types every public method of which blocks, but for the few listed: type -> (code, methods that do not block).
BLOCKING_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {}  # filled below, after REDIS_NON_BLOCKING
FILE_NON_BLOCKING: FrozenSet[str] = frozenset(
    "fileno isatty readable writable seekable detach close closed name mode encoding errors newlines buffer raw "
    "reconfigure".split()
)

# Generators: calling them does no I/O until someone iterates, possibly in a worker thread.
LAZY: FrozenSet[str] = frozenset(
    {"os.walk", "glob.iglob", *(f"pathlib.Path.{m}" for m in ("iterdir", "glob", "rglob", "walk"))}
)

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
    # numeric hosts, or AI_NUMERICHOST, make the resolver parse instead of asking DNS; None means "this host"
    "socket.getaddrinfo": (((0, "host", "ip_or_none"),), ((5, "flags", "has:AI_NUMERICHOST"),)),
    "socket.gethostbyname": (((0, "hostname", "ip"),),),
    "socket.gethostbyname_ex": (((0, "hostname", "ip"),),),
    "socket.getnameinfo": (((1, "flags", "has:NI_NUMERICHOST"),),),
    "select.select": (((3, "timeout", "zero"),),),
    "select.poll.poll": _TIMEOUT_ZERO,
    "select.epoll.poll": _TIMEOUT_ZERO,
    "select.kqueue.control": (((2, "timeout", "zero"),),),
    "threading.Semaphore.acquire": _NO_WAIT,
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
    "concurrent.futures.Future.result": _TIMEOUT_ZERO,
    "concurrent.futures.Future.exception": _TIMEOUT_ZERO,
    "concurrent.futures.wait": (((1, "timeout", "zero"),),),
    "concurrent.futures.ThreadPoolExecutor.shutdown": (((0, "wait", "false"),),),
    "concurrent.futures.ProcessPoolExecutor.shutdown": (((0, "wait", "false"),),),
    "subprocess.Popen.wait": _TIMEOUT_ZERO,
    "os.waitpid": (((1, "options", "has:WNOHANG"),),),
    "os.wait3": (((0, "options", "has:WNOHANG"),),),
    "os.wait4": (((1, "options", "has:WNOHANG"),),),
    "os.waitid": (((2, "options", "has:WNOHANG"),),),
    **{f"{q}.get": _GET_NO_WAIT for q in _QUEUES},
}
# Keywords that mean "do not wait" on any blocking callable (user-configured ones too).
NON_BLOCKING_KEYWORDS: Tuple[Tuple[int, str, str], ...] = (
    (-1, "blocking", "false"), (-1, "block", "false"), (-1, "wait", "false"), (-1, "timeout", "zero"),
)
# Objects made by a call that was harmless by its arguments stay harmless: the connection
# `sqlite3.connect(":memory:")` returns, and the cursors it makes, only touch memory.
INHERITS_HARMLESS: FrozenSet[str] = frozenset({"sqlite3.Connection", "sqlite3.Cursor"})

# Redis: every command method of the sync client blocks; these few only build objects.
REDIS_TYPES = ("redis.Redis",)
REDIS_NON_BLOCKING: FrozenSet[str] = frozenset(
    "pipeline pubsub lock get_connection_kwargs set_response_callback from_url register_script".split()
)

BLOCKING_TYPES.update({t: ("ACK105", REDIS_NON_BLOCKING) for t in REDIS_TYPES})
BLOCKING_TYPES.update({t: ("ACK103", FILE_NON_BLOCKING) for t in FILE_TYPES})

# Calls whose result is an instance of a known type: callable -> type.
RETURNS: Dict[str, str] = {
    "builtins.open": FILE_TYPE,
    "os.fdopen": FILE_TYPE,
    "io.open_code": "io.BufferedReader",
    "pathlib.Path.open": FILE_TYPE,
    "tempfile.TemporaryFile": "io.BufferedRandom",
    "tempfile.NamedTemporaryFile": "io.BufferedRandom",
    "gzip.open": "gzip.GzipFile",
    "gzip.GzipFile": "gzip.GzipFile",
    "bz2.open": "bz2.BZ2File",
    "bz2.BZ2File": "bz2.BZ2File",
    "lzma.open": "lzma.LZMAFile",
    "lzma.LZMAFile": "lzma.LZMAFile",
    "multiprocessing.pool.Pool": POOL_TYPE,
    **{f"{POOL_TYPE}.{m}": "multiprocessing.pool.AsyncResult" for m in ("apply_async", "map_async", "starmap_async")},
    "concurrent.futures.Executor.submit": "concurrent.futures.Future",
    "urllib3.PoolManager.connection_from_url": "urllib3.HTTPConnectionPool",
    "urllib3.PoolManager.connection_from_host": "urllib3.HTTPConnectionPool",
    "urllib3.connection_from_url": "urllib3.HTTPConnectionPool",
    "requests.Session": "requests.Session",
    "httpx.Client": "httpx.Client",
    "httpx.AsyncClient": "httpx.AsyncClient",
    "urllib3.PoolManager": "urllib3.PoolManager",
    "urllib3.HTTPConnectionPool": "urllib3.HTTPConnectionPool",
    "urllib3.HTTPSConnectionPool": "urllib3.HTTPConnectionPool",
    "http.client.HTTPConnection": "http.client.HTTPConnection",
    "http.client.HTTPSConnection": "http.client.HTTPSConnection",
    "urllib.request.build_opener": "urllib.request.OpenerDirector",
    "pathlib.Path": "pathlib.Path",
    "pathlib.Path.home": "pathlib.Path",
    "pathlib.Path.cwd": "pathlib.Path",
    "subprocess.Popen": "subprocess.Popen",
    "socket.socket": "socket.socket",
    "socket.create_connection": "socket.socket",
    "socket.create_server": "socket.socket",
    "socket.fromfd": "socket.socket",
    "smtplib.SMTP": "smtplib.SMTP",
    "ftplib.FTP": "ftplib.FTP",
    "sqlite3.connect": "sqlite3.Connection",
    "sqlite3.Connection.cursor": "sqlite3.Cursor",
    "sqlite3.Connection.execute": "sqlite3.Cursor",
    "psycopg2.connect": "psycopg2.connection",
    "psycopg2.connection.cursor": "psycopg2.cursor",
    "pymysql.connect": "pymysql.Connection",
    "pymysql.Connection.cursor": "pymysql.Cursor",
    "redis.Redis": "redis.Redis",
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
    "multiprocessing.Process": "multiprocessing.Process",
    "queue.Queue": "queue.Queue",
    "queue.LifoQueue": "queue.LifoQueue",
    "queue.PriorityQueue": "queue.PriorityQueue",
    "queue.SimpleQueue": "queue.SimpleQueue",
    "select.poll": "select.poll",
    "select.epoll": "select.epoll",
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
    "asyncio.get_running_loop": "asyncio.AbstractEventLoop",
    "asyncio.get_event_loop": "asyncio.AbstractEventLoop",
    "asyncio.new_event_loop": "asyncio.AbstractEventLoop",
    "asyncio.AbstractEventLoop.create_future": "asyncio.Future",
    "asyncio.AbstractEventLoop.create_task": "asyncio.Task",
    "asyncio.TaskGroup.create_task": "asyncio.Task",
}
for _m in ("with_suffix with_name with_stem joinpath resolve absolute expanduser relative_to "
           "readlink absolute").split():
    RETURNS[f"pathlib.Path.{_m}"] = "pathlib.Path"

# Types the evaluator knows by name (an annotation naming one declares an instance of it).
KNOWN_TYPES: FrozenSet[str] = frozenset({*RETURNS.values(), *FILE_TYPES, *BLOCKING_TYPES})

# Types an annotation or a constructor call does not establish, only the RETURNS call that made the object: a concurrent Future that code was
# handed, or made itself with Future(), is usually complete by the time it reads result() (a done callback, an
# event set when it finished); one that `submit()` just returned is pending work.
ONLY_FROM_CALLS: FrozenSet[str] = frozenset({"concurrent.futures.Future"})

# Dataclass / attrs / pydantic field specifiers: callable -> (position, keyword) of the factory whose result the
# field holds, and the keyword of a plain default.
FIELD_FACTORIES: Dict[str, Tuple[int, str, str]] = {
    "dataclasses.field": (-1, "default_factory", "default"),
    "pydantic.Field": (-1, "default_factory", "default"),
    "attr.ib": (-1, "factory", "default"),
    "attr.Factory": (0, "factory", ""),
}

# Attributes (not calls) whose value is an instance of a known type.
PROPERTIES: Dict[str, str] = {"pathlib.Path.parent": "pathlib.Path"}

# Types whose instances belong to one event loop (ACK401) and their methods that are unsafe off-loop.
LOOP_BOUND_TYPES: FrozenSet[str] = frozenset(
    "asyncio.Queue asyncio.LifoQueue asyncio.PriorityQueue asyncio.Event asyncio.Lock asyncio.Condition "
    "asyncio.Semaphore asyncio.BoundedSemaphore asyncio.Future asyncio.Task".split()
)
LOOP_BOUND_METHODS: FrozenSet[str] = frozenset(
    "put_nowait get_nowait task_done set clear release set_result set_exception cancel notify notify_all "
    "add_done_callback remove_done_callback shutdown".split()
)
LOOP_TYPE = "asyncio.AbstractEventLoop"
LOOP_UNSAFE_METHODS: FrozenSet[str] = frozenset("call_soon call_later call_at create_task".split())

SYNC_LOCK_TYPES: FrozenSet[str] = frozenset(
    "threading.Lock threading.RLock threading.Condition threading.Semaphore threading.BoundedSemaphore "
    "multiprocessing.Lock multiprocessing.RLock multiprocessing.Semaphore multiprocessing.BoundedSemaphore "
    "multiprocessing.Condition".split()
)

UNBOUNDED_QUEUE_TYPES: FrozenSet[str] = frozenset({"asyncio.Queue", "asyncio.LifoQueue", "asyncio.PriorityQueue"})

TASK_SPAWNERS: FrozenSet[str] = frozenset(
    {"asyncio.create_task", "asyncio.ensure_future", "asyncio.AbstractEventLoop.create_task"}
)

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
    "signal.signal": (1, "handler"),
}
# Calls that hand their arguments on to run later or elsewhere (a generator passed to them is not iterated yet).
HANDS_OFF: FrozenSet[str] = frozenset({
    "functools.partial", "anyio.to_thread.run_sync", "starlette.concurrency.run_in_threadpool",
    "starlette.concurrency.iterate_in_threadpool", "asyncio.AbstractEventLoop.call_soon_threadsafe",
})
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
    "signal.signal": "a signal handler, which interrupts whatever the loop is doing",
}

# Library coroutine functions (calling them creates a coroutine that must be awaited).
COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset(
    """asyncio.sleep asyncio.wait_for asyncio.wait asyncio.open_connection asyncio.start_server
    asyncio.open_unix_connection asyncio.start_unix_server asyncio.create_subprocess_exec
    asyncio.create_subprocess_shell asyncio.to_thread asyncio.staggered_race
    asyncio.Queue.put asyncio.Queue.get asyncio.Queue.join asyncio.LifoQueue.put asyncio.LifoQueue.get
    asyncio.PriorityQueue.put asyncio.PriorityQueue.get asyncio.Event.wait asyncio.Lock.acquire
    asyncio.Condition.wait asyncio.Condition.wait_for asyncio.Semaphore.acquire asyncio.BoundedSemaphore.acquire
    asyncio.StreamWriter.drain asyncio.StreamWriter.wait_closed asyncio.StreamReader.read
    asyncio.StreamReader.readline asyncio.StreamReader.readexactly asyncio.StreamReader.readuntil
    asyncio.AbstractEventLoop.getaddrinfo asyncio.AbstractEventLoop.getnameinfo
    asyncio.AbstractEventLoop.create_connection asyncio.AbstractEventLoop.create_server
    asyncio.AbstractEventLoop.sock_recv asyncio.AbstractEventLoop.sock_sendall
    asyncio.AbstractEventLoop.sock_connect asyncio.AbstractEventLoop.sock_accept
    asyncio.AbstractEventLoop.shutdown_asyncgens asyncio.AbstractEventLoop.shutdown_default_executor
    asyncio.subprocess.Process.wait asyncio.subprocess.Process.communicate
    httpx.AsyncClient.get httpx.AsyncClient.post httpx.AsyncClient.put httpx.AsyncClient.patch
    httpx.AsyncClient.delete httpx.AsyncClient.head httpx.AsyncClient.options httpx.AsyncClient.request
    httpx.AsyncClient.send httpx.AsyncClient.aclose
    anyio.sleep anyio.sleep_forever anyio.open_file anyio.run_process anyio.connect_tcp anyio.wait_all_tasks_blocked
    anyio.to_thread.run_sync trio.sleep aiofiles.os.remove aiofiles.os.rename aiofiles.os.stat
    asyncpg.connect asyncpg.create_pool aiosqlite.connect aiohttp.ClientSession.close
    """.split()
)
# Awaited calls that return a tuple of known types, for `a, b = await f(...)`.
UNPACKED: Dict[str, Tuple[str, ...]] = {
    "asyncio.open_connection": ("asyncio.StreamReader", "asyncio.StreamWriter"),
    "asyncio.open_unix_connection": ("asyncio.StreamReader", "asyncio.StreamWriter"),
}
ASYNC_RETURNS: Dict[str, str] = {
    "asyncio.create_subprocess_exec": "asyncio.subprocess.Process",
    "asyncio.create_subprocess_shell": "asyncio.subprocess.Process",
}

# Packages whose names never belong to the user's project (keeps cross-module lookups cheap).
LIBRARY_ROOTS: FrozenSet[str] = frozenset(
    {name.split(".")[0] for name in (*BLOCKING, *RETURNS, *COROUTINE_FUNCTIONS, *THREAD_ENTRY)}
)
