"""Season events: bots that fill empty tables, round timers, reward drops."""
from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Coroutine

log = logging.getLogger("arena.events")

_background: set[asyncio.Task] = set()


def spawn(coro: Coroutine) -> asyncio.Task:  # expect: clean
    return asyncio.get_running_loop().create_task(coro)


def spawn_kept(coro: Coroutine) -> asyncio.Task:  # expect: clean
    task = asyncio.get_running_loop().create_task(coro)
    _background.add(task)
    task.add_done_callback(_background.discard)
    return task


class RoundScheduler:  # expect: clean
    """Owns the tasks of a season's rounds and cancels them when the season closes."""

    def __init__(self) -> None:
        self.tasks: list[asyncio.Task] = []

    def create_task(self, coro: Coroutine) -> asyncio.Task:
        task = asyncio.create_task(coro)
        self.tasks.append(task)
        return task

    async def close(self) -> None:
        for t in self.tasks:
            t.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)


async def bot_turn(table: int) -> None:  # expect: clean
    await asyncio.sleep(random.uniform(0.5, 2.0))
    log.debug("bot played at table %d", table)


async def fill_tables(empty: list[int]) -> None:  # expect: dangling-task
    list(map(asyncio.create_task, [bot_turn(t) for t in empty[:8]]))


async def fill_tables_kept(empty: list[int]) -> None:  # expect: clean  # near: dangling-task
    for t in empty[:8]:
        spawn_kept(bot_turn(t))


async def drop_reward(player: str, grant) -> None:  # expect: dangling-task
    spawn(grant(player, "chest"))
    log.info("reward dropped for %s", player)


async def drop_reward_scheduled(scheduler: RoundScheduler, player: str, grant) -> None:  # expect: clean  # near: dangling-task
    scheduler.create_task(grant(player, "chest"))


async def requeue_on_failure(job: asyncio.Task, retry) -> None:  # expect: dangling-task
    job.add_done_callback(lambda t: asyncio.ensure_future(retry()) if t.exception() else None)


async def start_round_timer(table: int, seconds: float, on_timeout) -> asyncio.Task:  # expect: clean  # near: dangling-task
    async def timer() -> None:
        await asyncio.sleep(seconds)
        await on_timeout(table)

    return asyncio.create_task(timer())


async def warm_caches(loaders: dict[str, Coroutine]) -> None:  # expect: dangling-task, ?unbounded-spawn
    pending = {name: asyncio.create_task(coro) for name, coro in loaders.items()}
    log.info("warming %d caches", len(loaders))


async def warm_caches_awaited(loaders: dict[str, Coroutine]) -> dict:  # expect: clean, ?unbounded-spawn  # near: dangling-task
    pending = {name: asyncio.create_task(coro) for name, coro in loaders.items()}
    await asyncio.wait(pending.values())
    return {name: t.result() for name, t in pending.items()}


async def season_end(announce) -> None:  # expect: dangling-task
    _ = asyncio.create_task(announce("season over"))
    await asyncio.sleep(0)
