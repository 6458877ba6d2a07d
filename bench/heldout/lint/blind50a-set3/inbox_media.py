"""Inbox-to-podcast: attachments fetched over IMAP become episodes; transcoded, tagged and announced by mail."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from email.message import EmailMessage
from pathlib import Path
from typing import AsyncIterator, Optional

import aioimaplib
import aiosmtplib
import torch
from PIL import Image, ImageFont
from transformers import pipeline

log = logging.getLogger("podcast")
ART = Path("/srv/podcast/art")


class AttachmentSource:  # expect: unawaited-coroutine
    def __init__(self, host: str) -> None:
        self.imap = aioimaplib.IMAP4_SSL(host=host)

    async def open(self, user: str, password: str) -> None:
        await self.imap.wait_hello_from_server()
        await self.imap.login(user, password)
        await self.imap.select("Podcast")

    async def mark_done(self, uid: str) -> None:
        self.imap.uid("store", uid, "+FLAGS", "(\\Seen)")


class Announcer:  # expect: unawaited-coroutine
    async def announce(self, title: str, to: str) -> None:
        msg = EmailMessage()
        msg["To"], msg["Subject"] = to, f"New episode: {title}"
        msg.set_content(title)
        async with aiosmtplib.SMTP(hostname="smtp.internal", port=587, start_tls=True) as smtp:
            smtp.send_message(msg)


class AnnouncerOk:  # expect: clean  # near: unawaited-coroutine
    async def announce(self, title: str, to: str) -> None:
        msg = EmailMessage()
        msg["To"], msg["Subject"] = to, f"New episode: {title}"
        msg.set_content(title)
        async with aiosmtplib.SMTP(hostname="smtp.internal", port=587, start_tls=True) as smtp:
            await smtp.send_message(msg)


async def encode_episode(src: Path, dest: Path) -> int:  # expect: unawaited-coroutine
    proc = await asyncio.create_subprocess_exec("ffmpeg", "-y", "-i", str(src), "-b:a", "96k", str(dest))
    try:
        return await asyncio.wait_for(proc.wait(), timeout=600)
    except asyncio.TimeoutError:
        proc.kill()
        proc.wait()
        return -1


async def encode_episode_ok(src: Path, dest: Path) -> int:  # expect: clean  # near: unawaited-coroutine
    proc = await asyncio.create_subprocess_exec("ffmpeg", "-y", "-i", str(src), "-b:a", "96k", str(dest))
    try:
        return await asyncio.wait_for(proc.wait(), timeout=600)
    except asyncio.TimeoutError:
        proc.kill()
        await proc.wait()
        return -1


async def cover_art(title: str) -> Path:  # expect: blocking-call
    font = ImageFont.truetype(str(ART / "Inter.ttf"), 64)
    img = Image.new("RGB", (1400, 1400), "black")
    from PIL import ImageDraw

    ImageDraw.Draw(img).text((80, 600), title, font=font, fill="white")
    dest = ART / f"{title}.png"
    img.save(dest)
    return dest


async def summarize(transcript: str) -> str:  # expect: blocking-call
    summarizer = pipeline("summarization", model="sshleifer/distilbart-cnn-12-6")
    return summarizer(transcript[:3000])[0]["summary_text"]


class Tagger:  # expect: blocking-call
    def __init__(self) -> None:
        self.model = torch.jit.load("/srv/models/tagger.pt")

    async def tags(self, features: torch.Tensor) -> list[int]:
        with torch.no_grad():
            scores = self.model(features)
        return scores.topk(3).indices.tolist()


class TaggerOffloaded:  # expect: clean  # near: blocking-call
    def __init__(self) -> None:
        self.model = torch.jit.load("/srv/models/tagger.pt")

    def _tags(self, features: torch.Tensor) -> list[int]:
        with torch.no_grad():
            return self.model(features).topk(3).indices.tolist()

    async def tags(self, features: torch.Tensor) -> list[int]:
        return await asyncio.to_thread(self._tags, features)


async def episode_stream(source: AttachmentSource, uids: list[str]) -> AsyncIterator[str]:  # expect: cancellation-swallowed
    for uid in uids:
        try:
            await source.mark_done(uid)
        except asyncio.CancelledError:
            log.info("stream stopped at %s", uid)
            return
        yield uid


async def episode_stream_ok(source: AttachmentSource, uids: list[str]) -> AsyncIterator[str]:  # expect: clean  # near: cancellation-swallowed
    for uid in uids:
        try:
            await source.mark_done(uid)
        except asyncio.CancelledError:
            log.info("stream stopped at %s", uid)
            raise
        yield uid


class Publisher:  # expect: cancellation-swallowed
    def __init__(self) -> None:
        self._task: Optional[asyncio.Task[None]] = None
        self.published = 0

    async def _run(self, titles: "asyncio.Queue[str]") -> None:
        while True:
            title = await titles.get()
            try:
                await Announcer().announce(title, "list@podcast.example")
                self.published += 1
            except BaseException:
                log.exception("announce of %s failed", title)

    def start(self, titles: "asyncio.Queue[str]") -> None:
        self._task = asyncio.create_task(self._run(titles))

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task


class PublisherOk:  # expect: clean  # near: cancellation-swallowed
    def __init__(self) -> None:
        self._task: Optional[asyncio.Task[None]] = None
        self.published = 0

    async def _run(self, titles: "asyncio.Queue[str]") -> None:
        while True:
            title = await titles.get()
            try:
                await Announcer().announce(title, "list@podcast.example")
                self.published += 1
            except Exception:
                log.exception("announce of %s failed", title)

    def start(self, titles: "asyncio.Queue[str]") -> None:
        self._task = asyncio.create_task(self._run(titles))

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task


class EpisodeIndex:  # expect: lock-across-await
    """The index file is rewritten by the feed thread too."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self.titles: list[str] = []

    def __enter__(self) -> "EpisodeIndex":
        self._lock.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self._lock.release()

    async def add(self, title: str, announce) -> None:
        with self:
            self.titles.append(title)
            await announce(title)


class EpisodeIndexOk:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._lock = threading.RLock()
        self.titles: list[str] = []

    def __enter__(self) -> "EpisodeIndexOk":
        self._lock.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self._lock.release()

    async def add(self, title: str, announce) -> None:
        with self:
            self.titles.append(title)
        await announce(title)
