"""Product analytics: PostHog queues events to its own thread; Mixpanel's default consumer posts at once."""
from __future__ import annotations

import asyncio
from typing import Any

import posthog
from mixpanel import BufferedConsumer, Mixpanel


async def track_checkout(user_id: str, total: float) -> None:  # expect: clean  # near: blocking-call
    posthog.capture(user_id, "checkout", {"total": total})


async def track_checkout_mixpanel(mp: Mixpanel, user_id: str, total: float) -> None:  # expect: blocking-call
    mp.track(user_id, "checkout", {"total": total})


class Tracker:  # expect: clean
    def __init__(self, token: str) -> None:
        self.consumer = BufferedConsumer()
        self.mp = Mixpanel(token, consumer=self.consumer)

    def track(self, user_id: str, event: str, props: dict[str, Any]) -> None:
        self.mp.track(user_id, event, props)

    async def flush_later(self) -> None:
        await asyncio.to_thread(self.consumer.flush)
