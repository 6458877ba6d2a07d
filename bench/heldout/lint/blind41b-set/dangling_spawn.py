"""Background work of a bot framework and a metrics SDK: tasks started from many places."""
from __future__ import annotations

import asyncio
import functools
import logging
import weakref
from asyncio import ensure_future

log = logging.getLogger("bot")

_tasks: set[asyncio.Future] = set()


def fire(coro) -> asyncio.Task:  # expect: clean  # near: dangling-task
    # the helper returns the task: whether it dangles depends on each caller
    return asyncio.get_running_loop().create_task(coro)


def fire_tracked(coro) -> asyncio.Task:  # expect: clean  # near: dangling-task
    task = asyncio.create_task(coro)
    _tasks.add(task)
    task.add_done_callback(_tasks.discard)
    return task


async def on_message(bot, msg) -> None:  # expect: dangling-task
    if msg.text.startswith("/stats"):
        fire(bot.reply_stats(msg.chat_id))
    await bot.mark_read(msg)


async def on_message_tracked(bot, msg) -> None:  # expect: clean  # near: dangling-task
    if msg.text.startswith("/stats"):
        fire_tracked(bot.reply_stats(msg.chat_id))
    await bot.mark_read(msg)


async def on_join(bot, member) -> None:  # expect: dangling-task
    loop = asyncio.get_running_loop()
    loop.create_task(bot.send_welcome(member))


async def on_leave(bot, member) -> None:  # expect: dangling-task
    ensure_future(bot.archive_history(member))


async def on_leave_awaited(bot, member) -> None:  # expect: clean  # near: dangling-task
    fut = ensure_future(bot.archive_history(member))
    await bot.say_goodbye(member)
    await fut


async def refresh_all(bot, chats) -> None:  # expect: dangling-task
    for chat in chats:
        t = asyncio.create_task(bot.refresh(chat))
        log.debug("refresh scheduled for %s: %r", chat, t)


async def refresh_all_gathered(bot, chats) -> None:  # expect: clean  # near: dangling-task
    pending = []
    for chat in chats:
        t = asyncio.create_task(bot.refresh(chat))
        pending.append(t)
    await asyncio.gather(*pending)


class Heartbeat:  # expect: dangling-task
    def __init__(self, client, every: float = 15.0):
        self.client = client
        self.every = every
        asyncio.get_event_loop().create_task(self._beat())

    async def _beat(self) -> None:
        while True:
            await self.client.ping()
            await asyncio.sleep(self.every)


class HeartbeatOwned:  # expect: clean  # near: dangling-task
    def __init__(self, client, every: float = 15.0):
        self.client = client
        self.every = every
        self._task = asyncio.get_event_loop().create_task(self._beat())

    async def _beat(self) -> None:
        while True:
            await self.client.ping()
            await asyncio.sleep(self.every)

    async def close(self) -> None:
        self._task.cancel()


class Connection:  # expect: dangling-task
    def __init__(self, transport):
        self.transport = transport

    async def aclose(self) -> None:
        await self.transport.close()

    def __del__(self):
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        loop.create_task(self.aclose())


class MetricsFlusher:  # expect: dangling-task
    def __init__(self, sink):
        self.sink = sink
        self.buffer: list = []

    async def _flush(self, batch) -> None:
        await self.sink.write(batch)

    def record(self, point) -> None:
        self.buffer.append(point)
        if len(self.buffer) >= 100:
            batch, self.buffer = self.buffer, []
            asyncio.ensure_future(self._flush(batch))


async def download_with_progress(client, url, on_done) -> None:  # expect: dangling-task
    fut = asyncio.ensure_future(client.download(url))
    # the callback starts the follow-up step and nobody keeps it
    fut.add_done_callback(lambda f: asyncio.create_task(on_done(f.result())))
    await fut


async def chain_steps(client, url, on_done) -> None:  # expect: clean  # near: dangling-task
    body = await client.download(url)
    await on_done(body)


class Scheduler:  # expect: dangling-task
    def __init__(self):
        self._loop = asyncio.get_event_loop()

    def _run_job(self, job) -> None:
        self._loop.create_task(job.run())

    def schedule(self, job, delay: float) -> None:
        self._loop.call_later(delay, self._run_job, job)


class SchedulerKept:  # expect: clean  # near: dangling-task
    def __init__(self):
        self._loop = asyncio.get_event_loop()
        self._running: set[asyncio.Task] = set()

    def _run_job(self, job) -> None:
        task = self._loop.create_task(job.run())
        self._running.add(task)
        task.add_done_callback(self._running.discard)

    def schedule(self, job, delay: float) -> None:
        self._loop.call_later(delay, self._run_job, job)


async def start_pollers(sources) -> None:  # expect: dangling-task
    spawn = functools.partial(asyncio.create_task, name="poller")
    for src in sources:
        spawn(src.poll_forever())


async def start_pollers_kept(sources) -> list:  # expect: clean  # near: dangling-task
    return [asyncio.create_task(src.poll_forever(), name=f"poll-{src}") for src in sources]


def submit_from_thread(loop: asyncio.AbstractEventLoop, coro) -> None:  # expect: ?dangling-task
    # result (and any exception) is dropped on the floor
    asyncio.run_coroutine_threadsafe(coro, loop)


def submit_from_thread_wait(loop: asyncio.AbstractEventLoop, coro, timeout: float = 5.0):  # expect: clean  # near: dangling-task
    return asyncio.run_coroutine_threadsafe(coro, loop).result(timeout)


class Registry:  # expect: clean  # near: dangling-task
    """Keeps its tasks in a WeakSet *and* a strong list — the list is what keeps them alive."""

    def __init__(self):
        self._strong: list[asyncio.Task] = []
        self._index: weakref.WeakSet = weakref.WeakSet()

    def start(self, coro) -> None:
        task = asyncio.create_task(coro)
        self._strong.append(task)
        self._index.add(task)


class WeakRegistry:  # expect: dangling-task
    def __init__(self):
        self._index: weakref.WeakSet = weakref.WeakSet()

    def start(self, coro) -> None:
        task = asyncio.create_task(coro)
        self._index.add(task)
