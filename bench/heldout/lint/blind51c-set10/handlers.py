"""Handlers of a live-scores service across the frameworks it grew through."""
from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import aiohttp
import asyncpg
import discord
import redis.asyncio as aioredis
from aiogram import Bot
from aiogram.types import Message
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from channels.layers import get_channel_layer
from fastapi import FastAPI, Request, WebSocket
from telegram import Update
from telegram.ext import ContextTypes

log = logging.getLogger(__name__)
app = FastAPI()


@app.post("/scores")
async def post_score(request: Request) -> dict[str, Any]:  # expect: unawaited-coroutine
    body = request.json()
    log.info("score update %s", body)
    return {"ok": True}


@app.post("/scores/v2")
async def post_score_v2(request: Request) -> dict[str, Any]:  # expect: clean  # near: unawaited-coroutine
    body = await request.json()
    log.info("score update %s", body)
    return {"ok": True}


@app.websocket("/live")
async def live(ws: WebSocket) -> None:  # expect: unawaited-coroutine
    await ws.accept()
    while True:
        msg = await ws.receive_text()
        ws.send_text(json.dumps({"echo": msg}))


async def fetch_fixture(session: aiohttp.ClientSession, url: str) -> dict[str, Any]:  # expect: unawaited-coroutine
    async with session.get(url) as resp:
        resp.raise_for_status()
        data = resp.json()
    return data


async def cache_score(r: aioredis.Redis, match: str, score: str) -> None:  # expect: unawaited-coroutine
    r.set(f"score:{match}", score, ex=3600)


async def cache_score_pipeline(r: aioredis.Redis, match: str, score: str) -> None:  # expect: clean  # near: unawaited-coroutine
    pipe = r.pipeline()
    pipe.set(f"score:{match}", score, ex=3600)
    pipe.incr("updates")
    await pipe.execute()


async def store_score(pool: asyncpg.Pool, match: str, score: str) -> None:  # expect: unawaited-coroutine
    async with pool.acquire() as conn:
        conn.execute("UPDATE matches SET score = $1 WHERE id = $2", score, match)


async def broadcast(match: str, score: str) -> None:  # expect: unawaited-coroutine
    layer = get_channel_layer()
    layer.group_send(f"match_{match}", {"type": "score.update", "score": score})


class ScoreConsumer(AsyncJsonWebsocketConsumer):  # expect: clean  # near: unawaited-coroutine
    async def connect(self) -> None:
        self.match = self.scope["url_route"]["kwargs"]["match"]
        await self.channel_layer.group_add(f"match_{self.match}", self.channel_name)
        await self.accept()

    async def score_update(self, event: dict[str, Any]) -> None:
        await self.send_json({"score": event["score"]})


async def discord_notify(channel: discord.TextChannel, text: str) -> None:  # expect: unawaited-coroutine
    channel.send(text)


async def aiogram_reply(message: Message) -> None:  # expect: unawaited-coroutine
    message.answer("Live scores are on!")


async def aiogram_push(bot: Bot, chat_id: int, text: str) -> None:  # expect: clean  # near: unawaited-coroutine
    await bot.send_message(chat_id, text)


async def ptb_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:  # expect: unawaited-coroutine
    context.bot.send_message(chat_id=update.effective_chat.id, text="Welcome!")


async def ptb_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:  # expect: clean  # near: unawaited-coroutine
    await update.message.reply_text("Send /follow <team>")


async def close_all(session: aiohttp.ClientSession, r: aioredis.Redis) -> None:  # expect: unawaited-coroutine
    session.close()
    await r.aclose()


async def warm_up(session: aiohttp.ClientSession, urls: list[str]) -> None:  # expect: clean  # near: unawaited-coroutine
    results = await asyncio.gather(*(session.get(u) for u in urls), return_exceptions=True)
    for r in results:
        if isinstance(r, aiohttp.ClientResponse):
            r.release()
