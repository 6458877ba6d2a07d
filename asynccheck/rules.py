"""The rule catalogue: every anti-pattern asynccheck knows, once.

The linter, the runtime checker, the docs and the tests all read this module; nothing else defines a code.
In a rule's ``bad`` example every line the linter must flag carries a trailing comment that starts with the
rule's code (``# ACK101: ...``); the tests are generated from that.
"""
from __future__ import annotations

from typing import Dict, Iterable, List, Optional, Tuple

from asynccheck.record import record

CATEGORIES: Tuple[str, ...] = (
    "blocking-call",
    "lock-across-await",
    "unawaited-coroutine",
    "dangling-task",
    "thread-unsafe-capture",
    "unbounded-queue",
    "unbounded-spawn",
    "cancellation-swallowed",
)


@record(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    summary: str
    rationale: str
    bad: str
    good: str
    linter: bool = True
    runtime: bool = False
    default: bool = True
    fix: Optional[str] = None  # "safe", "unsafe" or None
    fix_title: str = ""
    # Other linters' codes for the same diagnosis (flake8-async's, which ruff shares, and ruff's own): a project
    # moving to asynccheck keeps its `# noqa: ASYNC230` comments, since whoever wrote one has judged that line.
    peers: Tuple[str, ...] = ()

    @property
    def fixable(self) -> bool:
        return self.fix is not None

    def flagged_lines(self) -> List[int]:
        """Lines of ``bad`` marked with this rule's code: where the linter must report it."""
        marker = "# " + self.code
        return [i for i, line in enumerate(self.bad.splitlines(), 1) if marker in line]


def _code(text: str) -> str:
    return text.strip("\n") + "\n"


RULES: Tuple[Rule, ...] = (
    Rule(
        code="ACK101",
        name="blocking-sleep",
        category="blocking-call",
        peers=("ASYNC251",),
        summary="`time.sleep` in a coroutine blocks the event loop",
        rationale=(
            "`time.sleep` suspends the whole thread, and in asyncio that thread is the event loop: every other "
            "task, timer and socket waits until it returns. `await asyncio.sleep(...)` suspends only this coroutine. "
            "The fix rewrites `time.sleep` (however imported) only: the other sleeps reported here count in other "
            "units or do more than wait (`sounddevice.sleep` and `pygame.time.wait` take milliseconds, "
            "`plt.pause` redraws), so they keep their finding without a fix."
        ),
        bad=_code('''
import time

async def poll(client):
    while not await client.ready():
        time.sleep(0.5)  # ACK101: every other task waits half a second
'''),
        good=_code('''
import asyncio

async def poll(client):
    while not await client.ready():
        await asyncio.sleep(0.5)
'''),
        runtime=True,
        fix="safe",
        fix_title="Replace with `await asyncio.sleep(...)`",
    ),
    Rule(
        code="ACK102",
        name="blocking-http",
        category="blocking-call",
        peers=("ASYNC210", "ASYNC211", "ASYNC212"),
        summary="a synchronous HTTP client call in a coroutine blocks the event loop",
        rationale=(
            "`requests`, `urllib`, `urllib3`, `http.client` and httpx's sync API wait for the network on the "
            "calling thread. On the loop's thread that stalls every task for a full round trip, often seconds. "
            "Use an async client (httpx.AsyncClient, aiohttp) or move the call to a thread. A verb chosen at run "
            "time on one of these clients, `getattr(session, method.lower())(url)`, is a request too; so is a call "
            "through a lambda that forwards to one (`self.fetch = lambda u: requests.get(u)`) or through a table "
            "of them (`VERBS[method](url)`, with the table a dict display, `dict(get=requests.get, ...)`, or a "
            "list or tuple, indexed, fetched with `.get()` or walked: `for verb in (requests.get, requests.head):`, "
            "`for name, verb in VERBS.items():`), as for every blocking call."
        ),
        bad=_code('''
import requests

async def fetch_user(user_id):
    resp = requests.get(f"https://api.example.com/users/{user_id}")  # ACK102: the loop waits for the network
    return resp.json()
'''),
        good=_code('''
import httpx

async def fetch_user(client: httpx.AsyncClient, user_id):
    resp = await client.get(f"https://api.example.com/users/{user_id}")
    return resp.json()
'''),
        runtime=True,
        fix="unsafe",
        fix_title="Offload with `await asyncio.to_thread(...)`",
    ),
    Rule(
        code="ACK103",
        name="blocking-file-io",
        category="blocking-call",
        peers=("ASYNC230", "ASYNC231", "ASYNC232"),
        summary="synchronous file-system I/O in a coroutine blocks the event loop",
        rationale=(
            "Disk I/O has no non-blocking mode: `open`, `Path.read_text`, `shutil.copy`, `os.listdir` and friends "
            "hold the loop's thread for as long as the disk (or a network file system) takes. Use aiofiles / "
            "anyio.Path, or `await asyncio.to_thread(...)`. (Asking or moving the position of a file opened only "
            "for reading, `f.tell()` and a binary file's `f.seek()`, moves no data and is not reported; the "
            "`open()` and the reads are.) Files that are not on a disk block too, and the message says what "
            "they wait for where the code shows what they are (a path written in it, a device's API): a serial "
            "port (`/dev/ttyUSB0`, `serial.Serial`), another device file, a named pipe made with `os.mkfifo`, a "
            "camera or an audio stream, or a file the kernel makes up (`/proc`, `/sys`). Three devices answer at "
            "once and are not reported: `/dev/null` (also as `os.devnull`), `/dev/zero` and `/dev/urandom`, "
            "when the path is written in the code (`/dev/random` is reported: before Linux 5.6 its reads wait "
            "for entropy). A data-file reader that downloads what a URL names, handed one written in the code "
            "(`pd.read_csv(\"https://...\")`), makes an HTTP request: reported as ACK102. A path or a file is "
            "known wherever the code says what it is, including what a `@contextmanager` of the project yields "
            "(`with workdir(name) as path: path.read_text()`, the manager in this module or another; one that "
            "blocks to make what it yields, `f = open(p)` then `yield f`, is reported once, where it is entered). "
            "A stream that is a real file on some paths and in memory on the others (`out = open(p, \"wb\") if "
            "p else io.BytesIO()`, the two branches of an `if`, a parameter declared `io.BufferedWriter | "
            "io.BytesIO`, a helper that returns either) blocks where it is a file, so its reads and writes are "
            "reported; one in memory on every path (`io.BytesIO`, `io.StringIO`) is not, nor one declared only "
            "as the abstract `typing.BinaryIO` / `IO[str]`, which says nothing of where the bytes go. A "
            "generator kept on an attribute (`self._gen = self._walk(path)`, `self._entries = path.iterdir()`) "
            "runs its body where it is advanced: `next(self._gen)` or `self._gen.send(x)` in a coroutine is "
            "reported when the generator function of the module, or the lazy library call that made it, does "
            "file I/O (not offloaded by the fix: `to_thread(next, gen)` cannot carry the generator's end, "
            "StopIteration, back to the coroutine). A helper of the project that does file I/O only under a test "
            "of its parameter (`if secret_name.startswith(\"oidc/\"):`, `if path == \":memory:\":`) is not "
            "reported where the call's literal argument makes that test false (`get_secret(\"OPENAI_API_KEY\")`)."
        ),
        bad=_code('''
from pathlib import Path

async def load_rows(path: Path):
    text = path.read_text()  # ACK103: the loop waits for the disk
    return text.splitlines()
'''),
        good=_code('''
import asyncio
from pathlib import Path

async def load_rows(path: Path):
    text = await asyncio.to_thread(path.read_text)
    return text.splitlines()
'''),
        runtime=True,
        fix="unsafe",
        fix_title="Offload with `await asyncio.to_thread(...)`",
    ),
    Rule(
        code="ACK104",
        name="blocking-subprocess",
        category="blocking-call",
        peers=("ASYNC220", "ASYNC221", "ASYNC222"),
        summary="waiting for a subprocess synchronously in a coroutine blocks the event loop",
        rationale=(
            "`subprocess.run`, `check_output`, `Popen.wait` and `os.system` wait on the calling thread until the "
            "child exits. Use `asyncio.create_subprocess_exec` and await the process."
        ),
        bad=_code('''
import subprocess

async def revision():
    out = subprocess.check_output(["git", "rev-parse", "HEAD"])  # ACK104: the loop waits for git
    return out.decode().strip()
'''),
        good=_code('''
import asyncio

async def revision():
    proc = await asyncio.create_subprocess_exec(
        "git", "rev-parse", "HEAD", stdout=asyncio.subprocess.PIPE
    )
    out, _ = await proc.communicate()
    return out.decode().strip()
'''),
        runtime=True,
        fix="unsafe",
        fix_title="Offload with `await asyncio.to_thread(...)`",
    ),
    Rule(
        code="ACK105",
        name="blocking-network",
        category="blocking-call",
        summary="blocking socket, DNS, mail or database client call in a coroutine",
        rationale=(
            "Blocking sockets, `socket.getaddrinfo`, `smtplib`, `ftplib` and synchronous database drivers "
            "(sqlite3, psycopg2, pymysql, redis.Redis) wait for a peer on the loop's thread. Use the loop's "
            "socket API (`asyncio.open_connection`, `loop.getaddrinfo`) or an async driver. The linter leaves "
            "alone calls that their arguments make harmless: in-memory SQLite (`\":memory:\"`), and name "
            "resolution of a numeric address or with `AI_NUMERICHOST`. A method of a library object that no "
            "table describes (a vendor SDK's client) is reported where the same module hands that method of the "
            "same type to a worker thread elsewhere (`asyncio.to_thread(api.fetch)`, `run_in_executor`, "
            "`hass.async_add_executor_job`): the code itself says the call waits. Django's ORM counts on any "
            "model class: one of a `models` module, one built on `models.Model`, and the classes Django hands "
            "out (`User = get_user_model()`, `apps.get_model(\"shop\", \"Order\")`), whose `objects` is a query "
            "set that runs SQL when it is read; its `a`-prefixed methods (`aget`, `acount`) are the async way. "
            "A socket a class is handed by `__init__` counts as one the class makes when every construction of it "
            "in the module hands a socket just made (`return cls(socket.create_connection(addr))` in a classmethod "
            "constructor). A call on an object typed as a Protocol runs the project's classes that implement it "
            "(those defining every method it declares), as one typed as an abstract base runs its subclasses' "
            "overrides: it blocks when every implementation does."
        ),
        bad=_code('''
import socket

async def resolve(host):
    return socket.gethostbyname(host)  # ACK105: DNS can take seconds
'''),
        good=_code('''
import asyncio

async def resolve(host):
    infos = await asyncio.get_running_loop().getaddrinfo(host, None)
    return infos[0][4][0]
'''),
        runtime=True,
        fix="unsafe",
        fix_title="Offload with `await asyncio.to_thread(...)`",
    ),
    Rule(
        code="ACK106",
        name="blocking-wait",
        category="blocking-call",
        summary="waiting on a thread primitive in a coroutine blocks the event loop",
        rationale=(
            "`threading.Event.wait`, a blocking `Lock.acquire`, `queue.Queue.get`, `concurrent.futures.Future."
            "result` and `Thread.join` park the loop's thread until another thread acts. If "
            "that thread waits for the loop, the program deadlocks. Await `asyncio.wrap_future(...)` of a "
            "`concurrent.futures.Future` (it takes no other kind: a grpc or Celery future is waited for in "
            "`asyncio.to_thread` or through the library's async API), use an "
            "asyncio primitive, or wait in `asyncio.to_thread`. `select.select` and the poll objects park it "
            "until a socket or pipe is ready: let the loop watch the descriptor (`loop.add_reader`, asyncio "
            "streams) instead. Calls told not to wait (`blocking=False`, "
            "`block=False`, `timeout=0`, a zero `select` timeout) are not reported, nor a `put` on a "
            "`queue.Queue` unless the code in sight made it with a `maxsize` (it waits only when a bounded queue is "
            "full), nor a `get` in a function that checks that queue's `empty()` or `qsize()` first. A "
            "concurrent future is pending work where `submit()` made it, where a parameter declares it, and where "
            "a declared collection holds it (`self.pending: list[Future[bytes]] = []`, a `dict[str, Future]`); a "
            "single future declared on a field or a variable is often a completion signal set elsewhere and is "
            "left alone, and so is one the function checks with `done()` or waits for first, alone or with its "
            "whole collection (`await asyncio.to_thread(concurrent.futures.wait, self.pending)`). Ray's "
            "`ray.get(ref)` of a ref the function first asks about without waiting (`ray.wait([ref], timeout=0)`, "
            "or a helper of the project that does) takes a value already there, and is left alone too."
        ),
        bad=_code('''
import queue

jobs = queue.Queue()

async def next_job():
    return jobs.get()  # ACK106: parks the loop until a thread puts a job
'''),
        good=_code('''
import asyncio
import queue

jobs = queue.Queue()

async def next_job():
    return await asyncio.to_thread(jobs.get)
'''),
        runtime=True,
        fix="unsafe",
        fix_title="Offload with `await asyncio.to_thread(...)`",
    ),
    Rule(
        code="ACK107",
        name="blocking-input",
        category="blocking-call",
        peers=("ASYNC250",),
        summary="reading the terminal in a coroutine blocks the event loop",
        rationale=(
            "`input()` and `sys.stdin.read()` wait for a human. Nothing else in the program runs meanwhile. "
            "Read stdin in a thread, or with `loop.connect_read_pipe`. So do a GUI's waits, wherever the code "
            "says the object is a Tk one (a parameter's annotation, `root: tk.Tk`, is enough): `mainloop()`, "
            "`wait_window()`, `wait_variable()` and Tk's modal dialogs (`messagebox.askyesno`, "
            "`filedialog.askopenfilename`) run Tk's event loop until the user is done; these are not offloaded "
            "(a Tk object belongs to its thread), and `root.update()`, one step of Tk's loop between awaits, is "
            "not reported."
        ),
        bad=_code('''
async def confirm(prompt):
    answer = input(prompt)  # ACK107: the loop waits for the user
    return answer == "y"
'''),
        good=_code('''
import asyncio

async def confirm(prompt):
    answer = await asyncio.to_thread(input, prompt)
    return answer == "y"
'''),
        runtime=True,
        fix="unsafe",
        fix_title="Offload with `await asyncio.to_thread(...)`",
    ),
    Rule(
        code="ACK108",
        name="nested-event-loop",
        category="blocking-call",
        summary="starting an event loop from inside a running one",
        rationale=(
            "`asyncio.run`, `loop.run_until_complete` and `loop.run_forever` inside a coroutine try to run a "
            "second loop on a thread that already runs one: asyncio raises RuntimeError, and work-arounds that "
            "nest loops deadlock as soon as the inner code waits for the outer loop. Await the coroutine instead."
        ),
        bad=_code('''
import asyncio

async def handler(sources):
    return asyncio.run(collect(sources))  # ACK108: a loop is already running here
'''),
        good=_code('''
async def handler(sources):
    return await collect(sources)
'''),
        runtime=True,
    ),
    Rule(
        code="ACK109",
        name="blocking-compute",
        category="blocking-call",
        summary="a library call known to compute for long (model inference, password hashing) in a coroutine",
        rationale=(
            "Some library calls do no I/O and still hold the loop's thread as long as a blocking read: a forward "
            "pass through a model (onnxruntime's `InferenceSession.run()`, `SentenceTransformer.encode()`, a "
            "transformers pipeline or `model.generate()`, the model also where an annotation names the Auto "
            "class that made it, `model: AutoModelForCausalLM`), or a password hash made slow on purpose "
            "(`bcrypt.hashpw()`, `hashlib.pbkdf2_hmac()`, passlib and argon2 hashers), or a key pair that takes a "
            "search for large primes (an RSA key, DSA or Diffie-Hellman parameters; an elliptic-curve key is "
            "quick), or a plain hash or checksum "
            "(`hashlib.sha256()`, `zlib.crc32()`) of a whole file's contents or request body (`fh.read()`, "
            "`await request.body()`, `response.content`); a hash of a key or a constant, of text the function "
            "assembled itself in a `StringIO` or `BytesIO` it made empty and only `.write()`s pieces to (a guid "
            "and a pin: as short as the same text joined with `+`), or one marked `usedforsecurity=False`, is "
            "short work and not reported (a buffer a reader filled, `image.save(buf)` or `BytesIO(blob)`, still "
            "holds a whole body). Each call keeps every other "
            "task waiting for tens of milliseconds to seconds. Run it in a thread (these libraries compute "
            "outside the GIL) or a process pool. The linter knows these calls by name; the runtime checker sees "
            "any such step, known or not, as ACK120."
        ),
        bad=_code('''
from sentence_transformers import SentenceTransformer

model = SentenceTransformer("all-MiniLM-L6-v2")

async def embed(texts):
    return model.encode(texts)  # ACK109: the loop waits for the forward pass
'''),
        good=_code('''
import asyncio

from sentence_transformers import SentenceTransformer

model = SentenceTransformer("all-MiniLM-L6-v2")

async def embed(texts):
    return await asyncio.to_thread(model.encode, texts)
'''),
        fix="unsafe",
        fix_title="Offload with `await asyncio.to_thread(...)`",
    ),
    Rule(
        code="ACK110",
        name="blocking-fs-metadata",
        category="blocking-call",
        peers=("ASYNC240",),
        summary="file-system metadata call in a coroutine (usually fast, can block)",
        rationale=(
            "`os.path.exists`, `os.stat` and `Path.exists` hit the disk: microseconds on a warm local cache, "
            "seconds on a network file system; `os.path.abspath`, `os.path.relpath`, `Path.absolute()` and "
            "`os.getcwd()` ask the OS for the working directory. Off by default because most projects accept the risk; enable it "
            "where files live on slow storage."
        ),
        bad=_code('''
import os

async def cached(path):
    found = os.path.exists(path)  # ACK110: a stat() on the loop's thread
    return path if found else None
'''),
        good=_code('''
import asyncio
import os

async def cached(path):
    found = await asyncio.to_thread(os.path.exists, path)
    return path if found else None
'''),
        default=False,
        fix="unsafe",
        fix_title="Offload with `await asyncio.to_thread(...)`",
    ),
    Rule(
        code="ACK120",
        name="event-loop-stall",
        category="blocking-call",
        summary="one step of a task kept the event loop busy longer than the threshold",
        rationale=(
            "A coroutine runs uninterrupted between two awaits. A CPU-heavy step (parsing a large document, "
            "hashing, a tight loop) holds the loop for its whole duration even without any blocking call, and "
            "every other task's latency grows by that much. Split the work with `await asyncio.sleep(0)` or move "
            "it to a process or thread pool."
        ),
        bad=_code('''
async def checksum(blobs):
    total = 0
    for blob in blobs:  # ACK120: seconds of CPU work between two awaits
        total ^= sum(blob)
    return total
'''),
        good=_code('''
import asyncio

def _checksum(blobs):
    total = 0
    for blob in blobs:
        total ^= sum(blob)
    return total

async def checksum(blobs):
    return await asyncio.to_thread(_checksum, blobs)
'''),
        linter=False,
        runtime=True,
    ),
    Rule(
        code="ACK201",
        name="sync-lock-across-await",
        category="lock-across-await",
        summary="a threading lock is held while the coroutine awaits",
        rationale=(
            "A `threading.Lock` (or RLock, Condition, Semaphore) held across `await` stays held while other "
            "tasks run on the same thread. The next task that takes it blocks the loop's thread, and the holder "
            "can never resume to release it: a deadlock. An RLock is re-entrant instead: the loop's other tasks, "
            "on the same thread, take it too, so it keeps nothing out between them, and other threads wait "
            "for as long as the holder sleeps. The same holds for `multiprocessing` locks and a lock file "
            "(`filelock.FileLock`: another task taking the same path waits in `flock`). Release before awaiting, "
            "or use `asyncio.Lock` (py-filelock's `AsyncFileLock` for a lock file). A "
            "`yield` in an async generator suspends it the same way: it stays there, lock held, while its "
            "consumer runs and awaits; so does a `@contextmanager` of the project that holds such a lock around "
            "its `yield` (an `@asynccontextmanager` too, where the lock is the one its caller hands it: "
            "`async with holding(self._lock):`; a method of a base class of another module counts where a "
            "subclass calls it, `with self.guarded():`), an instance of a project class whose `__enter__` acquires one and leaves it held "
            "(or whose `__aenter__` does, for an `async with`; entered by an exit stack's `enter_context` too, "
            "held until the stack closes), "
            "and a helper of the project that acquires one for its caller (`self._enter()`, or a coroutine's "
            "`await self._claim()`, released later by another helper). An `acquire()` that ends an arm of an `if` (`if urgent: lock.acquire()`) holds the "
            "lock, when that arm runs, in the rest of the block. A coroutine function's unannotated parameter "
            "(`async def update(guard, key): with guard: ...`) is the lock every call of the function in the "
            "module hands it, when they all hand the same kind and the function is not also handed on uncalled. "
            "A lock of the instance's own (`self._lock`) that every taker in the module only tries "
            "(`while not self._lock.acquire(blocking=False): await asyncio.sleep(0.01)`) is not reported: a task "
            "waiting for it sleeps on the loop, and only threads wait."
        ),
        bad=_code('''
import threading

lock = threading.Lock()

async def flush(buffer, sink):
    with lock:  # ACK201: held while flush() waits for the sink
        await sink.write(buffer)
        buffer.clear()
'''),
        good=_code('''
import threading

lock = threading.Lock()

async def flush(buffer, sink):
    with lock:
        batch = list(buffer)
        buffer.clear()
    await sink.write(batch)
'''),
        runtime=True,
    ),
    Rule(
        code="ACK301",
        name="unawaited-coroutine",
        category="unawaited-coroutine",
        summary="a coroutine is created and never awaited, so it never runs",
        rationale=(
            "Calling an `async def` function only creates a coroutine object; its body runs when something "
            "awaits or schedules it. Dropped, it never runs, and Python only says so with a warning when the "
            "object is garbage-collected, far from the line that forgot the `await`. The same goes for a "
            "coroutine used as if it were its result (tested with `if`, indexed, compared, printed, echoed by a CLI "
            "(`typer.echo`) or logged: "
            "a logger nothing types counts when its name says it is one, `self.logger.info(...)`), for one in a branch "
            "of a conditional expression or an operand of `and`/`or` whose value is thrown away, for those "
            "collected on the left of `and` (`{p.setup() for p in plugins} and set()`: a filled collection is true, "
            "so the right side is what remains), for those made for a loop whose variable is only used as a "
            "result (`for coro in [r.announce(t) for r in rooms]: log.debug(\"queued %r\", coro)`, or the same "
            "list kept in a local and walked), for those "
            "`list(map(coroutine_function, items))` (or a bare `map(...)`) makes and drops, for one written as a "
            "parameter's default value (made once, when the `def` runs), for one a `@property` getter returns "
            "(`return self._check()`) when the read is used as the result (`if self.online:`), for those "
            "collected in a local list that is "
            "then only counted (`len(pending)`), for one held in a local that a way out of the function leaves "
            "unread (`coro = f()` then `if ready: await coro` and nothing else, or an early `return` first), "
            "for one stored on an attribute that nothing in the module reads (`app.state.pool = create_pool()`, "
            "`self._conn = connect()`; a public attribute of `self` is left to the class's users), "
            "for one bound to a name the function declares as a plain value (`event: dict`, then "
            "`event = stage(event)`) or stored into a collection it declares to hold a class's instances "
            "(`gates[key] = Gate.connect(key)` with `gates: dict[str, Gate]`), "
            "for one handed to a function of the project, in this module or another, "
            "whose parameter is declared a plain value, straight or through a name that is then only so used "
            "(`parse_prices(resp.text())`, or `body = resp.text()` then `parse_prices(body)`, with "
            "`def parse_prices(html: str)`), for one an `async def` returns "
            "unawaited, on any branch "
            "(`return cached or self._load(key)`: whoever awaits it gets the coroutine, not its result; unless it "
            "declares it returns an `Awaitable`), and for one handed "
            "to an API that calls plain functions (`loop.call_soon`, `add_done_callback`, `Thread(target=...)`, "
            "`run_in_executor`, `weakref.finalize`, a sync exit stack's `callback`/`push` (`contextlib.ExitStack`, and the same methods of `AsyncExitStack`, whose `push_async_callback` is the one that awaits), a library that calls back from a thread of its own such as a "
            "sounddevice stream's `callback=` or Pub/Sub's `subscribe`, APScheduler's `BackgroundScheduler.add_job` "
            "(its `AsyncIOScheduler` awaits a "
            "coroutine function's job), pynetdicom's `evt_handlers=[(event, handler)]`, a library object's callback "
            "attribute (`client.on_message = ...` on a paho client, a gpiozero device's `when_pressed`), "
            "a Qt signal's `connect` or a Kivy widget's `bind` in a module that imports the "
            "toolkit, unless a decorator such as qasync's `@asyncSlot()` wraps it; a parameter of the module's own "
            "functions declared `Callable[..., None]`, or one they call as a statement without awaiting it, "
            "`def call_it(fn): fn()`, unless the module tests results with `inspect.isawaitable`), or to a builtin "
            "that uses what it returns at once (`filter(is_open, accounts)`: a coroutine is always true; a `key=` "
            "of `sorted`, `min`, `max` or `list.sort`: coroutines cannot be ordered; coroutines collected into "
            "`any()`, `all()` or `sum()`), "
            "whether as a coroutine, as the coroutine function it would call, or as a lambda "
            "that returns one. A method of a receiver whose type is unknown counts when the same coroutine awaits "
            "the same call elsewhere (`await client.post(a)` ... `client.post(b)`), unless the two sit in the "
            "branches of one type test, or the call schedules its work anyway (`run_in_executor`, a stream's "
            "`write`). So does an object that works only when awaited or entered with `async with` (aiohttp's "
            "`session.post(url)`, `ws_connect`, asyncpg's `pool.acquire()`, `websockets.connect(url)`), dropped, or "
            "bound to a name that is then only used as if it held the response (`resp = session.get(url)`, then "
            "`resp.status`). A public method of a class that a module of the project rebinds to sync wrappers "
            "(`setattr(cls, name, wrapper)` for each name `dir(cls)` gives that `inspect.iscoroutinefunction` "
            "accepts, as pyrogram's and telethon's sync modes do) runs to its end when called from sync code, and "
            "is left alone there. So is a call of an `async def` whose project decorator wraps it in a plain "
            "function that returns the coroutine on some paths and runs or schedules it on others "
            "(`loop.run_until_complete(f(*args))` when no loop runs, `asyncio.run_coroutine_threadsafe(...)` "
            "onto a loop of its own): what the call gives depends on how it runs. "
            "A plain function declared to return a coroutine counts as a coroutine function: "
            "`-> Coroutine[...]` always, `-> Awaitable[T]` on an interface's stub (a Protocol's or an abstract "
            "method's `...`), whose implementations are coroutines."
        ),
        bad=_code('''
import asyncio

async def backoff(attempt):
    asyncio.sleep(0.1 * 2**attempt)  # ACK301: creates a coroutine and drops it
'''),
        good=_code('''
import asyncio

async def backoff(attempt):
    await asyncio.sleep(0.1 * 2**attempt)
'''),
        runtime=True,
        fix="safe",
        fix_title="Add `await`",
    ),
    Rule(
        code="ACK302",
        name="dangling-task",
        category="dangling-task",
        peers=("ASYNC300", "RUF006"),
        summary="a task is created and its handle dropped",
        rationale=(
            "The event loop keeps only a weak reference to tasks: a task nobody holds can be garbage-collected "
            "before it finishes, and an exception it raises is never seen by anyone (where the coroutine catches "
            "every error itself, in one `try` around all it does, only the first half is said). Keep a reference "
            "(a set of background tasks, or `asyncio.TaskGroup`) and look at the result. Reported wherever the task is lost: "
            "an expression statement, a list, tuple or comprehension nobody keeps, a branch of a conditional "
            "expression whose value is thrown away, a truth test, a `with` item, or a local that is not read again "
            "before it is rebound or the function returns (a `del` is not a read; a closure or `locals()` is), "
            "nor before the next round of its loop rebinds it, nor on a way out of the function that skips the "
            "only branches reading it (`if debug: return task` then `return None`); also tasks collected in a local list that is only "
            "counted (`list(map(asyncio.create_task, coros))` or `list(map(lambda c: asyncio.create_task(c.close()), "
            "conns))` too: the collector runs the map), or returned in a list by a function of the module that starts "
            "them and keeps none "
            "(`return [create_task(a()), create_task(b())]`) to a caller that drops or only counts that list, "
            "tasks added to a `weakref.WeakSet`, stored in a `weakref.WeakValueDictionary` or held only by a "
            "`weakref.ref(...)` or `weakref.proxy(...)`, a task "
            "chained to `.add_done_callback(...)`, whatever the callback does (the task holds its callbacks, not "
            "the reverse, so nothing holds the task while it runs), or held in a local used only for that, or for "
            "`.get_name()` and other calls that only describe it, or for a log line (`log.debug(\"started %r\", t)`, "
            "`print(f\"{t}\")`: formatted on the spot, nothing kept), an `asyncio.gather(...)` whose "
            "future is dropped, an `asyncio.shield(coro)` whose future is dropped (the task it wraps around the "
            "coroutine is held by nobody; a method of an object nothing types counts as a coroutine function unless "
            "it is named for a task or future it hands back, `get_task()`), a task-making function given to the loop as a callback "
            "(`loop.call_soon_threadsafe(asyncio.create_task, coro)`: the loop ignores what a callback returns), "
            "and a task that a lambda or a nested function returns (a lambda also in the list it makes, `lambda _: "
            "[create_task(f.poll()) for f in feeds]`) to an API that calls it back and ignores what it "
            "returns (the loop's callbacks, a future's done callback, a Qt signal's `connect`, `atexit.register`, "
            "and registrations named for one: `button.on_click(...)`, `request.addfinalizer(...)`, `addCleanup`, "
            "`add_listener`, `register_callback`, or for an event named first, `events.register(\"post_run_cell\", f)`, "
            "`emitter.on(\"close\", f)`; not `addAsyncCleanup`, which awaits it). "
            "`x.create_task()` counts only when `x` is known to be an event loop (from `asyncio.get_running_loop()`, "
            "`get_event_loop()`, `new_event_loop()` or an `AbstractEventLoop` annotation): a task group or another "
            "object with a method of that name keeps its tasks; an attribute named `loop` that nothing types, read "
            "off another attribute or a parameter (`request.app.loop`, `client.loop`, `self._client.loop` with "
            "`_client` set by a base class), is taken for one in a module that imports asyncio, or when it is "
            "handed a call of one of the module's coroutine functions. A `functools.partial(asyncio.create_task, ...)` "
            "bound once, at the module's top or in the function that calls it, starts tasks as the spawner does, and so "
            "does python-socketio's `sio.start_background_task(fn, *args)` on the asyncio server or client, which "
            "hands back the task it starts and keeps none. A task handed straight to a function of the project "
            "that keeps nothing of it (`announce(asyncio.create_task(...))` with `def announce(task): log.debug("
            "\"started %s\", task.get_name())`, or that only gives it a done callback) is as lost; a function of "
            "another module is known so where it declares the parameter a task or future (`task: asyncio.Task`). "
            "Some tasks cannot be collected: one running `asyncio.to_thread(...)` (or anyio's "
            "`to_thread.run_sync(...)`) is held by its worker thread until the call returns, and one running "
            "`asyncio.sleep(...)` by the loop's timer; dropping their handle loses the outcome, not the work, and "
            "the message says so. A task dropped by `loop.create_task()` called from another thread is reported "
            "once, as ACK402, when that rule is on: its fix, `asyncio.run_coroutine_threadsafe()`, returns the "
            "future to keep."
        ),
        bad=_code('''
import asyncio

async def post(room, msg):
    room.history.append(msg)
    asyncio.create_task(room.broadcast(msg))  # ACK302: may vanish, and so may its errors
'''),
        good=_code('''
import asyncio

background = set()

async def post(room, msg):
    room.history.append(msg)
    task = asyncio.create_task(room.broadcast(msg))
    background.add(task)
    task.add_done_callback(background.discard)
'''),
        runtime=True,
        fix="unsafe",
        fix_title="Keep a strong reference in a module-level set",
    ),
    Rule(
        code="ACK303",
        name="task-exception-never-retrieved",
        category="dangling-task",
        summary="a task failed and nobody ever looked at its exception",
        rationale=(
            "When a task raises and nothing awaits it or calls `result()`/`exception()`, the error surfaces only "
            "as a log line from the garbage collector, if at all. Await your tasks, use `asyncio.TaskGroup`, or "
            "add a done-callback that handles failures."
        ),
        bad=_code('''
import asyncio

async def main():
    task = asyncio.create_task(refresh_cache())  # ACK303: its exception is lost
    await asyncio.sleep(1)
'''),
        good=_code('''
import asyncio

async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(refresh_cache())
'''),
        linter=False,
        runtime=True,
    ),
    Rule(
        code="ACK401",
        name="loop-object-in-thread",
        category="thread-unsafe-capture",
        summary="a loop-bound asyncio object is used from another thread",
        rationale=(
            "asyncio's Queue, Event, Lock, Future and Task (and a stream's `StreamWriter`, which writes through "
            "the loop's transport) are not thread-safe: they belong to one loop and must "
            "be touched only from its thread. From a worker thread, a signal handler, an executor or a listener "
            "that an object calls from a thread of its own (`watcher.add_listener(event.set)`, or "
            "`sdk.subscribe(topic, on_message)` where `subscribe` starts a thread on a nested function that calls "
            "what it was handed), `queue.put_nowait()` or `event.set()` races with the loop and may never wake the waiting task, "
            "whether the thread's code makes the call or a sync function it calls does (in this module or another "
            "module of the project). Hand the call to the loop with `loop.call_soon_threadsafe(...)`; what such a "
            "hand-over is given runs on the loop's thread, not where it is handed over (also tornado's "
            "`io_loop.add_callback_from_signal(f)` in a signal handler, Textual's `app.call_from_thread(f)`, anyio's "
            "and trio's `from_thread.run_sync(f)`). "
            "Callbacks are reported only where they are known to run off the loop's thread; an instance of a "
            "class of the project handed over as one (boto3's `Callback=Progress(size)`) is called through its "
            "`__call__`; so is one in a dict or list display handed to library code that runs in a worker "
            "(`to_thread(session.get, url, hooks={\"response\": on_response})`, `Thread(kwargs=dict(on_event=...))`), a "
            "loop object's method put in a thread queue whose getter thread calls what it gets (`self.jobs.put("
            "self.arrived.set)`, `job = self.jobs.get(); job()`), and one registered on a sqlite3 "
            "connection (`set_progress_handler`, `set_authorizer`, `set_trace_callback`) by code off the loop's "
            "thread, which the connection calls back inside its own `execute()` there; registered anywhere "
            "(`create_function` in `__init__`, the same `self.db`), when the connection's `execute` is what runs in "
            "the thread (`to_thread(self.db.execute, sql)`). A bound method of a loop's "
            "object handed to a function of the project that calls it in the thread (`Thread(target=cut, "
            "args=(sheets, event.set))`, `cut` calling `on_done()`) is reported where it is handed; and a "
            "`sched.scheduler` whose `run` a thread runs calls the actions queued with `enter`/`enterabs` there, "
            "and a `ThreadPoolExecutor` runs its `initializer` in each of its worker threads, as a `multiprocessing` "
            "thread pool does (`multiprocessing.pool.ThreadPool`, `multiprocessing.dummy.Pool`; a process pool "
            "runs it in other processes). "
            "A method of another class of the module, one that starts no thread of its own (a queue "
            "wrapper's `enqueue_nowait`, reached from a request handler's thread, or handed over as a callback "
            "where its class has coroutines of its own), is reported where the thread reaches it, as another "
            "module's function is: its callers on the loop are right. Code that asks for "
            "the loop running in its own thread (`loop = get_running_loop()`, asyncio's or a wrapper that gives "
            "None where none runs, or the same in a `try` whose `except RuntimeError:` sets `loop = None` or a "
            "flag; `get_event_loop()` too in such a `try`) and touches loop objects only where the answer says a "
            "loop runs (under `if loop:`, `if loop is not None:`, `if loop is self.loop:`, in the `else` of `if "
            "loop is None:`, after `if not loop: return`, in the `try`'s `else`, or after it when the handler "
            "returns) is on that loop's thread there, whoever calls it (ACK402 alike). A listener of a "
            "sync SQLAlchemy `Engine` (`event.listen(engine, ...)`, `@event.listens_for(engine, ...)`) fires in "
            "the thread that runs the statement, a worker thread in an asyncio program (on the loop's thread a "
            "sync engine would block it, which ACK105 reports); one on an `AsyncEngine`'s `sync_engine` fires in "
            "the greenlet SQLAlchemy runs on the loop's own thread, and one on the `Engine` class covers async "
            "engines too: neither is reported. A `logging.Handler` subclass's `emit` runs in whatever thread "
            "logs, and a handler serves every thread of the process (a worker's, a library's): reported unless "
            "it asks which thread it is on (`threading.get_ident()`, `asyncio.get_running_loop()` in a `try`) to "
            "take another way from other threads; a `logging.handlers.QueueHandler` handed an asyncio queue "
            "puts every record into it the same way. A finalizer (`weakref.finalize(obj, queue.put_nowait, item)`) "
            "runs in whichever thread drops the last reference or runs the garbage collector, and an `atexit` "
            "handler on the main thread at interpreter exit: reported where the module runs its loop on a thread of "
            "its own, which may still be running then (a loop on the main thread has stopped by that time). A "
            "garbage collector callback (`gc.callbacks.append(f)`) runs in whichever thread's allocation starts a "
            "collection: reported where the module starts threads of its own. A job "
            "of the `schedule` package (`schedule.every(5).minutes.do(job)`) runs in "
            "the thread that calls `run_pending()`: reported where the module calls it in a function it hands to a "
            "thread, not where a coroutine calls it between sleeps. Callbacks a library serves inside one of its "
            "own calls (confluent-kafka's delivery reports and rebalance callbacks, inside `poll()`) or from its "
            "network loop (paho-mqtt's, once `loop_start()` runs it) run where the code drives that very object: a "
            "producer a coroutine polls, or a paho client whose class hands `loop_read` to the loop's `add_reader`, "
            "calls back on the loop's thread, whatever another object of the module does. A callback handed "
            "to a call that asks the library to run it on a thread of its own (`run_in_thread=True`, "
            "`threaded=True`, `in_worker_thread=True`) runs there, unless the callee is a function of the module "
            "itself, whose code says what the flag does. "
            "A GUI toolkit's event handlers (Tk's `command=`, a Qt signal's `connect`, wx's `Bind`, Kivy's `bind`) "
            "run on the GUI's thread: reported where the module runs the asyncio loop on a thread of its own, or "
            "starts one for the GUI's main loop (`Thread(target=root.mainloop)`), as either way that thread is not "
            "the loop's (a module that imports no toolkit but starts a thread for a `mainloop`, Tk's name for it, "
            "is handed its Tk objects: its `command=` and `bind` handlers are Tk's); but not a toolkit whose own thread a bridge makes the loop's (qasync for Qt, "
            "async-tkinter-loop for Tk), even in a module that also runs a loop on a helper thread for another "
            "front end, nor the handlers of widgets a coroutine makes (a GUI it pumps itself, `root.update()` "
            "between sleeps, runs them on the loop's thread). A sync python-zeroconf `ServiceBrowser` (or "
            "`Zeroconf.add_service_listener`) calls its "
            "listener's `add_service`, `update_service` and `remove_service` on the browser's thread; an "
            "`AsyncServiceBrowser` calls its handlers on the loop. "
            "A Flask view (`@app.route`, `@bp.post`, `add_url_rule(..., view_func=f)`) and the request hooks Flask "
            "calls around one run on the WSGI server's worker thread, never the loop's, wherever the app is served "
            "from: a plain view that touches the loop's objects is reported (one that runs its own loop, "
            "`asyncio.run(...)`, is not); so does a sync Django view (a function, or a class-based view's `get`/`post`, "
            "taking the request and returning one of Django's responses), on a WSGI worker or, under ASGI, the "
            "thread Django hands it to. FastAPI runs a path operation written as a plain `def` (`@router.post`) "
            "in its thread pool (the loop objects the lifespan stores on `app.state` are known where a handler reads "
            "them back, `request.app.state.x`), and Starlette a background task that is a plain function (`add_task(f, ...)`, "
            "`BackgroundTask(f)`); asgiref's `sync_to_async(f)` runs `f` on a worker thread; a Celery task's body "
            "(`@app.task`, `@shared_task`) and its worker and task signal handlers (`@task_failure.connect`) run in "
            "the worker's pool, where no loop runs. An OpenTelemetry exporter's `export` (a `SpanExporter`, "
            "`MetricExporter` or `LogExporter` subclass) runs on the worker thread of the batch processor or metric "
            "reader that drives it, and a `SpanProcessor`'s `on_start` and `on_end` in whichever thread starts or "
            "ends the span. prometheus_client's own metrics server (`start_http_server`) calls each collector's "
            "`collect()` on its thread, for every scrape. APScheduler's `@scheduler.scheduled_job(...)` is `add_job` "
            "as a decorator: a plain function's job runs in the scheduler's threads, an asyncio scheduler's too. A "
            "trace or profile function set with `threading.settrace` or `threading.setprofile` runs in every thread "
            "`threading` starts. A socketserver handler reaches what its server holds through `self.server`: an "
            "instance of the module's server class made with that handler (`super().__init__(address, Handler)`, "
            "or a server class that hands its own parameter on, made with the handler: `CueServer(address, "
            "CueHandler)`). What a server served on a thread was made to call runs there too (`self.httpd = "
            "make_server(host, port, self.app)`, then `Thread(target=self.httpd.serve_forever)`: the WSGI app). "
            "The asyncio face of a janus or culsans queue (`q.async_q`) belongs to the loop as an asyncio queue "
            "does; only its sync face (`q.sync_q`) may be used from another thread. "
            "A `zmq.asyncio` socket belongs to a loop as well (linter only): its methods make their futures on the "
            "calling thread's loop, so in a plain thread they raise RuntimeError and nothing is sent; such a "
            "thread wants a blocking socket of a sync shadow of the context (`zmq.Context(async_ctx)`)."
        ),
        bad=_code('''
import asyncio

async def wait_for_button(device):
    pressed = asyncio.Event()
    loop = asyncio.get_running_loop()

    def block():
        device.block_until_pressed()
        pressed.set()  # ACK401: set() from an executor thread

    await loop.run_in_executor(None, block)
    await pressed.wait()
'''),
        good=_code('''
import asyncio

async def wait_for_button(device):
    pressed = asyncio.Event()
    loop = asyncio.get_running_loop()

    def block():
        device.block_until_pressed()
        loop.call_soon_threadsafe(pressed.set)

    await loop.run_in_executor(None, block)
    await pressed.wait()
'''),
        runtime=True,
    ),
    Rule(
        code="ACK402",
        name="loop-call-from-thread",
        category="thread-unsafe-capture",
        summary="a loop method that is not thread-safe is called from another thread",
        rationale=(
            "`loop.call_soon`, `call_later`, `call_at` and `create_task` assume they run on the loop's thread; "
            "from another thread they corrupt the loop's queues or wake nobody. Use "
            "`loop.call_soon_threadsafe` or `asyncio.run_coroutine_threadsafe`. That includes the function (or "
            "script) that runs a loop on a helper thread (`Thread(target=loop.run_forever).start()`) and then calls "
            "them on that loop itself: from the thread's start until its `join()`, its own thread is not the loop's. "
            "A method of the loop handed to a thread as its callable (`threading.Timer(30, loop.stop)`, "
            "`Thread(target=loop.stop)`, `run_in_executor(None, loop.call_soon, cb)`) is called there the same way. "
            "`asyncio.ensure_future(loop.create_task(coro), loop=loop)` is reported once, at the `create_task`: "
            "handed a task, `ensure_future` gives the same task back."
        ),
        bad=_code('''
import asyncio
import threading

def start_reader(loop, source, handle):
    def pump():
        for item in source:
            loop.call_soon(handle, item)  # ACK402: not thread-safe

    threading.Thread(target=pump, daemon=True).start()
'''),
        good=_code('''
import asyncio
import threading

def start_reader(loop, source, handle):
    def pump():
        for item in source:
            loop.call_soon_threadsafe(handle, item)

    threading.Thread(target=pump, daemon=True).start()
'''),
        runtime=True,
    ),
    Rule(
        code="ACK501",
        name="unbounded-queue",
        category="unbounded-queue",
        summary="an asyncio queue without a maxsize is filled by an open-ended producer with no backpressure",
        rationale=(
            "A queue with no bound never pushes back: when consumers fall behind, producers keep adding and "
            "memory grows until the process dies. A `maxsize` makes `await queue.put()` wait, which slows the "
            "producers to the consumers' pace (backpressure). Reported where a producer is open-ended (a `put` "
            "in a `while`/`async for` loop, in a `for` over a stream that a thread reads (`Thread(target=...)`, "
            "an executor), in `data_received` or another per-message callback or handler, in "
            "a method that queues what each caller hands it) and nothing visible slows it down "
            "(`transport.pause_reading()`, a `qsize()`/`full()` check, waiting for the consumer after the put, "
            "or after the `for` that puts one batch of a loop fetching batch after batch (`await q.join()`), "
            "a byte count compared to a cap, a put that runs only while a `len()` is under a fixed cap, a "
            "semaphore slot the producer waits for before each put and the consumer gives back); also where the queue is handed out and nobody here fills it. "
            "A fixed few puts (start-up, shutdown, a sentinel) and a free list refilled by releases are bounded, "
            "and so are puts that only a connection's state changes make (`on_connect`, `on_close`, a "
            "`reconnect()`, a failure path that leaves the read loop, a put handed to a worker that calls it only "
            "there): they come at the pace of those changes, not of the traffic; so is a put followed by setting "
            "the flag under which the class's other puts into that queue stop (`await q.put(error)` then "
            "`self._closed = True`): the stream's last word. A queue `__init__` makes that a "
            "start-up hook (`on_startup`, `start()`, `__aenter__`, `connect()`) replaces is judged as the "
            "replacement. "
            "A queue a function seeds with work and then returns or stores on an object is not a finished "
            "work list: whoever gets it can go on adding, out of sight (one seeded only with sentinels is a stop "
            "channel). "
            "A `maxsize` of 0 or less is no bound: asyncio reads it as unlimited; nor is `math.inf`. A property of the "
            "class that returns one expression (`return self._cfg.get(\"backlog\", 0)`) sizes the queue as that "
            "expression does, and an attribute of a `SimpleNamespace` of defaults as what it is made with. A size "
            "worked out from "
            "parameters (`capacity or 0`, `capacity if capacity else 0`, `0 if capacity is None else capacity`) "
            "is judged by what it comes to when they keep their defaults, and a setting looked up with a "
            "fallback (`int(os.getenv(\"QUEUE_MAX\", \"0\"))`, `conf.get(\"queue_max\", 0)`, "
            "`int(os.getenv(\"QUEUE_MAX\") or 0)`, a config file's `cp.getint(\"queues\", \"inbox\", fallback=0)`) by its "
            "fallback, an option of the module's argparse parser (`args.backlog`) by its `default=`, an entry of a module's dict of settings "
            "that the module never writes to (`SETTINGS[\"queue_max\"]`) or a constant of a class of the module "
            "that it never sets (`Limits.QUEUE_MAX`) by its value, a constant of another module of the project "
            "(`settings.SCAN_BACKLOG`, or imported by name) by its value there, the `len()` of a list or tuple bound once and "
            "never added to by its length (`Queue(len(self.workers))` with `self.workers = []`; also when it is "
            "added to later, if the queue is made right after it in the same block, nothing in between adding "
            "to it), "
            "and a field of a settings class of the module by its default (`settings.queue_size or 0` with "
            "`queue_size: int | None = None`, or `field(default=0)`), or by what the module's one instance of it is made with "
            "(`LIMITS = Limits(backlog=int(os.getenv(\"BACKLOG\", \"0\")))`, then `Queue(LIMITS.backlog)`), "
            "also through a parameter that defaults to that instance (`def __init__(self, settings: Settings = "
            "SETTINGS)`) or to None and made when not given (`cfg = cfg or Settings()`): unbounded unless someone sets them (janus's and culsans's queues alike); a constructor's size parameter that every call of the project "
            "making the class sets (`Channel(conn, n, frame_buffer=10)`, in any module) is judged as set. A call of "
            "the project's queue factory (a function that returns the queue it makes with its size parameter, "
            "in any module) that hands it 0 or less is reported at the call, even when the factory's default "
            "is bounded (`channel(0)` with `def channel(size=128)`). "
            "A public async method that queues each caller's request with a future and then awaits that future "
            "(`fut = loop.create_future(); await q.put((req, fut)); return await fut`) does not slow the queue: "
            "the wait paces one caller, and any number of callers can queue at once (unless the method takes a "
            "slot first, `async with self._slots:`, or checks the queue's size). "
            "The linter leaves test code alone, where the test that drives a queue is a bounded script: test "
            "modules as pytest names them (`test_*.py`, `*_test.py`, `conftest.py`), `tests`/`testing` packages, "
            "and the fakes, fixtures and test cases that use `unittest` or `pytest` in any module (the rest of a "
            "module that merely imports them is checked as usual)."
        ),
        bad=_code('''
import asyncio

class Reader(asyncio.Protocol):
    def __init__(self):
        self._chunks = asyncio.Queue()  # ACK501: data_received fills it as fast as the network delivers

    def data_received(self, data):
        self._chunks.put_nowait(data)

    async def read(self):
        return await self._chunks.get()
'''),
        good=_code('''
import asyncio

class Reader(asyncio.Protocol):
    def __init__(self):
        self._chunks = asyncio.Queue()

    def connection_made(self, transport):
        self._transport = transport

    def data_received(self, data):
        self._chunks.put_nowait(data)
        self._transport.pause_reading()  # nothing more arrives until the reader has caught up

    async def read(self):
        data = await self._chunks.get()
        if self._chunks.empty():
            self._transport.resume_reading()
        return data
'''),
        runtime=True,
    ),
    Rule(
        code="ACK502",
        name="unbounded-spawn",
        category="unbounded-spawn",
        summary="a task is spawned per item of a loop with nothing bounding concurrency",
        rationale=(
            "One task per incoming connection, message or row has no upper bound: a burst starts thousands of "
            "tasks that compete for sockets, memory and the database at once. Bound them with an "
            "`asyncio.Semaphore`, a fixed pool of workers reading a bounded queue, or a limit on in-flight tasks. "
            "A `for` over a batch counts when a `while` or `async for` around it fetches batch after batch and "
            "nothing waits for a round's tasks, and so does a spawn in a protocol's `data_received` or "
            "`datagram_received`, which the transport calls for every chunk it receives (unless the task is kept "
            "in a single attribute, a len() cap or `pause_reading()` bounds them), or in a method a framework "
            "calls for every message a client sends: a Channels consumer's `receive`/`receive_json`, a Starlette "
            "`WebSocketEndpoint.on_receive`, a Tornado `WebSocketHandler.on_message` (unless the task is kept in "
            "a single attribute, awaited there, or a semaphore or len() cap bounds them), and a broker consumer's "
            "callback, called once per message (aio-pika's `queue.consume(cb)`, nats-py's `subscribe(subject, "
            "cb=cb)`): unless an aio-pika channel given a `prefetch_count` holds back what the tasks have not "
            "acknowledged yet (a message acknowledged before its task runs, `async with message.process():` around "
            "the spawn, `no_ack=True`, no longer is), which bounds an `async for` over `queue.iterator()` too. Sanic's "
            "`app.add_task(...)` (also `request.app.add_task(...)` in a Sanic handler) counts as a spawn. Waiting "
            "does not bound a work "
            "list that grows as tasks finish: `await asyncio.wait(pending, return_when=FIRST_COMPLETED)` returns "
            "once one is done and leaves the rest in flight, a crawl that gathers each round spawns the next from "
            "what the last one found, and a coroutine that spawns itself per child grows with the whole tree; a "
            "len() test, a semaphore acquired before the spawn or one shared down the recursion bounds them. A "
            "semaphore only around the spawn (`async with sem: create_task(...)`) is let go before the task runs "
            "and bounds nothing. A task group's `start_soon` (anyio, trio's nursery) counts as `create_task` does: "
            "the group waits for its tasks but does not bound how many run at once. A loop that spawns at a pace "
            "of its own is a ticker, not a spawn per item: it sleeps a set interval each pass, or spawns under a "
            "throttle on the clock that moves its mark (`if now - last >= 5: last = now`), or when a count that "
            "only rises reaches one value (`if lost == 100:`). Off by default: many loops are bounded by their "
            "input."
        ),
        bad=_code('''
import asyncio

async def serve(listener, handle):
    running = set()
    while True:
        conn = await listener.accept()
        task = asyncio.create_task(handle(conn))  # ACK502: one task per connection, no limit
        running.add(task)
        task.add_done_callback(running.discard)
'''),
        good=_code('''
import asyncio

async def serve(listener, handle, limit=256):
    slots = asyncio.Semaphore(limit)

    async def guarded(conn):
        async with slots:
            await handle(conn)

    async with asyncio.TaskGroup() as tg:
        while True:
            await slots.acquire()
            slots.release()
            tg.create_task(guarded(await listener.accept()))
'''),
        default=False,
    ),
    Rule(
        code="ACK601",
        name="cancellation-swallowed",
        category="cancellation-swallowed",
        peers=("ASYNC103", "ASYNC104"),
        summary="a handler around an await swallows `CancelledError` and the coroutine carries on",
        rationale=(
            "Cancellation is delivered as `asyncio.CancelledError` at the await the task is suspended in. A "
            "handler that catches it (`except CancelledError`, bare `except:`, `except BaseException`, a tuple "
            "holding it, named by the module or by a class attribute: `except self.RETRY_ON:`, or starred into "
            "`suppress(*IGNORED)`), does "
            "not re-raise, and then lets the coroutine go on awaiting (the code after the `try`, the next round "
            "of its loop) or return to a coroutine awaiting it (a value returned, or a caller in the same module; "
            "the caller carries on as if nothing had happened) turns `task.cancel()` into a no-op: timeouts, TaskGroups and shutdown wait for a task "
            "that keeps running. Clean up, then `raise`. A handler that hands the exception on (`fut.set_exception"
            "(exc)`, `self.error = exc`) leaves its fate to the code that gets it; one that only reports it (a log "
            "line, `span.record_exception(exc)`, `sentry_sdk.capture_exception(exc)`) swallows it, and so does one "
            "that keeps it in an attribute and goes round its loop again (`self.last_error = exc` in a polling "
            "loop, unless the loop's own test reads it: `while self.error is None:`). A `return`, `break` or `continue` that leaves a `finally:` "
            "swallows it the same way, and so does a handler around the `yield` of an `@asynccontextmanager` "
            "(the `async with` block's cancellation is thrown in there; not re-raised, the block's caller goes "
            "on), and an async context manager whose `__aexit__` returns True whatever the block raised (a "
            "true return suppresses the exception, cancellation included; a test only of whether an exception "
            "came, not which, does not narrow it), or True for the cancellation itself (`return exc_type is "
            "asyncio.CancelledError`); each `async with` of such a class of the project, in any module, is "
            "reported too where its block awaits, as a `suppress(CancelledError)` there would be. A broad handler "
            "that re-raises "
            "everything but cancellation (`if isinstance(exc, CancelledError): return` before its `raise`) "
            "swallows it too, and so does one that re-raises only the errors it names (`if isinstance(exc, "
            "asyncpg.UniqueViolationError): raise`, or a predicate of the project that tests only for them: "
            "builtin, library or project exception classes, none of them cancellation, perhaps after logging it; "
            "or `if not keep_going(exc): raise` with a predicate true for all but such classes), and a handler of "
            "cancellation alone that goes round its loop on a branch before its `raise` (`if not self._stopping: "
            "continue`): on that branch the task goes on. So does an async generator that swallows it and ends: its consumer was the task "
            "cancelled while awaiting the next item, and its `async for` finishes as if the stream were over. "
            "Awaiting a task this code has cancelled and catching its CancelledError (`task.cancel()`, then "
            "`try: await task` / `except CancelledError: pass`) is how one waits for it to end, and is left alone; "
            "but not when the task awaited was made afresh after that cancel (`self.current.cancel()`, then "
            "`self.current = asyncio.create_task(...)`, then `try: await self.current`): what is caught there is "
            "this task's own cancellation. Nor is catching the CancelledError the code itself throws into a "
            "generator it drives to run its cleanup (`await gen.athrow(asyncio.CancelledError())`), coming back out. "
            "Where the "
            "coroutine ends right after the handler, or a "
            "task's own function only runs straight on to its end awaiting its cleanup (no loop to go round), the "
            "harm is smaller and ACK602 reports it instead."
        ),
        bad=_code('''
import asyncio

async def consume(queue, handle):
    while True:
        job = await queue.get()
        try:
            await handle(job)
        except asyncio.CancelledError:  # ACK601: the task can no longer be cancelled
            print("interrupted, moving on")
'''),
        good=_code('''
import asyncio

async def consume(queue, handle):
    while True:
        job = await queue.get()
        try:
            await handle(job)
        except asyncio.CancelledError:
            print("interrupted")
            raise
'''),
        runtime=True,
        fix="unsafe",
        fix_title="Re-raise at the end of the handler",
    ),
    Rule(
        code="ACK602",
        name="cancellation-ends-task",
        category="cancellation-swallowed",
        peers=("ASYNC103", "ASYNC104"),
        summary="a handler swallows `CancelledError` and the coroutine then ends, as completed instead of cancelled",
        rationale=(
            "The handler catches the cancellation and does not re-raise it, but the coroutine ends right after "
            "(a bare `return`, `break` out of its loop to the end, or falling off the end with no further await; in "
            "a task's own function, also after awaiting its cleanup on the straight way to its end). The "
            "task does stop, yet it finishes as completed instead of cancelled: `asyncio.timeout()` and "
            "`wait_for` do not turn the cancellation into `TimeoutError`, a `TaskGroup` cannot tell, and on 3.11+ "
            "the task's cancellation count stays raised. (A coroutine that returns a value there, or that this "
            "module awaits, hands its caller control as if nothing had happened, and the caller carries on: that "
            "is ACK601, unless this module also starts the coroutine as a task.) The harm is to an awaiter whose "
            "cancel passes through the coroutine and who counts on it coming back: a caller awaiting it (its "
            "timeout, its task group, its own canceller), or a coroutine awaiting the task that runs it "
            "(cancelling an awaiter cancels the task it waits on; `await asyncio.wait_for(task, 5)` on a task that "
            "swallows returns None instead of raising `TimeoutError`). So the linter reports it only where the "
            "code shows such an awaiter. When it is reported: a call of the coroutine function that is awaited "
            "(`await worker.start()`, on any object not known to be of another class) or waited on with "
            "`asyncio.wait_for(f(), 5)`, unless the caller ends with it (`return await f()`, its last statement) "
            "and is itself relied on by nobody; a task started from it (`create_task`, `ensure_future`, a loop's "
            "`create_task`, `run_coroutine_threadsafe`, a task group's `create_task` or `start_soon`, tornado's "
            "`add_callback`/`spawn_callback`/`gen.convert_yielded`, Home Assistant's `async_create_task`, "
            "APScheduler's `add_job`, the project's own wrapper that starts a coroutine and returns its task) "
            "whose handle a function awaits, waits on with `wait_for` (a thread: `.result()` of "
            "`run_coroutine_threadsafe`'s future) or awaits on the spot, or hands to a coroutine function of the "
            "module, or a module-level one of another module of the project, that does (`await stop_task(task, 5)`"
            ", `await util.join_task(self._task)`), without having cancelled it first; a call made "
            "through a wrapper it is handed to (`await T(self._on_revoked)(revoked)`, `await partial(f, x)()`), or "
            "made by a lambda handed to a coroutine function of the module that awaits what the lambda returns "
            "(`await with_retries(lambda: self._download(url))`); the "
            "main coroutine of `asyncio.run` (it turns Ctrl-C's cancel into KeyboardInterrupt only when "
            "CancelledError comes back); the same shown by another module of the project (by the function's "
            "qualified name, or its bare name when private); and a public coroutine function of the module or of "
            "a public class (also in a private module the package exports from), undecorated, that its module "
            "never hands on and no other module uses but by awaiting it: what it offers is to be awaited by its "
            "callers, the library's users included; and the async wrapper a decorator of the module returns around "
            "the function it decorates (`def never_fail(fn): ... async def wrapper(*args): await fn(*args) ... "
            "return wrapper`), when the decorator is public or put on a function of the module and the wrapper "
            "is no endless loop (a `while True:` it leaves by a `return`, a retry loop, is not one): whoever "
            "awaits a decorated function awaits it. When it is not reported: a task its owner cancels and then "
            "waits for, or drops, or waits on only through `asyncio.gather`, `shield` or `wait` (a cancelled "
            "gather raises `CancelledError` whatever its members return; a shield passes no cancel on; `wait` "
            "cancels nothing), or that a task group cancels on its own behalf; a task waited on by an awaiter that "
            "suppresses the cancel itself (`with suppress(TimeoutError, CancelledError): await wait_for(task, "
            "2)`: it goes on either way); a stopping method of a class (`stop`, `on_stop`, `close`, `aclose`, "
            "`shutdown`, `__aexit__`..., or any method whose own statements first tell the object's tasks to end: "
            "`self._stopping.set()`, `self._running = False`) that cancels nothing itself and awaits only handles it "
            "holds, no coroutine it calls, and ends there (`with suppress(CancelledError): await gather(*[a.task for a "
            "in self._actors])`: a framework stops those tasks and the CancelledError is theirs); a handle returned, "
            "handed to a call the linter cannot read, or to a helper that cancels it first, or kept where the linter "
            "does not follow it; a coroutine function handed to a library by reference (`sio.on(\"message\", "
            "handler)`, a telnet shell's `interact`, also where another module awaits some object's method of the same "
            "name) or registered by a decorator (`@sio.on`, `@websocket_api.async_response`, `@periodic(30)`'s "
            "wrapper), a function nested in another (a decorator's wrapper); a private coroutine no code of the "
            "project awaits; a public one another module of the project starts as its task or hands on (a parameter or "
            "variable of that name, `stop: asyncio.Event`, or a library object's method, "
            "`loop.call_soon_threadsafe(loop.stop)`, is no handing on); a value returned in the cancel's place for the "
            "task's own done callback. Left alone for want of sight, so possibly missed: a reference handed on and "
            "awaited elsewhere (`conn.on_close(partial(conn._run))`, a lambda kept or handed to a library), a method "
            "of another module's class that awaits the task it is handed, a handle returned to a caller that awaits "
            "it, a library that awaits the callbacks it is handed; and a stopping method's own awaiter, whose cancel "
            "its suppress also takes. Code that "
            "swallows on purpose (the main coroutine on Ctrl-C) can say so with `# noqa: ACK602`; re-raising "
            "costs nothing and keeps timeouts and TaskGroups right. "
            "At run time (Python 3.11+) it is the task that was cancelled and ended with a result, its "
            "cancellation still counted (nobody turned it into a timeout), having awaited nothing past the handler "
            "that caught it: reported at that handler, unless the cancel came straight from a `task.cancel()` in "
            "the program's own code while no other task or future waited on the task for a cancel of its own "
            "(none awaiting it, no `wait_for` over it; a `gather`, `shield` or `wait` does not count), from a "
            "`gather` cancelling its members, or from its `asyncio.TaskGroup` cancelling its children: its "
            "owner stopping it, the line the linter draws. A cancel passed on by an awaiter, a timeout or "
            "`wait_for` is still reported. Python 3.9 "
            "and 3.10 have no cancellation count (`Task.cancelling()`): there the runtime reports neither ACK601 "
            "nor ACK602."
        ),
        bad=_code('''
import asyncio

async def download(client, url, store):
    try:
        await store.save(url, await client.get(url))
    except asyncio.CancelledError:  # ACK602: a timeout around it never raises TimeoutError
        print("download interrupted")


class Poller:
    def start(self, feed):
        self._task = asyncio.create_task(self._poll(feed))

    async def _poll(self, feed):
        try:
            while True:
                await feed.refresh()
                await asyncio.sleep(30)
        except asyncio.CancelledError:  # ACK602: `wait_for(poller.wait_closed(), 5)` never times out
            print("poller stopped")

    async def wait_closed(self):
        await self._task
'''),
        good=_code('''
import asyncio

async def download(client, url, store):
    try:
        await store.save(url, await client.get(url))
    except asyncio.CancelledError:
        print("download interrupted")
        raise


class Poller:
    def start(self, feed):
        self._task = asyncio.create_task(self._poll(feed))

    async def _poll(self, feed):
        try:
            while True:
                await feed.refresh()
                await asyncio.sleep(30)
        except asyncio.CancelledError:  # only stop() cancels this task, and it wants it to end
            print("poller stopped")

    async def stop(self):
        self._task.cancel()
        await self._task
'''),
        runtime=True,
        fix="unsafe",
        fix_title="Re-raise at the end of the handler",
    ),
)

BY_CODE: Dict[str, Rule] = {rule.code: rule for rule in RULES}
BY_PEER: Dict[str, Tuple[str, ...]] = {
    peer: tuple(rule.code for rule in RULES if peer in rule.peers) for peer in sorted({p for r in RULES for p in r.peers})
}
BY_NAME: Dict[str, Rule] = {rule.name: rule for rule in RULES}
# ruff's names for the peer codes above: its `# ruff: ignore[...]`, `file-ignore`, `disable` and `enable` comments
# may name a rule instead of giving its code (`# ruff: ignore[asyncio-dangling-task]`)
PEER_NAMES: Dict[str, str] = {
    "blocking-http-call-in-async-function": "ASYNC210",
    "blocking-http-call-httpx-in-async-function": "ASYNC212",
    "create-subprocess-in-async-function": "ASYNC220",
    "run-process-in-async-function": "ASYNC221",
    "wait-for-process-in-async-function": "ASYNC222",
    "blocking-open-call-in-async-function": "ASYNC230",
    "blocking-path-method-in-async-function": "ASYNC240",
    "blocking-input-in-async-function": "ASYNC250",
    "blocking-sleep-in-async-function": "ASYNC251",
    "asyncio-dangling-task": "RUF006",
}


class UnknownRule(ValueError):
    """A selector that names no rule, rule prefix or category."""


def get(code_or_name: str) -> Rule:
    """The rule with this code (``ACK101``) or name (``blocking-sleep``)."""
    key = code_or_name.strip()
    rule = BY_CODE.get(key.upper()) or BY_NAME.get(key.lower())
    if rule is None:
        raise UnknownRule(f"unknown rule {code_or_name!r}")
    return rule


def expand(selector: str) -> List[Rule]:
    """Rules named by one selector: a code or code prefix (``ACK1``), a rule name, a category, or ``ALL``."""
    key = selector.strip()
    if key.upper() == "ALL":
        return list(RULES)
    if key.lower() in CATEGORIES:
        return [r for r in RULES if r.category == key.lower()]
    if key.lower() in BY_NAME:
        return [BY_NAME[key.lower()]]
    upper = key.upper()
    if upper.startswith("ACK"):
        matched = [r for r in RULES if r.code.startswith(upper)]
        if matched:
            return matched
    raise UnknownRule(f"{selector!r} names no rule, code prefix or category")


def resolve_selection(
    select: Optional[Iterable[str]] = None,
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
) -> frozenset:
    """The set of enabled codes: ``select`` (or the defaults) plus ``extend_select``, minus ``ignore``.

    As in ruff, where a select and an ignore overlap the more specific one wins:
    ``ignore=["ACK1"], extend_select=["ACK101"]`` keeps ACK101, ``select=["ACK1"], ignore=["ACK"]`` keeps nothing.
    """
    if select is None:
        chosen = {r.code: 0 for r in RULES if r.default}
    else:
        chosen = {}
        for sel in select:
            for r in expand(sel):
                chosen[r.code] = _specificity(sel)
    for sel in extend_select:
        for r in expand(sel):
            chosen[r.code] = max(chosen.get(r.code, 0), _specificity(sel))
    for sel in ignore:
        spec = _specificity(sel)
        for r in expand(sel):
            if r.code in chosen and chosen[r.code] <= spec:
                del chosen[r.code]
    return frozenset(chosen)


def _specificity(selector: str) -> int:
    key = selector.strip()
    if key.upper() == "ALL":
        return 1
    if key.lower() in CATEGORIES:
        return 2
    if key.lower() in BY_NAME:
        return 10
    return len(key)
