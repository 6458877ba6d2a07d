"""Subscribing and unsubscribing users, and the odd jobs around it."""
from __future__ import annotations

import asyncio
import logging

from .background import background
from .notify import Notifier, PushGateway

log = logging.getLogger("scores.subscriptions")


async def unsubscribe_all(user: str, gateway: PushGateway, store) -> None:  # expect: unawaited-coroutine
    tokens = await store.tokens_of(user)
    gateway.send_all(tokens, "You have been unsubscribed from all matches")
    await store.delete(user)


async def resend_score(notifier: Notifier, match_id: str, score: tuple[int, int]) -> str:  # expect: clean  # near: unawaited-coroutine
    text = notifier.format_score(score)
    await notifier.score_changed(match_id, score)
    return text


class Digest:  # expect: unawaited-coroutine
    def __init__(self, notifier: Notifier) -> None:
        self.notifier = notifier

    async def close_matchday(self, results) -> None:
        for r in results:
            self.notifier.full_time(r.match_id)
        await asyncio.sleep(0)


class DigestKept:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, notifier: Notifier) -> None:
        self.notifier = notifier

    async def close_matchday(self, results) -> None:
        await asyncio.gather(*(self.notifier.full_time(r.match_id) for r in results))


async def status_line(gateway: PushGateway, match_id: str) -> str:  # expect: unawaited-coroutine
    return f"{match_id}: ticker {'on' if gateway.ticker_running(match_id) else 'off'}"


async def status_line_awaited(gateway: PushGateway, match_id: str) -> str:  # expect: clean  # near: unawaited-coroutine
    running = await gateway.ticker_running(match_id)
    return f"{match_id}: ticker {'on' if running else 'off'}, batches of {gateway.batch_size()}"


async def push_from_executor(notifier: Notifier, match_id: str, score: tuple[int, int]) -> None:  # expect: unawaited-coroutine
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, notifier.score_changed, match_id, score)


async def format_in_thread(notifier: Notifier, score: tuple[int, int]) -> str:  # expect: clean  # near: unawaited-coroutine
    return await asyncio.to_thread(notifier.format_score, score)


def on_whistle_signal(notifier: Notifier, match_id: str):  # expect: unawaited-coroutine
    """Connected to the referee app's blinker signal."""

    def receiver(sender, **extra) -> None:
        notifier.full_time(match_id)

    return receiver


def on_whistle_signal_kept(notifier: Notifier, match_id: str):  # expect: clean  # near: unawaited-coroutine
    def receiver(sender, **extra) -> None:
        background.start(notifier.full_time(match_id), name=f"ft-{match_id}")

    return receiver


async def bulk_unsubscribe(users: list[str], gateway: PushGateway, store) -> int:  # expect: unawaited-coroutine
    removed = 0
    for user in users:
        tokens = await store.tokens_of(user)
        if tokens:
            gateway.send_all(tokens, "Unsubscribed") and log.debug("told %s", user)
            removed += 1
    return removed
