"""The night plan: targets, hooks and the end-of-night sequence."""
from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Awaitable, Callable

if TYPE_CHECKING:
    from .aio import AsyncMount
    from .drivers import MountLink

log = logging.getLogger(__name__)


async def end_of_night(mount: "AsyncMount") -> None:  # expect: unawaited-coroutine
    mount.park()
    log.info("night over")


async def end_of_night_ok(mount: AsyncMount) -> None:  # expect: clean  # near: unawaited-coroutine
    await mount.park()
    mount.close()


async def mount_status(link: MountLink) -> str:  # expect: blocking-call
    return link.command("STATUS")


async def mount_status_offloaded(link: MountLink) -> str:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(link.command, "STATUS")


class NightPlan:  # expect: unawaited-coroutine
    def __init__(self, on_target: Callable[[str], Awaitable[None]]) -> None:
        self.on_target = on_target
        self.targets: list[str] = []

    async def run(self) -> None:
        for target in self.targets:
            self.on_target(target)
            await asyncio.sleep(60)


class LoggedNightPlan:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, on_target: Callable[[str], None]) -> None:
        self.on_target = on_target
        self.targets: list[str] = []

    async def run(self) -> None:
        for target in self.targets:
            self.on_target(target)
            await asyncio.sleep(60)
