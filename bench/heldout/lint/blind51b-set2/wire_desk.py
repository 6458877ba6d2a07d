"""A newsroom wire desk: agency feeds over websockets and NATS, a classifier on a thread, alerts to editors."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from dataclasses import dataclass

import aio_pika
import culsans
import janus
import nats
from aiostream import pipe, stream

log = logging.getLogger("wire")


@dataclass(frozen=True)
class DeskLimits:  # expect: clean
    story_backlog: int = 0
    alert_backlog: int = 200
    classify_workers: int = 4


LIMITS = DeskLimits()


class StoryQueue(asyncio.Queue):  # expect: unbounded-queue
    """Every story from every agency waits here for the classifier."""

    def __init__(self, limits: DeskLimits = LIMITS) -> None:
        super().__init__(limits.story_backlog)

    def add(self, story: dict) -> None:
        self.put_nowait(story)


class AlertQueue(asyncio.Queue):  # expect: clean  # near: unbounded-queue
    def __init__(self, limits: DeskLimits = LIMITS) -> None:
        super().__init__(limits.alert_backlog)

    def add(self, alert: dict) -> None:
        try:
            self.put_nowait(alert)
        except asyncio.QueueFull:
            log.warning("alert dropped: %s", alert.get("slug"))


class Classifier:  # expect: unbounded-queue
    """The topic model is sync; a thread reads stories from a janus queue and writes labels back."""

    def __init__(self, model) -> None:
        self.model = model
        self.inbox: janus.Queue[dict] = janus.Queue(maxsize=500)
        self.labels: janus.Queue[tuple] = janus.Queue()
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        while True:
            story = self.inbox.sync_q.get()
            self.labels.sync_q.put((story["id"], self.model.predict(story["text"])))


class ClassifierAsyncSide:  # expect: thread-unsafe-capture
    def __init__(self, model) -> None:
        self.model = model
        self.inbox = culsans.Queue(maxsize=500)
        self.labels = culsans.Queue(maxsize=500)
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        while True:
            story = self.inbox.sync_q.get()
            self.labels.async_q.put_nowait((story["id"], self.model.predict(story["text"])))


class AgencySocket:  # expect: unbounded-spawn
    """Each frame from the agency's websocket is parsed and filed in a task of its own."""

    def __init__(self, stories: StoryQueue) -> None:
        self.stories = stories
        self.filing: set[asyncio.Task] = set()

    async def run(self, ws) -> None:
        async for frame in ws:
            task = asyncio.create_task(self.file(frame))
            self.filing.add(task)
            task.add_done_callback(self.filing.discard)

    async def file(self, frame: str) -> None:
        await asyncio.sleep(0)
        self.stories.add({"id": hash(frame), "text": frame})


class AgencySocketBounded:  # expect: clean  # near: unbounded-spawn
    def __init__(self, stories: StoryQueue, limits: DeskLimits = LIMITS) -> None:
        self.stories = stories
        self.slots = asyncio.Semaphore(limits.classify_workers)

    async def run(self, ws) -> None:
        async with asyncio.TaskGroup() as tg:
            async for frame in ws:
                await self.slots.acquire()
                tg.create_task(self.file(frame))

    async def file(self, frame: str) -> None:
        try:
            await asyncio.sleep(0)
            self.stories.add({"id": hash(frame), "text": frame})
        finally:
            self.slots.release()


class NatsWire:  # expect: unbounded-spawn
    def __init__(self, stories: StoryQueue) -> None:
        self.stories = stories
        self.pending: set[asyncio.Task] = set()

    async def start(self, url: str) -> None:
        nc = await nats.connect(url)
        await nc.subscribe("wire.>", cb=self.on_msg)

    async def on_msg(self, msg) -> None:
        t = asyncio.create_task(self.enrich(msg.data))
        self.pending.add(t)
        t.add_done_callback(self.pending.discard)

    async def enrich(self, data: bytes) -> None:
        await asyncio.sleep(0)


class NatsWireInline:  # expect: clean  # near: unbounded-spawn
    def __init__(self, stories: StoryQueue) -> None:
        self.stories = stories

    async def start(self, url: str) -> None:
        nc = await nats.connect(url)
        await nc.subscribe("wire.>", cb=self.on_msg)

    async def on_msg(self, msg) -> None:
        self.stories.add({"id": msg.subject, "text": msg.data.decode()})


class PhotoDesk:  # expect: clean  # near: unbounded-spawn
    """Photos from RabbitMQ; 10 unacked at most, each acked by its task."""

    def __init__(self) -> None:
        self.jobs: set[asyncio.Task] = set()

    async def run(self, url: str) -> None:
        conn = await aio_pika.connect_robust(url)
        channel = await conn.channel()
        await channel.set_qos(prefetch_count=10)
        queue = await channel.declare_queue("photos")
        await queue.consume(self.on_photo)

    async def on_photo(self, message) -> None:
        job = asyncio.create_task(self.process(message))
        self.jobs.add(job)
        job.add_done_callback(self.jobs.discard)

    async def process(self, message) -> None:
        async with message.process():
            await asyncio.sleep(0)


async def translate_all(feed, translate) -> None:  # expect: clean  # near: unbounded-spawn
    results = stream.iterate(feed) | pipe.map(translate, task_limit=8)
    async with results.stream() as translated:
        async for item in translated:
            log.debug("translated %s", item)


@contextlib.asynccontextmanager
async def embargo(story_id: str, registry: dict):  # expect: cancellation-swallowed
    registry[story_id] = "embargoed"
    try:
        yield
    except asyncio.CancelledError:
        log.info("embargo on %s lifted by cancellation", story_id)
    finally:
        registry.pop(story_id, None)


async def publish_when_lifted(story, cms, lifted: asyncio.Event) -> bool:  # expect: cancellation-swallowed
    while not lifted.is_set():
        try:
            await asyncio.wait_for(lifted.wait(), timeout=30)
        except (asyncio.TimeoutError, asyncio.CancelledError):
            log.debug("still embargoed: %s", story.slug)
    await cms.publish(story)
    return True


async def publish_when_lifted_ok(story, cms, lifted: asyncio.Event) -> bool:  # expect: clean  # near: cancellation-swallowed
    while not lifted.is_set():
        try:
            await asyncio.wait_for(lifted.wait(), timeout=30)
        except asyncio.TimeoutError:
            log.debug("still embargoed: %s", story.slug)
    await cms.publish(story)
    return True


class EditorAlerts:  # expect: dangling-task
    def __init__(self, alerts: AlertQueue, notify) -> None:
        self.alerts = alerts
        self.notify = notify

    def on_breaking(self, story: dict) -> None:
        self.alerts.add(story)
        asyncio.get_running_loop().call_soon(asyncio.create_task, self.notify(story))


class EditorAlertsKept:  # expect: clean  # near: dangling-task
    def __init__(self, alerts: AlertQueue, notify) -> None:
        self.alerts = alerts
        self.notify = notify
        self.sending: set[asyncio.Task] = set()

    def on_breaking(self, story: dict) -> None:
        self.alerts.add(story)
        task = asyncio.get_running_loop().create_task(self.notify(story))
        self.sending.add(task)
        task.add_done_callback(self.sending.discard)


class SlugLocks:  # expect: lock-across-await, ?blocking-call
    """Two editors must not rewrite one story's slug at once; the CMS sync thread takes the same lock."""

    def __init__(self, cms) -> None:
        self.cms = cms
        self.lock = threading.Lock()

    async def rename(self, story_id: str, slug: str) -> None:
        if self.lock.acquire(timeout=1):
            try:
                await self.cms.rename(story_id, slug)
            finally:
                self.lock.release()


class SlugLocksAsync:  # expect: clean  # near: lock-across-await
    def __init__(self, cms) -> None:
        self.cms = cms
        self.lock = asyncio.Lock()

    async def rename(self, story_id: str, slug: str) -> None:
        async with self.lock:
            await self.cms.rename(story_id, slug)


class DeskLogFeed(logging.Handler):  # expect: thread-unsafe-capture
    """Warnings of every desk component, the classifier thread's included, scroll on the editors' screen."""

    def __init__(self, screen: asyncio.Queue) -> None:
        super().__init__(logging.WARNING)
        self.screen = screen

    def emit(self, record: logging.LogRecord) -> None:
        with contextlib.suppress(asyncio.QueueFull):
            self.screen.put_nowait(self.format(record))


class DeskLogFeedLoopOnly(logging.Handler):  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, screen: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(logging.WARNING)
        self.screen = screen
        self.loop = loop
        self.loop_thread = threading.get_ident()

    def emit(self, record: logging.LogRecord) -> None:
        if threading.get_ident() == self.loop_thread:
            with contextlib.suppress(asyncio.QueueFull):
                self.screen.put_nowait(self.format(record))
        else:
            self.loop.call_soon_threadsafe(self._show, self.format(record))

    def _show(self, line: str) -> None:
        with contextlib.suppress(asyncio.QueueFull):
            self.screen.put_nowait(line)
