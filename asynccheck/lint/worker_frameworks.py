"""Frameworks that run the plain functions they are handed on worker threads of their own, seen from asyncio.

FastAPI calls a path operation written as a plain `def` in its thread pool (anyio's worker threads), and so does
Starlette a background task that is a plain function (`BackgroundTasks.add_task(f, ...)`, `BackgroundTask(f)`); their
coroutine functions run on the loop. asgiref's `sync_to_async(f)` (and Channels' `database_sync_to_async`) runs `f`
in an executor thread when the wrapper is called, a single shared one when thread-sensitive, never the loop's. A
Celery task's body and the handlers of Celery's worker and task signals run in the worker's pool, which has no
asyncio loop. Loop objects touched there are touched off the loop's thread (ACK401/ACK402). knowledge.py merges
these tables into its own (canonical qualified names, `<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

FASTAPI_APP = "fastapi.FastAPI"
FASTAPI_ROUTER = "fastapi.APIRouter"
_FASTAPI_WHERE = "FastAPI's thread pool (a path operation written as a plain function)"
_FASTAPI_ROUTES = ("get", "post", "put", "patch", "delete", "head", "options", "trace", "api_route")
_BACKGROUND_WHERE = "Starlette's thread pool (a background task that is a plain function)"
_SYNC_TO_ASYNC_WHERE = "a worker thread (`sync_to_async()`)"
_CELERY_WHERE = "a Celery worker's pool (a task's body), where no asyncio loop runs"
_APSCHEDULER_WHERE = "APScheduler's job threads (a job that is a plain function, `@scheduler.scheduled_job`)"
_CELERY_SIGNAL_WHERE = "a Celery worker (a handler of its worker and task signals), where no asyncio loop runs"
# the signals a worker sends from the process or thread that runs tasks (not the client's `before_task_publish`)
_CELERY_SIGNALS = ("task_prerun task_postrun task_success task_failure task_retry task_revoked task_rejected "
                   "task_unknown task_internal_error worker_init worker_ready worker_process_init "
                   "worker_process_shutdown worker_shutting_down worker_shutdown heartbeat_sent").split()

CANONICAL: Dict[str, str] = {
    "fastapi.applications.FastAPI": FASTAPI_APP,
    "fastapi.routing.APIRouter": FASTAPI_ROUTER,
    "celery.app.base.Celery": "celery.Celery",
}

# Decorators that register a plain function the framework calls on a worker thread: decorator -> where it runs.
THREAD_HANDLER_DECORATORS: Dict[str, str] = {
    **{f"{owner}.{how}": _FASTAPI_WHERE for owner in (FASTAPI_APP, FASTAPI_ROUTER) for how in _FASTAPI_ROUTES},
    "celery.Celery.task": _CELERY_WHERE,
    "celery.shared_task": _CELERY_WHERE,
    **{f"celery.signals.{signal}.connect": _CELERY_SIGNAL_WHERE for signal in _CELERY_SIGNALS},
    # APScheduler's `@scheduler.scheduled_job(...)` is `add_job` as a decorator: the background and blocking
    # schedulers run every job in their thread pool, the asyncio one a plain function's in the loop's executor
    **{f"apscheduler.schedulers.{kind}.scheduled_job": _APSCHEDULER_WHERE
       for kind in ("background.BackgroundScheduler", "blocking.BlockingScheduler", "asyncio.AsyncIOScheduler")},
}
# Calls that hand a callable to such a thread: callable -> (position, keyword) of the callable.
THREAD_ENTRY: Dict[str, Tuple[int, str]] = {
    "starlette.background.BackgroundTasks.add_task": (0, "func"),
    "starlette.background.BackgroundTask": (0, "func"),
    "asgiref.sync.sync_to_async": (0, "func"),
    "asgiref.sync.SyncToAsync": (0, "func"),
    "channels.db.database_sync_to_async": (0, "func"),
}
THREAD_ENTRY_WHERE: Dict[str, str] = {
    "starlette.background.BackgroundTasks.add_task": _BACKGROUND_WHERE,
    "starlette.background.BackgroundTask": _BACKGROUND_WHERE,
    **{name: _SYNC_TO_ASYNC_WHERE for name in ("asgiref.sync.sync_to_async", "asgiref.sync.SyncToAsync",
                                               "channels.db.database_sync_to_async")},
}
# Of those, the ones that await a coroutine function they are handed instead (a background task), so handing one
# over is no dropped coroutine.
AWAITS_COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset({"starlette.background.BackgroundTasks.add_task",
                                                        "starlette.background.BackgroundTask"})
