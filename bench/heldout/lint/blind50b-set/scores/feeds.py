"""Live score feeds: each match polls its provider and pushes changes to the subscribers."""
from __future__ import annotations

import asyncio
import contextlib
import logging

from .background import Background, background, counter, later, spawn
from .notify import Notifier, PushGateway

log = logging.getLogger("scores.feeds")

_tickers: set[asyncio.Task] = set()


class MatchFeed:  # expect: dangling-task
    """One per live match; `follow()` starts the poller and forgets it."""

    def __init__(self, match_id: str, provider, notifier: Notifier) -> None:
        self.match_id = match_id
        self.provider = provider
        self.notifier = notifier

    def follow(self) -> None:
        spawn(self.poll(), name=f"match-{self.match_id}")

    async def poll(self) -> None:
        last = None
        while True:
            score = await self.provider.score(self.match_id)
            if score != last:
                await self.notifier.score_changed(self.match_id, score)
                last = score
            await asyncio.sleep(5)


class FollowedMatch(MatchFeed):  # expect: clean  # near: dangling-task
    """The feed the live page uses: it keeps its poller so `stop()` can end it."""

    poller: asyncio.Task | None = None

    def follow(self) -> None:
        self.poller = spawn(self.poll(), name=f"match-{self.match_id}")

    async def stop(self) -> None:
        if self.poller is not None:
            self.poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.poller


async def open_league(league: str, provider, notifier: Notifier) -> None:  # expect: dangling-task
    matches = await provider.matches_today(league)
    [asyncio.create_task(MatchFeed(m.id, provider, notifier).poll()) for m in matches]


async def open_league_grouped(league: str, provider, notifier: Notifier) -> None:  # expect: clean  # near: dangling-task
    matches = await provider.matches_today(league)
    async with asyncio.TaskGroup() as tg:
        for m in matches:
            tg.create_task(MatchFeed(m.id, provider, notifier).poll())


async def open_league_kept(league: str, provider, notifier: Notifier) -> list[asyncio.Task]:  # expect: clean  # near: dangling-task
    matches = await provider.matches_today(league)
    return [background.start(MatchFeed(m.id, provider, notifier).poll(), name=m.id) for m in matches]


async def on_goal(event, notifier: Notifier, gateway: PushGateway) -> None:  # expect: dangling-task
    push = asyncio.create_task(gateway.send_all(event.followers, event.text)) if event.important else None
    await notifier.score_changed(event.match_id, event.score)


async def on_goal_awaited(event, notifier: Notifier, gateway: PushGateway) -> None:  # expect: clean  # near: dangling-task
    push = asyncio.create_task(gateway.send_all(event.followers, event.text)) if event.important else None
    await notifier.score_changed(event.match_id, event.score)
    if push is not None:
        await push


async def refresh_standings(leagues: list[str], provider) -> None:  # expect: dangling-task
    task = asyncio.ensure_future(provider.recompute(leagues))
    log.info("recomputing standings for %d leagues", len(leagues))


async def start_ticker(gateway: PushGateway, match_id: str) -> None:  # expect: dangling-task
    ticker = asyncio.create_task(gateway.ticker(match_id), name=f"ticker-{match_id}")
    ticker.add_done_callback(lambda t: log.info("ticker %s ended", t.get_name()))


async def start_ticker_kept(gateway: PushGateway, match_id: str) -> None:  # expect: clean  # near: dangling-task
    ticker = asyncio.create_task(gateway.ticker(match_id), name=f"ticker-{match_id}")
    _tickers.add(ticker)
    ticker.add_done_callback(_tickers.discard)
    ticker.add_done_callback(lambda t: log.info("ticker %s ended", t.get_name()))


async def on_card(event, notifier: Notifier) -> None:  # expect: dangling-task
    counter.start(notifier.card(event.match_id, event.player))


async def on_final_whistle(match_id: str, notifier: Notifier) -> None:  # expect: clean  # near: dangling-task
    background.start(notifier.full_time(match_id), name=f"ft-{match_id}")


class LeagueService:  # expect: clean  # near: dangling-task
    def __init__(self, keeper: Background, notifier: Notifier) -> None:
        self.keeper = keeper
        self.notifier = notifier

    def half_time(self, match_id: str) -> None:
        self.keeper.start(self.notifier.half_time(match_id))


async def connect_provider(provider, feeds: list[MatchFeed]) -> None:  # expect: dangling-task
    ready = provider.connect()
    ready.add_done_callback(lambda _: [asyncio.create_task(f.poll()) for f in feeds])
    await ready


def kick_all(loop: asyncio.AbstractEventLoop, feeds: list[MatchFeed]) -> None:  # expect: dangling-task
    for feed in feeds:
        loop.call_soon(loop.create_task, feed.poll())


def schedule_reminders(matches, notifier: Notifier) -> None:  # expect: clean
    for m in matches:
        later(max(0.0, m.seconds_to_kickoff - 600), lambda m=m: notifier.reminder(m.id))


async def restart_feed(feeds: dict[str, asyncio.Task], match_id: str, feed: MatchFeed) -> None:  # expect: clean  # near: dangling-task
    old = feeds.pop(match_id, None)
    if old is not None:
        old.cancel()
    feeds[match_id] = task = asyncio.create_task(feed.poll())
    log.debug("restarted %s as %s", match_id, task.get_name())


async def warm_caches(provider, leagues: list[str]) -> None:  # expect: dangling-task
    for league in leagues:
        warmer = asyncio.create_task(provider.warm(league))
    log.info("warming %d league caches", len(leagues))
