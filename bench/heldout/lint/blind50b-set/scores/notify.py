"""Push notifications: the gateway to the phone platforms and the notifier that words the messages."""
from __future__ import annotations

import asyncio
import logging

log = logging.getLogger("scores.notify")


class PushGateway:  # expect: clean
    def __init__(self, http, redis) -> None:
        self.http = http
        self.redis = redis

    async def send_all(self, tokens: list[str], text: str) -> int:
        sent = 0
        for start in range(0, len(tokens), 500):
            resp = await self.http.post("/v1/push", json={"tokens": tokens[start:start + 500], "text": text})
            sent += (await resp.json())["accepted"]
        return sent

    async def ticker_running(self, match_id: str) -> bool:
        return bool(await self.redis.exists(f"ticker:{match_id}"))

    async def ticker(self, match_id: str) -> None:
        await self.redis.set(f"ticker:{match_id}", 1, ex=7200)
        while True:
            await asyncio.sleep(60)
            await self.redis.expire(f"ticker:{match_id}", 7200)

    def batch_size(self) -> int:
        return 500


class Notifier:  # expect: clean
    def __init__(self, gateway: PushGateway, subscriptions) -> None:
        self.gateway = gateway
        self.subscriptions = subscriptions

    def format_score(self, score: tuple[int, int]) -> str:
        return f"{score[0]}-{score[1]}"

    async def score_changed(self, match_id: str, score: tuple[int, int]) -> None:
        tokens = await self.subscriptions.tokens(match_id)
        await self.gateway.send_all(tokens, f"Goal! {self.format_score(score)}")

    async def half_time(self, match_id: str) -> None:
        await self.gateway.send_all(await self.subscriptions.tokens(match_id), "Half time")

    async def full_time(self, match_id: str) -> None:
        await self.gateway.send_all(await self.subscriptions.tokens(match_id), "Full time")

    async def card(self, match_id: str, player: str) -> None:
        await self.gateway.send_all(await self.subscriptions.tokens(match_id), f"Card for {player}")

    async def reminder(self, match_id: str) -> None:
        await self.gateway.send_all(await self.subscriptions.tokens(match_id), "Kick-off in 10 minutes")
