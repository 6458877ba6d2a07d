"""A newsroom's publishing service: wire ingest, photo processing and the live blog, where threads, tasks and
locks meet."""
from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import logging
import subprocess
import threading
import time

import boto3
import psycopg2
import requests

log = logging.getLogger("newsroom")


class WireTap:  # expect: thread-unsafe-capture
    """A vendor's wire feed arrives on a pipe read by a thread; stories go straight to the live blog's socket."""

    def __init__(self, writer: asyncio.StreamWriter, cmd: list[str]) -> None:
        self.writer = writer
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.writer.write(line)

    async def start(self) -> None:
        await asyncio.to_thread(self._pump)


class WireTapSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, writer: asyncio.StreamWriter, cmd: list[str]) -> None:
        self.writer = writer
        self.cmd = cmd

    async def start(self) -> None:
        proc = await asyncio.create_subprocess_exec(*self.cmd, stdout=asyncio.subprocess.PIPE)
        assert proc.stdout is not None
        async for line in proc.stdout:
            self.writer.write(line)
            await self.writer.drain()


class EmbargoWatch:  # expect: thread-unsafe-capture
    def __init__(self, publish_task: asyncio.Task) -> None:
        self.publish_task = publish_task

    def _lift(self) -> None:
        self.publish_task.cancel()

    async def arm(self, seconds: float) -> None:
        threading.Timer(seconds, self._lift).start()


class EmbargoWatchSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, publish_task: asyncio.Task) -> None:
        self.publish_task = publish_task

    async def arm(self, seconds: float) -> None:
        asyncio.get_running_loop().call_later(seconds, self.publish_task.cancel)


class PressRun:  # expect: thread-unsafe-capture
    """The print deadline stops the publishing loop, whatever it is doing."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop

    def arm_deadline(self, seconds: float) -> None:
        threading.Timer(seconds, self.loop.stop).start()


class PressRunSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop

    def arm_deadline(self, seconds: float) -> None:
        threading.Timer(seconds, self.loop.call_soon_threadsafe, args=(self.loop.stop,)).start()


class DraftsFlusher:  # expect: clean, ?thread-unsafe-capture  # near: thread-unsafe-capture
    """Drafts left in memory are queued for the next start when the process exits (the loop is gone by then)."""

    def __init__(self) -> None:
        self.pending: asyncio.Queue[str] = asyncio.Queue(maxsize=100)
        atexit.register(self._dump)

    def _dump(self) -> None:
        with open("/var/lib/newsroom/drafts.txt", "a") as fh:
            while not self.pending.empty():
                fh.write(self.pending.get_nowait() + "\n")


class PhotoDesk:  # expect: blocking-call
    def __init__(self, bucket: str) -> None:
        self.s3 = boto3.client("s3")
        self.bucket = bucket

    async def publish(self, key: str, data: bytes) -> str:
        self.s3.put_object(Bucket=self.bucket, Key=key, Body=data)
        return f"https://{self.bucket}.s3.amazonaws.com/{key}"


class PhotoDeskOffloaded:  # expect: clean  # near: blocking-call
    def __init__(self, bucket: str) -> None:
        self.s3 = boto3.client("s3")
        self.bucket = bucket

    async def publish(self, key: str, data: bytes) -> str:
        await asyncio.to_thread(self.s3.put_object, Bucket=self.bucket, Key=key, Body=data)
        return f"https://{self.bucket}.s3.amazonaws.com/{key}"


async def fetch_wire(url: str) -> dict:  # expect: blocking-call
    for _ in range(3):
        resp = requests.get(url, timeout=5)
        if resp.ok:
            return resp.json()
        time.sleep(1)
    return {}


def archive_story(dsn: str, story: dict) -> None:  # expect: clean  # near: blocking-call
    with psycopg2.connect(dsn) as conn, conn.cursor() as cur:
        cur.execute("INSERT INTO stories (slug, body) VALUES (%s, %s)", (story["slug"], story["body"]))


async def file_story(dsn: str, story: dict) -> None:  # expect: clean  # near: blocking-call
    await asyncio.get_running_loop().run_in_executor(None, archive_story, dsn, story)


async def notify_editors(editors, story) -> None:  # expect: clean
    for editor in editors:
        await editor.ping(story["slug"])


class LiveBlog:  # expect: dangling-task
    def __init__(self, editors) -> None:
        self.editors = editors

    async def post(self, story: dict) -> None:
        log.info("posting %s", story["slug"])
        asyncio.get_running_loop().create_task(notify_editors(self.editors, story))


class LiveBlogTracked:  # expect: clean  # near: dangling-task
    def __init__(self, editors) -> None:
        self.editors = editors
        self._notifications: set[asyncio.Task] = set()

    async def post(self, story: dict) -> None:
        log.info("posting %s", story["slug"])
        t = asyncio.get_running_loop().create_task(notify_editors(self.editors, story))
        self._notifications.add(t)
        t.add_done_callback(self._notifications.discard)


async def correct_story(cms, slug: str, text: str) -> None:  # expect: unawaited-coroutine
    story = await cms.load(slug)
    story["body"] = text
    notify_editors(cms.editors, story)
    await cms.save(story)


async def correct_story_later(cms, slug: str, text: str) -> None:  # expect: clean  # near: unawaited-coroutine
    story = await cms.load(slug)
    story["body"] = text
    pending = notify_editors(cms.editors, story)
    await cms.save(story)
    await pending


class Syndication:  # expect: lock-across-await
    def __init__(self, partners) -> None:
        self.partners = partners
        self._sent_lock = threading.Lock()
        self.sent: set[str] = set()

    async def syndicate(self, story: dict) -> None:
        with self._sent_lock:
            if story["slug"] in self.sent:
                return
            for partner in self.partners:
                await partner.push(story)
            self.sent.add(story["slug"])


class SyndicationReserved:  # expect: clean  # near: lock-across-await
    def __init__(self, partners) -> None:
        self.partners = partners
        self._sent_lock = threading.Lock()
        self.sent: set[str] = set()

    async def syndicate(self, story: dict) -> None:
        with self._sent_lock:
            if story["slug"] in self.sent:
                return
            self.sent.add(story["slug"])
        for partner in self.partners:
            await partner.push(story)


class TranscodeFarm:  # expect: thread-unsafe-capture
    def __init__(self, workers: int = 4) -> None:
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=workers)
        self.finished: asyncio.Queue[str] = asyncio.Queue(maxsize=64)

    def _transcode(self, path: str) -> None:
        subprocess.run(["ffmpeg", "-i", path, path + ".mp4"], check=True)
        self.finished.put_nowait(path)

    async def submit(self, path: str) -> None:
        self.pool.submit(self._transcode, path)


class TranscodeFarmSafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, workers: int = 4) -> None:
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=workers)
        self.finished: asyncio.Queue[str] = asyncio.Queue(maxsize=64)

    def _transcode(self, path: str) -> str:
        subprocess.run(["ffmpeg", "-i", path, path + ".mp4"], check=True)
        return path

    async def submit(self, path: str) -> None:
        done = await asyncio.get_running_loop().run_in_executor(self.pool, self._transcode, path)
        await self.finished.put(done)


async def headline_ticker(source, out) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            headline = await source.next_headline()
        except (asyncio.CancelledError, Exception) as exc:
            log.warning("ticker hiccup: %r", exc)
            continue
        await out.show(headline)


async def headline_ticker_errors(source, out) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        try:
            headline = await source.next_headline()
        except Exception as exc:
            log.warning("ticker hiccup: %r", exc)
            continue
        await out.show(headline)


async def publish_edition(pages, printer) -> str:  # expect: cancellation-swallowed
    status = "pending"
    try:
        for page in pages:
            await printer.send(page)
        status = "sent"
    finally:
        await printer.close()
        return status


async def publish_edition_ok(pages, printer) -> str:  # expect: clean  # near: cancellation-swallowed
    status = "pending"
    try:
        for page in pages:
            await printer.send(page)
        status = "sent"
    finally:
        await printer.close()
    return status
