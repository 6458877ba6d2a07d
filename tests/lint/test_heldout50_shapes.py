"""Shapes from heldout50's measurement on web back ends and their workers (FastAPI, Starlette, aiohttp, Sanic,
Quart, Litestar handlers, arq/Celery/APScheduler jobs, admin scripts).

- SQLAlchemy's asyncio session (what a FastAPI dependency hands a handler, what `async_sessionmaker()` makes):
  `session.commit()` without `await` is a dropped coroutine; `session.add(obj)` is a plain method.
- `celery_app.send_task(name, ...)` gives the same result handle as `task.delay()`: its `get()` waits for a worker.
- A broad handler that re-raises everything but cancellation: `if isinstance(exc, asyncio.CancelledError):
  return` before its `raise`, or `if not isinstance(exc, CancelledError): raise` and then carrying on (ACK601/602).
- Starlette's `run_in_threadpool(fn)` (FastAPI's re-export too) runs `fn` on a worker thread (ACK401).
- arq's pool (`await create_pool(...)`, a worker's `ctx["redis"]` declared `ArqRedis`): `enqueue_job()` and redis's
  commands are coroutine functions, as are the job handle's `result()` and `status()` (ACK301).
- Starlette's (FastAPI's) background tasks want the function and its arguments: `add_task(notify(user))` hands
  them a coroutine object they cannot run (ACK301); `add_task(notify, user)` with `async def notify` is right.
- APScheduler's AsyncIOScheduler awaits an async job on the loop but runs a plain function's job in the loop's
  default executor: a plain job that touches an asyncio object is ACK401.
- A plain route handler a framework calls on the loop's thread: Litestar's with `sync_to_thread=False`, Sanic's
  (FastAPI, Starlette and Quart run plain handlers in a thread pool): a blocking call there is ACK1xx.
- A web server's script entry point started from a coroutine (`uvicorn.run`, `web.run_app`, `uvicorn.Server.run`,
  `Sanic.run`): it runs a loop of its own, ACK108.
- An async context manager whose `__aexit__` returns True whatever happened suppresses CancelledError (ACK601).
- A size accessor (`def backlog(self): return self._q.qsize()`) that nothing in the module compares is no
  backpressure on an unbounded queue (ACK501): it is shown, as a logged size is.
"""
from __future__ import annotations

from asynccheck import rules

from .helpers import check_marked

ALL = sorted(rules.BY_CODE)


def test_async_sqlalchemy_session_calls_left_unawaited():
    check_marked('''
        from fastapi import Depends
        from sqlalchemy import select
        from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

        engine = create_async_engine("postgresql+asyncpg://app@db/app")
        Sessions = async_sessionmaker(engine, expire_on_commit=False)

        async def archive_invoice(invoice_id: int, session: AsyncSession = Depends(lambda: None)) -> None:
            invoice = await session.get(Invoice, invoice_id)
            invoice.archived = True
            session.commit()  # ACK301

        async def purge_drafts(author: str) -> int:
            async with Sessions() as s:
                drafts = (await s.scalars(select(Draft).where(Draft.author == author))).all()
                for d in drafts:
                    s.delete(d)  # ACK301
                await s.commit()
            return len(drafts)

        async def vacuum_stats() -> None:
            async with engine.connect() as conn:
                conn.execute(select(1))  # ACK301
            engine.dispose()  # ACK301
    ''', ALL)


def test_async_sqlalchemy_look_alikes():
    check_marked('''
        from sqlalchemy.ext.asyncio import AsyncSession
        from sqlalchemy.orm import Session

        async def add_comment(session: AsyncSession, post_id: int, text: str) -> None:
            # add() and add_all() only register objects with the session: plain methods
            session.add(Comment(post_id=post_id, text=text))
            session.add_all([Mention(post_id=post_id)])
            session.expunge_all()
            await session.commit()

        def add_comment_sync(session: Session, post_id: int, text: str) -> None:
            session.add(Comment(post_id=post_id, text=text))
            session.commit()

        class LedgerSession:
            """A project class whose commit is a plain method."""

            def commit(self) -> None:
                self.flushed = True

        async def close_books(ledger: LedgerSession) -> None:
            ledger.commit()
    ''', ALL)


def test_celery_send_task_result_waited_on_the_loop():
    check_marked('''
        import asyncio
        from celery import Celery

        broker = Celery("billing", broker="amqp://mq//", backend="rpc://")

        async def thumbnail_via_worker(image_id: str) -> str:
            pending = broker.send_task("media.thumbnail", args=[image_id])
            return pending.get(timeout=30)  # ACK106

        async def thumbnail_offloaded(image_id: str) -> str:
            pending = broker.send_task("media.thumbnail", args=[image_id])
            return await asyncio.to_thread(pending.get, timeout=30)

        def thumbnail_blocking(image_id: str) -> str:
            # a plain function: a worker thread or a script calls it
            return broker.send_task("media.thumbnail", args=[image_id]).get(timeout=30)

        async def thumbnail_state(image_id: str) -> str:
            # state only looks at the backend's record of the task
            return broker.send_task("media.thumbnail", args=[image_id]).id
    ''', ALL)


def test_a_size_accessor_nobody_compares_is_no_backpressure():
    check_marked('''
        import asyncio
        import logging

        log = logging.getLogger("metrics")

        class MetricsSink:
            def __init__(self, writer):
                self._writer = writer
                self._points = asyncio.Queue()  # ACK501

            def record(self, point):
                self._points.put_nowait(point)

            def backlog(self) -> int:
                return self._points.qsize()

            async def pump(self):
                while True:
                    point = await self._points.get()
                    await self._writer.send(point)
                    if point.get("flush"):
                        log.info("%d points waiting", self.backlog())
    ''', ALL)


def test_a_size_accessor_look_alikes():
    check_marked('''
        import asyncio

        class GuardedSink:
            """A caller in the module compares what the accessor hands back before it records."""

            def __init__(self, writer, high_water: int = 10_000):
                self._writer = writer
                self._points = asyncio.Queue()
                self.high_water = high_water

            def record(self, point):
                self._points.put_nowait(point)

            @property
            def backlog(self) -> int:
                return self._points.qsize()

            async def pump(self):
                while True:
                    await self._writer.send(await self._points.get())

        async def feed(sink: GuardedSink, points):
            for p in points:
                while sink.backlog >= sink.high_water:
                    await asyncio.sleep(0.1)
                sink.record(p)

        class SizedSink:
            """`len(sink)` is compared under any name: a `__len__` over the queue stays a size check."""

            def __init__(self, writer):
                self._writer = writer
                self._points = asyncio.Queue()

            def record(self, point):
                self._points.put_nowait(point)

            def __len__(self) -> int:
                return self._points.qsize()
    ''', ALL)



def test_starlette_thread_pool_bridge_runs_off_the_loop():
    check_marked('''
        import asyncio
        from fastapi.concurrency import run_in_threadpool
        from starlette import concurrency

        async def thumbnails(paths, made: asyncio.Event):
            def render_all():
                for p in paths:
                    render(p)
                made.set()  # ACK401

            await run_in_threadpool(render_all)

        async def warm(cache, ready: asyncio.Queue):
            await concurrency.run_in_threadpool(lambda: ready.put_nowait(cache.load()))  # ACK401
    ''', ["ACK401", "ACK402"])


def test_starlette_thread_pool_bridge_look_alikes():
    check_marked('''
        import asyncio
        from fastapi.concurrency import run_in_threadpool

        def render_all(paths):
            for p in paths:
                render(p)
            return len(paths)

        async def thumbnails(paths, made: asyncio.Event):
            n = await run_in_threadpool(render_all, paths)
            made.set()
            return n

        async def thumbnails_marshalled(paths, made: asyncio.Event):
            loop = asyncio.get_running_loop()

            def work():
                render_all(paths)
                loop.call_soon_threadsafe(made.set)

            await run_in_threadpool(work)

        class Pool:
            """A project class whose method shares the name: it runs the callable here."""

            async def run_in_threadpool(self, fn):
                return fn()

        async def inline(pool: Pool, made: asyncio.Event):
            await pool.run_in_threadpool(made.set)
    ''', ["ACK401", "ACK402"])


def test_a_handler_that_reraises_all_but_cancellation():
    check_marked('''
        import asyncio
        import logging
        from asyncio import CancelledError

        log = logging.getLogger("uploads")

        async def upload_part(store, part):
            try:
                return await store.put(part)
            except BaseException as err:  # ACK601
                await store.abort(part)
                if isinstance(err, CancelledError):
                    log.info("upload of %s stopped", part)
                    return None
                raise

        async def upload_all(store, parts):
            for part in parts:
                try:
                    await store.put(part)
                except BaseException as err:  # ACK601
                    if type(err) is asyncio.CancelledError:
                        continue
                    raise
            return len(parts)

        async def finish(store, part):
            try:
                await store.commit(part)
            except BaseException as err:  # ACK602
                if not isinstance(err, asyncio.CancelledError):
                    raise
                log.info("commit of %s cancelled; left for the janitor", part)
    ''', ["ACK601", "ACK602"])


def test_a_handler_that_reraises_all_but_cancellation_look_alikes():
    check_marked('''
        import asyncio
        import logging

        log = logging.getLogger("uploads")

        async def upload_part(store, part):
            try:
                return await store.put(part)
            except BaseException as err:
                await store.abort(part)
                if isinstance(err, asyncio.CancelledError):
                    log.info("upload of %s stopped", part)  # then the raise below hands it on
                raise

        async def upload_part_interrupt(store, part):
            try:
                return await store.put(part)
            except BaseException as err:
                if isinstance(err, KeyboardInterrupt):
                    return None
                raise

        async def upload_part_split(store, part):
            try:
                return await store.put(part)
            except BaseException as err:
                if isinstance(err, asyncio.CancelledError):
                    await store.abort(part)
                    raise
                log.exception("upload failed")
                raise

        async def upload_part_errors(store, part):
            try:
                return await store.put(part)
            except Exception as err:
                if isinstance(err, asyncio.TimeoutError):
                    return None
                raise
    ''', ["ACK601", "ACK602"])


def test_arq_pool_calls_left_unawaited():
    check_marked('''
        from arq import create_pool
        from arq.connections import ArqRedis, RedisSettings

        async def schedule_digest(ctx: dict, user_id: int) -> None:
            queue: ArqRedis = ctx["redis"]
            queue.enqueue_job("send_digest", user_id, _defer_by=60)  # ACK301

        async def run_report(name: str) -> bytes:
            pool = await create_pool(RedisSettings(host="cache"))
            job = await pool.enqueue_job("build_report", name)
            job.status()  # ACK301
            return await job.result(timeout=120)
    ''', ["ACK301"])


def test_arq_look_alikes():
    check_marked('''
        from arq.connections import ArqRedis

        async def schedule_digest(ctx: dict, user_id: int) -> None:
            queue: ArqRedis = ctx["redis"]
            await queue.enqueue_job("send_digest", user_id, _defer_by=60)
            pipe = queue.pipeline()
            pipe.incr("digests")  # buffered: the pipeline sends it on execute()
            await pipe.execute()

        class Outbox:
            """A project class whose enqueue_job is a plain method."""

            def enqueue_job(self, name, *args):
                self.pending = (name, args)

        async def later(outbox: Outbox) -> None:
            outbox.enqueue_job("send_digest", 1)
    ''', ["ACK301"])


def test_a_coroutine_handed_to_background_tasks():
    check_marked('''
        from fastapi import BackgroundTasks, FastAPI
        from starlette.background import BackgroundTask
        from starlette.responses import PlainTextResponse

        app = FastAPI()

        async def index_document(doc_id: int) -> None:
            ...

        @app.post("/docs/{doc_id}")
        async def save_document(doc_id: int, tasks: BackgroundTasks):
            tasks.add_task(index_document(doc_id))  # ACK301
            return {"saved": doc_id}

        async def export(doc_id: int):
            return PlainTextResponse("queued", background=BackgroundTask(index_document(doc_id)))  # ACK301
    ''', ["ACK301"])


def test_background_tasks_look_alikes():
    check_marked('''
        import asyncio
        from fastapi import BackgroundTasks
        from starlette.background import BackgroundTask
        from starlette.responses import PlainTextResponse

        async def index_document(doc_id: int) -> None:
            ...

        def write_audit(doc_id: int) -> None:
            ...

        async def save_document(doc_id: int, tasks: BackgroundTasks):
            tasks.add_task(index_document, doc_id)
            tasks.add_task(write_audit, doc_id)
            return PlainTextResponse("ok", background=BackgroundTask(index_document, doc_id))

        class TaskBag:
            """A project class whose add_task takes the coroutine and schedules it."""

            def __init__(self):
                self.tasks = set()

            def add_task(self, coro):
                task = asyncio.ensure_future(coro)
                self.tasks.add(task)
                task.add_done_callback(self.tasks.discard)

        async def save_with_bag(doc_id: int, bag: TaskBag):
            bag.add_task(index_document(doc_id))
    ''', ["ACK301"])


def test_a_plain_job_of_the_asyncio_scheduler_runs_in_a_thread():
    check_marked('''
        import asyncio
        import functools
        from apscheduler.schedulers.asyncio import AsyncIOScheduler

        class CacheWarmer:
            def __init__(self, refresh: asyncio.Event):
                self.refresh = refresh
                self.sched = AsyncIOScheduler(timezone="UTC")
                self.sched.add_job(self.nudge, "interval", minutes=10)

            def nudge(self) -> None:
                self.refresh.set()  # ACK401

        def schedule_flush(sched: AsyncIOScheduler, pending: asyncio.Queue) -> None:
            def enqueue(kind: str) -> None:
                pending.put_nowait(kind)  # ACK401

            sched.add_job(functools.partial(enqueue, "flush"), "cron", minute=0)
    ''', ["ACK401", "ACK402"])


def test_asyncio_scheduler_look_alikes():
    check_marked('''
        import asyncio
        from apscheduler.schedulers.asyncio import AsyncIOScheduler

        class CacheWarmer:
            def __init__(self, refresh: asyncio.Event, pending: asyncio.Queue):
                self.refresh = refresh
                self.pending = pending
                self.sched = AsyncIOScheduler(timezone="UTC")
                self.sched.add_job(self.nudge, "interval", minutes=10)
                self.sched.add_job(self.log_size, "interval", minutes=1)

            async def nudge(self) -> None:
                # a coroutine function's job is awaited on the loop
                self.refresh.set()
                await self.pending.put("flush")

            def log_size(self) -> None:
                print(len(self.__dict__))

        class Planner:
            """A project class whose add_job runs the job here."""

            def add_job(self, func, *args):
                func()

        def plan(planner: Planner, refresh: asyncio.Event) -> None:
            planner.add_job(refresh.set)
    ''', ["ACK401", "ACK402"])


BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108"]


def test_plain_handlers_a_framework_runs_on_the_loop():
    check_marked('''
        import time
        import requests
        from litestar import get, post
        from sanic import Sanic, Blueprint

        shop = Sanic("shop")
        admin = Blueprint("admin", url_prefix="/admin")

        @get("/rates", sync_to_thread=False)
        def rates() -> dict:
            return requests.get("https://fx.example/latest", timeout=3).json()  # ACK102

        @post("/ping", sync_to_thread=False)
        def ping() -> str:
            time.sleep(0.1)  # ACK101
            return "pong"

        @shop.get("/stock/<sku>")
        def stock(request, sku: str):
            return requests.get(f"https://erp.example/stock/{sku}", timeout=3).json()  # ACK102

        @admin.route("/report")
        def report(request):
            with open("/srv/report.txt") as fh:  # ACK103
                return fh.read()  # ACK103
    ''', BLOCKING)


def test_plain_handler_look_alikes():
    check_marked('''
        import time
        import requests
        from fastapi import FastAPI
        from litestar import get
        from quart import Quart

        api = FastAPI()
        web = Quart("web")

        @get("/rates", sync_to_thread=True)
        def rates() -> dict:
            return requests.get("https://fx.example/latest", timeout=3).json()

        @get("/version", sync_to_thread=False)
        def version() -> str:
            return "1.4.2"

        @api.get("/rates")
        def fastapi_rates() -> dict:
            return requests.get("https://fx.example/latest", timeout=3).json()

        @web.route("/rates")
        def quart_rates():
            return requests.get("https://fx.example/latest", timeout=3).json()

        class Router:
            """A project router: its get() registers a function it never calls on a loop."""

            def get(self, path):
                return lambda f: f

        router = Router()

        @router.get("/slow")
        def slow(request):
            time.sleep(1)
    ''', BLOCKING)


def test_a_server_entry_point_started_from_a_coroutine():
    check_marked('''
        import uvicorn
        from aiohttp import web
        from sanic import Sanic

        async def serve_api(app) -> None:
            uvicorn.run(app, port=8080)  # ACK108

        async def serve_ops(app: web.Application) -> None:
            web.run_app(app, port=8081)  # ACK108

        async def serve_custom(app) -> None:
            server = uvicorn.Server(uvicorn.Config(app, port=8082))
            server.run()  # ACK108

        async def serve_sanic() -> None:
            Sanic("edge").run(port=8083)  # ACK108
    ''', BLOCKING)


def test_server_entry_point_look_alikes():
    check_marked('''
        import uvicorn
        from aiohttp import web

        def main(app) -> None:
            uvicorn.run(app, port=8080)

        async def serve_api(app) -> None:
            server = uvicorn.Server(uvicorn.Config(app, port=8080))
            await server.serve()

        async def serve_ops(app: web.Application) -> None:
            runner = web.AppRunner(app)
            await runner.setup()
            await web.TCPSite(runner, port=8081).start()

        class Jobs:
            def run(self) -> None:
                pass

        async def run_jobs(jobs: Jobs) -> None:
            jobs.run()
    ''', BLOCKING)


def test_a_coroutine_function_handed_to_the_thread_pool_bridge():
    check_marked('''
        from fastapi.concurrency import run_in_threadpool

        async def rebuild(index) -> None:
            ...

        async def nightly(index) -> None:
            await run_in_threadpool(rebuild, index)  # ACK301
    ''', ["ACK301"])


def test_a_handler_tested_for_being_async_before_the_thread_pool():
    # one branch awaits the handler, the other hands a plain one to the pool: the test says which it is
    check_marked('''
        import inspect
        from starlette._utils import is_async_callable
        from starlette.concurrency import run_in_threadpool

        class Endpoint:
            async def refuse(self, request):
                return None

            async def dispatch(self, request, name: str):
                handler = getattr(self, name, None) or self.refuse
                ready = is_async_callable(handler)
                if ready:
                    reply = await handler(request)
                else:
                    reply = await run_in_threadpool(handler, request)
                return reply

            async def dispatch_inline(self, request, name: str):
                handler = getattr(self, name, None) or self.refuse
                if not inspect.iscoroutinefunction(handler):
                    return await run_in_threadpool(handler, request)
                return await handler(request)
    ''', ["ACK301"])


def test_an_async_exit_that_suppresses_everything():
    check_marked('''
        class Timed:
            def __init__(self, metrics, name):
                self.metrics, self.name = metrics, name

            async def __aenter__(self):
                await self.metrics.start(self.name)
                return self

            async def __aexit__(self, exc_type, exc, tb):
                await self.metrics.stop(self.name, failed=exc_type is not None)
                return True  # ACK601

        class Guarded:
            async def __aexit__(self, *exc_info) -> bool:
                if exc_info[0] is None:
                    return True
                log_error(exc_info)
                return True  # ACK601
    ''', ["ACK601", "ACK602"])


def test_async_exit_look_alikes():
    check_marked('''
        class Timed:
            async def __aexit__(self, exc_type, exc, tb):
                await self.metrics.stop(self.name)
                return exc_type is not None and issubclass(exc_type, KeyError)

        class Lenient:
            async def __aexit__(self, exc_type, exc, tb):
                if exc_type is not None and issubclass(exc_type, LookupError):
                    return True
                return False

        class Plain:
            async def __aexit__(self, exc_type, exc, tb):
                await self.close()

        class SyncSuppress:
            def __exit__(self, exc_type, exc, tb):
                return True
    ''', ["ACK601", "ACK602"])
