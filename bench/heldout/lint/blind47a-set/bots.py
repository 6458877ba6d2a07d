"""Three chat front-ends of one support desk: a Discord bot, a Telegram bot (aiogram) and a Slack app (bolt)."""
from __future__ import annotations

import asyncio
import logging
import threading
from typing import Optional

import discord
import telebot
from aiogram import Bot, Router
from aiogram.types import Message
from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.say.async_say import AsyncSay
from slack_sdk import WebClient
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger("desk")
router = Router()
slack = AsyncApp(token="xoxb-test", signing_secret="s")


class TicketStore:  # expect: clean
    def __init__(self, pool) -> None:
        self._pool = pool

    async def open(self, user: str, text: str) -> int:
        row = await self._pool.fetchrow("INSERT INTO tickets(u, t) VALUES($1, $2) RETURNING id", user, text)
        return row["id"]

    async def close(self, ticket_id: int) -> None:
        await self._pool.execute("UPDATE tickets SET closed = now() WHERE id = $1", ticket_id)

    def cached_count(self) -> int:
        return getattr(self, "_count", 0)


class AuditTrail:  # expect: clean
    async def write(self, actor: str, action: str) -> None:
        await asyncio.sleep(0)


_audit: Optional[AuditTrail] = None


def audit() -> AuditTrail:  # expect: clean
    global _audit
    if _audit is None:
        _audit = AuditTrail()
    return _audit


class DeskCog:  # expect: unawaited-coroutine
    store: TicketStore

    def __init__(self, bot: discord.Client, store: TicketStore) -> None:
        self.bot = bot
        self.store = store

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or not message.content.startswith("!close"):
            return
        ticket_id = int(message.content.split()[1])
        self.store.close(ticket_id)
        await message.channel.send(f"ticket {ticket_id} closed")


class DeskCogOk:  # expect: clean  # near: unawaited-coroutine
    store: TicketStore

    def __init__(self, bot: discord.Client, store: TicketStore) -> None:
        self.bot = bot
        self.store = store

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or not message.content.startswith("!count"):
            return
        await message.channel.send(f"{self.store.cached_count()} open tickets")


async def on_reaction(payload: discord.RawReactionActionEvent, client: discord.Client) -> None:  # expect: unawaited-coroutine
    channel = client.get_channel(payload.channel_id)
    msg = await channel.fetch_message(payload.message_id)
    msg.add_reaction("\N{WHITE HEAVY CHECK MARK}")
    audit().write(str(payload.user_id), "ack")


async def on_reaction_ok(payload: discord.RawReactionActionEvent, client: discord.Client) -> None:  # expect: clean  # near: unawaited-coroutine
    channel = client.get_channel(payload.channel_id)
    msg = await channel.fetch_message(payload.message_id)
    await msg.add_reaction("\N{WHITE HEAVY CHECK MARK}")
    await audit().write(str(payload.user_id), "ack")


def on_ready_sync(client: discord.Client) -> None:  # expect: unawaited-coroutine
    # called from a sync hook: change_presence is a coroutine function
    client.change_presence(activity=discord.Game("triaging"))


async def post_to_webhook(url: str, text: str) -> None:  # expect: blocking-call
    hook = discord.SyncWebhook.from_url(url)
    hook.send(content=text, username="desk")


async def post_to_webhook_async(url: str, text: str, session) -> None:  # expect: clean  # near: blocking-call
    hook = discord.Webhook.from_url(url, session=session)
    await hook.send(content=text, username="desk")


@router.message()
async def tg_open_ticket(message: Message, bot: Bot, store: TicketStore) -> None:  # expect: unawaited-coroutine
    ticket_id = await store.open(str(message.from_user.id), message.text or "")
    bot.send_message(chat_id=message.chat.id, text=f"ticket #{ticket_id} opened")


@router.message()
async def tg_open_ticket_ok(message: Message, bot: Bot, store: TicketStore) -> None:  # expect: clean  # near: unawaited-coroutine
    ticket_id = await store.open(str(message.from_user.id), message.text or "")
    await bot.send_message(chat_id=message.chat.id, text=f"ticket #{ticket_id} opened")


class Broadcaster:  # expect: unawaited-coroutine
    def __init__(self, bot: Bot, chat_ids: list[int]) -> None:
        self.bot: Bot = bot
        self.chat_ids = chat_ids

    async def announce(self, text: str) -> None:
        for chat_id in self.chat_ids:
            self.bot.send_message(chat_id, text)
            await asyncio.sleep(0.05)  # Telegram's 20 msg/s limit


class BroadcasterGathered:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, bot: Bot, chat_ids: list[int]) -> None:
        self.bot: Bot = bot
        self.chat_ids = chat_ids

    async def announce(self, text: str) -> None:
        sends = [self.bot.send_message(chat_id, text) for chat_id in self.chat_ids]
        await asyncio.gather(*sends, return_exceptions=True)


class LegacyTelegram:  # expect: blocking-call
    def __init__(self, token: str) -> None:
        self.tb = telebot.TeleBot(token, threaded=False)

    async def notify(self, chat_id: int, text: str) -> None:
        self.tb.send_message(chat_id, text)


class LegacyTelegramOffloaded:  # expect: clean  # near: blocking-call
    def __init__(self, token: str) -> None:
        self.tb = telebot.TeleBot(token, threaded=False)

    async def notify(self, chat_id: int, text: str) -> None:
        await asyncio.to_thread(self.tb.send_message, chat_id, text)


@slack.command("/ticket")
async def slack_ticket(ack: AsyncAck, say: AsyncSay, command: dict) -> None:  # expect: unawaited-coroutine
    ack()
    await say(f"opening a ticket for <@{command['user_id']}>")


@slack.command("/ticket-ok")
async def slack_ticket_ok(ack: AsyncAck, say: AsyncSay, command: dict) -> None:  # expect: clean  # near: unawaited-coroutine
    await ack()
    await say(f"opening a ticket for <@{command['user_id']}>")


class SlackEscalation:  # expect: blocking-call
    web: WebClient

    def __init__(self, token: str) -> None:
        self.web = WebClient(token=token)

    async def escalate(self, channel: str, ticket_id: int) -> None:
        self.web.chat_postMessage(channel=channel, text=f"ticket {ticket_id} needs a human")


class SlackEscalationAsync:  # expect: clean  # near: blocking-call
    web: AsyncWebClient

    def __init__(self, token: str) -> None:
        self.web = AsyncWebClient(token=token)

    async def escalate(self, channel: str, ticket_id: int) -> None:
        await self.web.chat_postMessage(channel=channel, text=f"ticket {ticket_id} needs a human")


def escalate_from_cron(token: str, channel: str) -> None:  # expect: clean  # near: blocking-call
    WebClient(token=token).chat_postMessage(channel=channel, text="daily digest")


class TypingIndicator:  # expect: cancellation-swallowed
    def __init__(self, channel: discord.abc.Messageable) -> None:
        self.channel = channel

    async def keep_typing(self) -> None:
        while True:
            try:
                await self.channel.trigger_typing()
                await asyncio.sleep(8)
            except BaseException:
                log.debug("typing indicator hiccup")


class TypingIndicatorOk:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, channel: discord.abc.Messageable) -> None:
        self.channel = channel

    async def keep_typing(self) -> None:
        while True:
            try:
                await self.channel.trigger_typing()
                await asyncio.sleep(8)
            except discord.HTTPException:
                log.debug("typing indicator hiccup")


async def run_bot(client: discord.Client, token: str) -> None:  # expect: cancellation-swallowed
    try:
        await client.start(token)
    except asyncio.CancelledError:
        log.info("bot stopping")
    await client.close()
    await asyncio.sleep(1)
    log.info("bot stopped")


_sent_lock = threading.Lock()
_sent: dict[int, int] = {}


async def rate_limited_send(bot: Bot, chat_id: int, text: str) -> None:  # expect: lock-across-await
    with _sent_lock:
        _sent[chat_id] = _sent.get(chat_id, 0) + 1
        if _sent[chat_id] > 30:
            await asyncio.sleep(1)
            _sent[chat_id] = 0
    await bot.send_message(chat_id, text)


async def rate_limited_send_ok(bot: Bot, chat_id: int, text: str) -> None:  # expect: clean  # near: lock-across-await
    with _sent_lock:
        _sent[chat_id] = _sent.get(chat_id, 0) + 1
        wait = _sent[chat_id] > 30
        if wait:
            _sent[chat_id] = 0
    if wait:
        await asyncio.sleep(1)
    await bot.send_message(chat_id, text)
