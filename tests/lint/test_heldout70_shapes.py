"""Shapes measured on held-out service code (heldout70): worker pools, supervisors, per-key locks, device bridges
and per-client channels."""
from __future__ import annotations

from .helpers import check_marked


def test_queue_sized_by_a_module_setting_with_a_zero_fallback():
    # `QUEUE_MAX = int(os.environ.get("QUEUE_MAX", "0"))` bound once, then `Queue(maxsize=QUEUE_MAX)`: unset, the
    # queue is unbounded, as with the lookup written inline. Look-alikes: a fallback that bounds it, a setting read
    # without a fallback, a name bound twice (which value reaches the queue is not known).
    check_marked('''
        import asyncio
        import os

        QUEUE_MAX = int(os.environ.get("QUEUE_MAX", "0"))
        BUFFER = int(os.getenv("BUFFER", "500"))
        FROM_SETTINGS = settings.queue_max
        NO_LIMIT = 0
        TWICE = 0
        if os.getenv("BIG"):
            TWICE = 10_000


        class Outbox:
            def __init__(self):
                self._q = asyncio.Queue(maxsize=QUEUE_MAX)  # ACK501

            async def send(self, msg):
                await self._q.put(msg)


        class Buffered:
            def __init__(self):
                self._q = asyncio.Queue(BUFFER)
                self._r = asyncio.Queue(FROM_SETTINGS)
                self._t = asyncio.Queue(TWICE)

            async def send(self, msg):
                await self._q.put(msg)
                await self._r.put(msg)
                await self._t.put(msg)


        async def pump(reader):
            q = asyncio.Queue(NO_LIMIT)  # ACK501
            size = int(os.getenv("PUMP_MAX", "0"))
            r = asyncio.Queue(size)  # ACK501
            while True:
                line = await reader.readline()
                await q.put(line)
                await r.put(line)
    ''', ["ACK501"])


def test_contextmanager_method_inherited_from_a_mixin_holds_its_lock():
    # `with self.guarded():` in a subclass, `guarded` a `@contextmanager` of a base class of the module that holds
    # a threading lock around its `yield` (the lock a class attribute or set in the base's `__init__`).
    # Look-alikes: the same block with no await, an await after it, a subclass that overrides the method with one
    # that holds nothing.
    check_marked('''
        import contextlib
        import threading


        class GuardedMixin:
            _state_lock = threading.RLock()

            @contextlib.contextmanager
            def guarded(self):
                with self._state_lock:
                    yield self


        class LockedBase:
            def __init__(self):
                self._lock = threading.Lock()

            @contextlib.contextmanager
            def locked(self):
                self._lock.acquire()
                try:
                    yield
                finally:
                    self._lock.release()


        class Inventory(GuardedMixin):
            async def pull(self, remote):
                with self.guarded():  # ACK201
                    self.items = await remote.fetch()

            async def pull_then_store(self, remote):
                fresh = await remote.fetch()
                with self.guarded():
                    self.items = fresh


        class Ledger(LockedBase):
            async def append(self, db, entry):
                with self.locked():  # ACK201
                    await db.insert(entry)


        class Unlocked(LockedBase):
            @contextlib.contextmanager
            def locked(self):
                yield

            async def append(self, db, entry):
                with self.locked():
                    await db.insert(entry)
    ''', ["ACK201"])


def test_unknown_receivers_call_dropped_inside_a_statement_beside_its_awaited_twin():
    # `mailer.send(a) if mailer.enabled else None` or `[mailer.send(a) for a in admins]` as a statement, where the
    # same coroutine awaits `mailer.send(...)`: thrown away as surely as a call that is the statement. Look-alikes:
    # another method in the branch, the branch awaited, the same shape in sync code, a kept list.
    check_marked('''
        async def notify(mailer, admins, text):
            for admin in admins:
                mailer.send(admin, text) if mailer.enabled else None  # ACK301
            [mailer.send(a, text) for a in admins]  # ACK301
            await mailer.send("ops", text)


        async def notify_logged(mailer, admins, text):
            for admin in admins:
                mailer.log(admin, text) if mailer.enabled else None
                await mailer.send(admin, text) if mailer.enabled else None
            sent = [mailer.send(a, text) for a in admins]
            await mailer.send("ops", text)
            return sent


        def notify_sync(mailer, text):
            mailer.send(text) if mailer.enabled else None
            mailer.send(text)
    ''', ["ACK301"])


def test_aexit_that_picks_out_the_cancellation_to_suppress_it():
    # `return exc_type is asyncio.CancelledError` (or `issubclass(..., (CancelledError, ...))`, or `return True`
    # under `if isinstance(exc, CancelledError):`): the manager swallows exactly the cancellation. Look-alikes: a
    # test that names it to let it go, a return True only for other exceptions, a sync `__exit__`.
    check_marked('''
        import asyncio
        from asyncio import CancelledError


        class Quiet:
            async def __aexit__(self, exc_type, exc, tb):
                await self.flush()
                return exc_type is asyncio.CancelledError  # ACK601


        class QuietLogged:
            async def __aexit__(self, exc_type, exc, tb):
                if isinstance(exc, CancelledError):
                    print("cancelled")
                    return True  # ACK601
                return False


        class QuietTuple:
            async def __aexit__(self, *exc_info):
                return issubclass(exc_info[0], (asyncio.CancelledError, TimeoutError))  # ACK601


        class LetsItGo:
            async def __aexit__(self, exc_type, exc, tb):
                if exc_type is asyncio.CancelledError:
                    return False
                return exc_type is not None and issubclass(exc_type, ValueError)


        class AllButCancel:
            async def __aexit__(self, exc_type, exc, tb):
                return exc_type is not None and exc_type is not asyncio.CancelledError


        class SyncExit:
            def __exit__(self, exc_type, exc, tb):
                return exc_type is asyncio.CancelledError
    ''', ["ACK601", "ACK602"])


def test_map_of_a_lambda_that_returns_a_coroutine_thrown_away():
    # `list(map(lambda i: persist(store, i), items))` as a statement: one coroutine per item, none awaited.
    # Look-alikes: the lambda calls a sync function or a method of the item, the map is gathered.
    check_marked('''
        import asyncio


        async def persist(store, item):
            await store.put(item)


        def persist_sync(store, item):
            store.put(item)


        async def save_all(store, items):
            list(map(lambda i: persist(store, i), items))  # ACK301
            list(map(lambda i: persist_sync(store, i), items))
            list(map(lambda i: i.save(), items))
            await asyncio.gather(*map(lambda i: persist(store, i), items))
    ''', ["ACK301"])


def test_queue_subclass_with_no_init_judged_where_it_is_made():
    # `class Mailbox(asyncio.Queue): pass` made once with no maxsize and handed out (`return Mailbox()`), or filled
    # in a loop where it is made: as a plain queue would be. Look-alikes: one made with a size, one whose own
    # method fills it (reported once, at the class), a local queue filled and drained in place.
    check_marked('''
        import asyncio


        class Mailbox(asyncio.Queue):
            pass


        class Inbox(asyncio.Queue):  # ACK501
            def push(self, item):
                self.put_nowait(item)


        class Tagged(asyncio.Queue):
            def tag(self):
                return "t"


        def new_mailbox() -> Mailbox:
            return Mailbox()  # ACK501


        def new_inbox() -> Inbox:
            return Inbox()


        async def feed(reader):
            box = Tagged()  # ACK501
            while True:
                box.put_nowait(await reader())


        async def feed_bounded(reader):
            box = Tagged(10)
            while True:
                await box.put(await reader())


        def drained(items):
            box = Tagged()
            for i in items:
                box.put_nowait(i)
            while not box.empty():
                print(box.get_nowait())
    ''', ["ACK501"])


def test_queue_kept_in_an_aiohttp_app_under_a_key():
    # `app["jobs"] = asyncio.Queue()` then `await request.app["jobs"].put(...)` in a handler: filled per request,
    # read back under the same key on any Application. Look-alikes: a bounded entry, one only drained, a key of a
    # plain dict of the project.
    check_marked('''
        import asyncio

        from aiohttp import web


        def create_app() -> web.Application:
            app = web.Application()
            app["jobs"] = asyncio.Queue()  # ACK501
            app["bounded"] = asyncio.Queue(100)
            app["results"] = asyncio.Queue()
            app.router.add_post("/jobs", submit_job)
            return app


        async def submit_job(request: web.Request) -> web.Response:
            await request.app["jobs"].put(await request.json())
            await request.app["bounded"].put(1)
            return web.Response(status=202)


        async def drain(app: web.Application):
            while True:
                print(await app["results"].get())


        def local_registry():
            registry = {}
            registry["jobs"] = asyncio.Queue()
            return registry
    ''', ["ACK501"])


def test_asynccontextmanager_that_holds_the_lock_its_caller_hands_it():
    # `@asynccontextmanager async def holding(lock): with lock: yield` (or acquire/release around the yield), the
    # lock an untyped parameter: `async with holding(self._lock):` holds the caller's threading lock across the
    # block's awaits. A typed lock is reported in the generator itself, across its `yield`, and at each caller
    # whose block awaits (heldout74: the caller's block is where the loop's other tasks wait). Look-alikes: an
    # asyncio lock handed over, a block that does not await.
    check_marked('''
        import asyncio
        import contextlib
        import threading


        @contextlib.asynccontextmanager
        async def holding(lock):
            with lock:
                yield


        @contextlib.asynccontextmanager
        async def holding_typed(lock: threading.Lock):
            with lock:  # ACK201
                yield


        @contextlib.asynccontextmanager
        async def acquiring(lock):
            lock.acquire()
            try:
                yield
            finally:
                lock.release()


        class Host:
            def __init__(self):
                self._lock = threading.Lock()
                self._alock = asyncio.Lock()

            async def reload(self, loader):
                async with holding(self._lock):  # ACK201
                    self.plugins = await loader()
                async with acquiring(self._lock):  # ACK201
                    self.plugins = await loader()
                async with holding_typed(self._lock):  # ACK201
                    self.plugins = await loader()
                async with holding(self._lock):
                    self.plugins = []
    ''', ["ACK201"])


def test_task_started_from_a_thread_is_one_finding():
    # `asyncio.ensure_future(coro)` (or `asyncio.create_task`) in a thread's code, its handle dropped: the thread
    # has no running loop, so it is ACK402's mistake; ACK302's dropped handle is the same one, not reported again.
    # Look-alike: the same call on the loop's thread is ACK302's.
    check_marked('''
        import asyncio
        import threading


        class SerialLoop:
            def __init__(self, port, handle):
                self.port = port
                self.handle = handle

            def _serial_loop(self):
                while True:
                    frame = self.port.read(64)
                    asyncio.ensure_future(self.handle(frame))  # ACK402

            async def start(self):
                threading.Thread(target=self._serial_loop, daemon=True).start()

            async def on_loop(self, frame):
                asyncio.ensure_future(self.handle(frame))  # ACK302
    ''', ["ACK402", "ACK302"])


def test_queue_sized_by_a_class_constant_read_through_self():
    # `MAXSIZE = 0` in the class body, `asyncio.Queue(maxsize=self.MAXSIZE)`: no bound unless a subclass or an
    # instance sets one. Look-alikes: a positive constant, an instance attribute set from a bounded parameter.
    check_marked('''
        import asyncio


        class ClassSized:
            MAXSIZE = 0

            def __init__(self):
                self.q = asyncio.Queue(maxsize=self.MAXSIZE)  # ACK501

            async def push(self, item):
                await self.q.put(item)


        class ClassSizedOk:
            MAXSIZE = 100

            def __init__(self):
                self.q = asyncio.Queue(maxsize=self.MAXSIZE)

            async def push(self, item):
                await self.q.put(item)


        class Overridden:
            MAXSIZE = 0

            def __init__(self, n=10):
                self.MAXSIZE = n
                self.q = asyncio.Queue(maxsize=self.MAXSIZE)

            async def push(self, item):
                await self.q.put(item)
    ''', ["ACK501"])


def test_queue_filled_once_by_a_lifecycle_hook():
    # `app.on_startup.append(seed)`, `app.add_event_handler("startup", ...)`, `atexit.register(...)`: the hook runs
    # once, so the puts in it are a fixed few, not a callback's per-message stream. Look-alike: a handler registered
    # for messages still fills it per message.
    check_marked('''
        import asyncio
        import atexit

        from aiohttp import web


        async def seed(app: web.Application) -> None:
            app["jobs"].put_nowait("warmup")


        def create_app() -> web.Application:
            app = web.Application()
            app["jobs"] = asyncio.Queue()
            app.on_startup.append(seed)
            return app


        class Hub:
            def __init__(self, server, bus):
                self.events = asyncio.Queue()
                self.audit = asyncio.Queue()  # ACK501
                server.add_event_handler("startup", self._hello)
                atexit.register(self._bye)
                bus.on("message", self._on_message)

            def _hello(self):
                self.events.put_nowait("hello")

            def _bye(self):
                self.events.put_nowait("bye")

            def _on_message(self, msg):
                self.audit.put_nowait(msg)

            async def next_event(self):
                return await self.events.get()

            async def next_audit(self):
                return await self.audit.get()
    ''', ["ACK501"])
