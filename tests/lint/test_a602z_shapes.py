"""ACK602 task roots on the shapes real libraries left (a602z): tasks whose handles only ever meet `asyncio.gather`
or `asyncio.shield` (a shard's join, a worker's wait_all_completed). `gather` raises its waiter's CancelledError
once its tasks are done whether they swallowed theirs or not, and `shield` never passes the cancel on: the tasks'
swallowing costs their waiters nothing. A plain `await` or `wait_for` on the handle still relies on it."""
from __future__ import annotations

from .helpers import check_marked

CODES = ["ACK601", "ACK602"]

SHIELDED_JOIN = '''
import asyncio


async def first_completed(*aws):
    done, pending = await asyncio.wait([asyncio.ensure_future(a) for a in aws], return_when=asyncio.FIRST_COMPLETED)
    for p in pending:
        p.cancel()


class Shard:
    async def start(self):
        self._ready = asyncio.Event()
        keep_alive = asyncio.create_task(self._keep_alive())
        await first_completed(self._ready.wait(), asyncio.shield(keep_alive))
        self._keep_alive_task = keep_alive

    async def join(self):
        await asyncio.wait_for(asyncio.shield(self._keep_alive_task), timeout=None)

    async def _keep_alive(self):
        while True:
            try:
                await asyncio.sleep(30)
            except asyncio.CancelledError:
                return
'''


def test_a_task_only_joined_through_shield():
    """hikari's shard: started, raced against a handshake through `shield`, joined through `shield`: nobody's cancel
    reaches the task through its waiters, so its swallow (how it ends when its owner cancels it) costs them none."""
    check_marked(SHIELDED_JOIN, CODES)


def test_a_task_joined_plainly_stays_reported():
    source = SHIELDED_JOIN.replace("await asyncio.wait_for(asyncio.shield(self._keep_alive_task), timeout=None)",
                                   "await self._keep_alive_task").replace(
        "            except asyncio.CancelledError:\n", "            except asyncio.CancelledError:  # ACK602\n")
    assert source.count("# ACK602") == 1
    check_marked(source, CODES)


GATHERED = '''
import asyncio


class Worker:
    def __init__(self):
        self._running = {}

    def handle(self, token, request):
        self._running[token] = asyncio.create_task(self._run(request))

    async def wait_all_completed(self):
        await asyncio.gather(*self._running.values(), return_exceptions=True)

    async def _run(self, request):
        try:
            await request.execute()
        except asyncio.CancelledError:  # gathered only: the gather raises its waiter's cancel anyway
            await request.ack_cancel()
'''


def test_tasks_only_gathered():
    """temporalio's worker: the running tasks are gathered at shutdown; a cancel of the gatherer still comes out of
    the `gather` as CancelledError after the tasks have swallowed theirs (CPython's gather, since 3.8)."""
    check_marked(GATHERED, CODES)


def test_tasks_waited_with_a_timeout_stay_reported():
    """`wait_for` comes back with what the task returns: on its timeout the swallowing task makes it return None
    instead of raising TimeoutError, also inside a gather."""
    marked = GATHERED.replace("        except asyncio.CancelledError:  # gathered only: the gather raises its waiter's "
                              "cancel anyway\n", "        except asyncio.CancelledError:  # ACK602\n")
    assert marked != GATHERED
    for wait in ("await asyncio.wait_for(self._running[token], 5)",
                 "await asyncio.gather(asyncio.wait_for(self._running[token], 5))",
                 "await self._running[token]"):
        source = marked.replace(
            "    async def wait_all_completed(self):\n",
            f"    async def result(self, token):\n        return {wait}\n\n    async def wait_all_completed(self):\n")
        check_marked(source, CODES)


def test_a_project_method_named_gather_is_no_gather():
    """`self.gather(...)` of the project's own class is no `asyncio.gather`; the handles are handed to a call, where
    the linter does not follow them (a602x): no awaiter in sight, nothing reported (a look, as `await
    helper(task)`)."""
    source = GATHERED.replace("await asyncio.gather(*self._running.values(), return_exceptions=True)",
                              "await self.joined()").replace(
        "        except asyncio.CancelledError:  # gathered only: the gather raises its waiter's cancel anyway\n",
        "        except asyncio.CancelledError:  # handed to a call: no awaiter in sight\n") + '''
    def joined(self):
        return self.gather(*self._running.values())

    async def gather(self, *tasks):
        for task in tasks:
            await task
'''
    check_marked(source, CODES)


SHUTDOWN_RACE = '''
import asyncio


class Worker:
    async def run(self, workers):
        async def raise_on_shutdown():
            try:
                await self._shutdown_event.wait()
                raise RuntimeError("shutdown requested")
            except asyncio.CancelledError:
                pass

        tasks = {None: asyncio.create_task(raise_on_shutdown())}
        for worker in workers:
            tasks[worker] = asyncio.create_task(worker.run())
        waiting = asyncio.wait(tasks.values(), return_when=asyncio.FIRST_EXCEPTION)
        await waiting
        tasks[None].cancel()
        await asyncio.wait(tasks.values())
'''


def test_a_task_kept_in_a_dict_literal_and_only_waited():
    """temporalio's worker: the shutdown watcher kept under a key of a dict literal, raced with `asyncio.wait`
    (which cancels nothing), cancelled through its key and waited for again: its owner ends it."""
    check_marked(SHUTDOWN_RACE, CODES)


def test_a_task_kept_in_a_dict_literal_and_awaited_stays_reported():
    marked = SHUTDOWN_RACE.replace("            except asyncio.CancelledError:\n",
                                   "            except asyncio.CancelledError:  # ACK602\n")
    source = marked.replace("        tasks[None].cancel()\n        await asyncio.wait(tasks.values())\n",
                            "        await tasks[None]\n")
    assert source != marked
    check_marked(source, CODES)
    # handed back to a caller the module cannot follow: no awaiter in sight (a602x)
    source = SHUTDOWN_RACE.replace("        tasks[None].cancel()\n        await asyncio.wait(tasks.values())\n",
                                   "        return self.wait(tasks.values())\n")
    check_marked(source, CODES)


MADE_THEN_SPAWNED = '''
import asyncio


class Handler:
    def __init__(self):
        self.tasks = {}

    async def handle_start(self, operation_id, query):
        result_handler = self.handle_async_results(operation_id, query)
        self.tasks[operation_id] = asyncio.create_task(result_handler)

    async def handle_stop(self, operation_id):
        task = self.tasks.pop(operation_id, None)
        if task is not None:
            task.cancel()

    async def handle_async_results(self, operation_id, query):
        try:
            async for result in self.execute(query):
                await self.send(operation_id, result)
        except asyncio.CancelledError:
            await self.send(operation_id, "complete")
'''


def test_a_coroutine_made_into_a_local_then_spawned():
    """strawberry's graphql-ws handler: the coroutine is made into a local read only by `create_task`, a task its
    stop message cancels: the same task root as `create_task(self.handle_async_results(...))`."""
    check_marked(MADE_THEN_SPAWNED, CODES)


def test_a_coroutine_local_read_twice_stays_reported():
    """The coroutine function awaited elsewhere: a caller waits on it. A local kept besides (`self.last =
    result_handler`) goes where the linter does not follow: no awaiter in sight (a602x)."""
    marked = MADE_THEN_SPAWNED.replace("        except asyncio.CancelledError:\n",
                                       "        except asyncio.CancelledError:  # ACK602\n")
    for source, extra in ((marked, "        await self.handle_async_results(operation_id, query)\n"),
                          (MADE_THEN_SPAWNED, "        self.last = result_handler\n")):
        source = source.replace("        self.tasks[operation_id] = asyncio.create_task(result_handler)\n",
                                "        self.tasks[operation_id] = asyncio.create_task(result_handler)\n" + extra)
        check_marked(source, CODES)


SWAPPED_OUT = '''
import asyncio


class FlightRecorder:
    def __init__(self, timeout):
        self.timeout = timeout
        self._fut = None

    def activate(self):
        self._fut = asyncio.ensure_future(self._waiting())

    def cancel(self):
        fut, self._fut = self._fut, None
        if fut is not None:
            fut.cancel()

    async def _waiting(self):
        try:
            await asyncio.sleep(self.timeout)
        except asyncio.CancelledError:
            pass
        else:
            self.blush()
'''


def test_a_handle_swapped_out_by_a_parallel_assignment_and_cancelled():
    """mode's flight recorder: `fut, self._fut = self._fut, None`, then `fut.cancel()`: the local takes the handle
    over, and only the owner's cancel reaches the timer task."""
    check_marked(SWAPPED_OUT, CODES)


def test_a_handle_swapped_out_and_awaited_stays_reported():
    source = SWAPPED_OUT.replace("            fut.cancel()\n", "            await fut\n").replace(
        "    def cancel(self):\n", "    async def cancel(self):\n").replace(
        "        except asyncio.CancelledError:\n", "        except asyncio.CancelledError:  # ACK602\n")
    check_marked(source, CODES)
    returned = SWAPPED_OUT.replace("        fut, self._fut = self._fut, None\n",
                                   "        fut, self._fut = self._fut, None\n        return fut\n")
    check_marked(returned, CODES)  # handed back where the linter does not follow: no awaiter in sight (a602x)


SCHEDULED = '''
import asyncio

from apscheduler.schedulers.asyncio import AsyncIOScheduler


async def _pull_models(server):
    try:
        await server.pull()
    except asyncio.CancelledError:  # APScheduler's executor cancels its job tasks at shutdown, awaits none
        print("stopping model pulling")


def schedule(server, scheduler: AsyncIOScheduler):
    scheduler.add_job(_pull_models, "interval", seconds=10, args=[server])
'''


def test_a_coroutine_job_of_apscheduler_is_a_task_root():
    """rasa's model puller: APScheduler 3's asyncio executor runs a coroutine job as a task it keeps, cancels at
    shutdown and never awaits."""
    check_marked(SCHEDULED, CODES)


def test_a_project_add_job_is_no_scheduler():
    """The project's own `add_job` is no scheduler; the coroutine function handed to it by reference goes where the
    linter does not follow (a602x): no awaiter in sight, nothing reported."""
    source = SCHEDULED.replace("from apscheduler.schedulers.asyncio import AsyncIOScheduler\n", '''
class AsyncIOScheduler:
    async def add_job(self, func, *args, **kwargs):
        await func(*kwargs["args"])
''').replace("    except asyncio.CancelledError:  # APScheduler's executor cancels its job tasks at shutdown, awaits none\n",
             "    except asyncio.CancelledError:  # handed to a call by reference\n")
    check_marked(source, CODES)


SCHEDULED_EVENT = '''
import asyncio


class Client:
    async def _run_event(self, coro, event_name, *args):
        try:
            await coro(*args)
        except asyncio.CancelledError:  # each caller of _schedule_event drops the task: only its owner cancels it
            pass
        except Exception:
            await self.on_error(event_name, *args)

    def _schedule_event(self, coro, event_name, *args):
        wrapped = self._run_event(coro, event_name, *args)
        return self.loop.create_task(wrapped, name=f"client: {event_name}")

    def dispatch(self, event, *args):
        for coro in self._listeners.get(event, ()):
            self._schedule_event(coro, event, *args)
'''


def test_a_task_returned_to_callers_that_all_drop_it():
    """discord.py's event dispatch: `_schedule_event` returns the task it starts, and every call of it (a private
    name) is a statement of its own: the task is dropped, a root only its owner (the loop's shutdown) cancels."""
    check_marked(SCHEDULED_EVENT, CODES)


def test_a_task_returned_to_a_caller_that_keeps_it_is_quiet():
    """A task handed back to a caller that keeps it, or awaits it: where the handle goes through a return the linter
    does not follow (a602x), so no awaiter is in sight."""
    marked = SCHEDULED_EVENT
    for keeps in ("            task = self._schedule_event(coro, event, *args)\n",
                  "            self.handlers.append(self._schedule_event)\n"):
        check_marked(marked + "\n    async def wait_for_event(self, coro, event, *args):\n"
                     + keeps.replace("            ", "        ") + "        await task\n"
                     if "task =" in keeps else marked + "\n    def keep(self):\n" + keeps.replace("            ", "        "),
                     CODES)
    public = marked.replace("_schedule_event", "schedule_event")
    check_marked(public, CODES)


KEPT_IN_A_RECORD = '''
import asyncio
from dataclasses import dataclass


@dataclass
class _Running:
    task: asyncio.Task
    reason: str = ""

    def cancel(self, reason):
        self.reason = reason
        self.task.cancel()


class Worker:
    def __init__(self):
        self._running = {}

    def handle(self, token, request):
        task = asyncio.create_task(self._run(request))
        self._running[token] = _Running(task)

    def cancel(self, token):
        running = self._running.get(token)
        if running:
            running.cancel("asked")

    async def wait_all_completed(self):
        await asyncio.gather(*[r.task for r in self._running.values()], return_exceptions=True)

    async def _run(self, request):
        try:
            await request.execute()
        except asyncio.CancelledError:  # its record's cancel() is its owner's
            await request.ack_cancel()
'''


def test_a_task_kept_in_a_record_of_the_module():
    """temporalio's nexus worker: the task is kept in a dataclass record whose `cancel()` cancels it, and the
    records' tasks are only gathered: the record's field holds it like an attribute of the owner would."""
    check_marked(KEPT_IN_A_RECORD, CODES)
    plain = KEPT_IN_A_RECORD.replace("@dataclass\nclass _Running:\n    task: asyncio.Task\n    reason: str = \"\"\n",
                                     "class _Running:\n    def __init__(self, task):\n        self.task = task\n"
                                     "        self.reason = \"\"\n")
    assert plain != KEPT_IN_A_RECORD
    check_marked(plain, CODES)


def test_a_task_kept_in_a_record_and_awaited_stays_reported():
    marked = KEPT_IN_A_RECORD.replace("        except asyncio.CancelledError:  # its record's cancel() is its owner's\n",
                                      "        except asyncio.CancelledError:  # ACK602\n")
    awaited = marked.replace("            running.cancel(\"asked\")\n", "            await running.task\n").replace(
        "    def cancel(self, token):\n", "    async def cancel(self, token):\n")
    check_marked(awaited, CODES)
    foreign = KEPT_IN_A_RECORD.replace("        self._running[token] = _Running(task)\n",
                                       "        self._running[token] = Record(task)\n")  # a class the module cannot read
    check_marked(foreign, CODES)  # no awaiter in sight (a602x)
