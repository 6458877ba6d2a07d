"""Shapes a blind probe of realistic application code found missing: a sync Telegram bot's requests (and its
async twin's coroutines), and coroutines handed to a logger that nothing types or that is not the stdlib's."""
from __future__ import annotations

from .helpers import check_marked


def test_pytelegrambotapi_sync_bot_requests_and_async_bot_coroutines():
    check_marked('''
        import asyncio

        import telebot
        from telebot.async_telebot import AsyncTeleBot

        bot = telebot.TeleBot("token")
        abot = AsyncTeleBot("token")

        async def notify_admin(text: str) -> None:
            bot.send_message(42, text)  # ACK102

        async def notify_admin_offloaded(text: str) -> None:
            await asyncio.to_thread(bot.send_message, 42, text)

        @bot.message_handler(commands=["start"])
        def start(message):
            # a sync handler on the bot's own threads
            bot.reply_to(message, "hi")

        @abot.message_handler(commands=["start"])
        async def astart(message):
            abot.reply_to(message, "hi")  # ACK301
            await abot.send_message(message.chat.id, "ready")

        async def install(handler):
            # registering a handler sends nothing
            bot.register_message_handler(handler, commands=["help"])
            abot.add_custom_filter(handler)
    ''', ["ACK102", "ACK301"])


def test_a_coroutine_handed_to_a_logger_is_logged_not_run():
    check_marked('''
        import logging

        import structlog
        from loguru import logger as loguru_logger

        slog = structlog.get_logger()

        async def status(client) -> str:
            return "ok"

        class Service:
            def __init__(self, client, logger):
                self.client = client
                self.logger = logger

            async def report(self) -> None:
                self.logger.info("status: %s", status(self.client))  # ACK301

            async def report_awaited(self) -> None:
                self.logger.info("status: %s", await status(self.client))

        async def report(client, log) -> None:
            log.warning("status: %s", status(client))  # ACK301
            slog.info("status", value=status(client))  # ACK301
            loguru_logger.info("status {}", status(client))  # ACK301

        class Metrics:
            def info(self, value) -> None:
                pass

        async def record(metrics, client) -> None:
            # `info` on an object whose name says nothing of logging: it may well await what it is handed
            metrics.info(status(client))
    ''', ["ACK301"])


def test_an_async_protocol_method_called_by_hand_and_dropped():
    # `__aexit__`, `__aenter__` and `__anext__` return awaitables whatever the object is, typed or not
    check_marked('''
        class TracedSpan:
            def __init__(self, span_cm, tracer):
                self._cm = span_cm
                self._tracer = tracer

            async def __aenter__(self):
                self._tracer.start()
                return await self._cm.__aenter__()

            async def __aexit__(self, exc_type, exc, tb):
                self._tracer.stop()
                self._cm.__aexit__(exc_type, exc, tb)  # ACK301
                return False

        class Skipper:
            def __init__(self, source):
                self.source = source

            async def skip_one(self) -> None:
                self.source.__anext__()  # ACK301

            async def skip_awaited(self) -> None:
                await self.source.__anext__()

        class SyncWrapper:
            def __init__(self, inner):
                self.inner = inner

            def __exit__(self, *exc):
                # the sync protocol: a plain call
                self.inner.__exit__(*exc)

            def closer(self):
                # handed back for the caller to await
                return self.inner.__aexit__(None, None, None)
    ''', ["ACK301"])


def test_a_lambda_that_forwards_to_a_blocking_call_stands_for_it():
    check_marked('''
        import asyncio
        import queue

        import requests

        fetch = lambda url: requests.get(url, timeout=5)

        class Fetcher:
            def __init__(self, q: queue.Queue):
                self.fetch = lambda url: requests.get(url, timeout=5)
                self.poll = lambda: q.get(block=False)
                self.apply = lambda f, x: f(x)

            async def run(self, url: str) -> int:
                return self.fetch(url).status_code  # ACK102

            async def run_module_level(self, url: str) -> int:
                return fetch(url).status_code  # ACK102

            async def look_alikes(self, url: str) -> int:
                # told not to wait inside the lambda; a parameter called; the lambda handed to a thread
                self.poll()
                self.apply(len, url)
                resp = await asyncio.to_thread(self.fetch, url)
                return resp.status_code

        def fetch_sync(url: str) -> int:
            return fetch(url).status_code
    ''', ["ACK102", "ACK106"])


def test_a_table_of_library_functions_that_all_block_alike():
    check_marked('''
        import asyncio
        import time

        import requests

        VERBS = {"get": requests.get, "post": requests.post, "delete": requests.delete}
        MIXED = {"get": requests.get, "pause": time.sleep}
        LOCAL = {"upper": str.upper}

        async def call(method: str, url: str) -> int:
            return VERBS[method](url, timeout=5).status_code  # ACK102

        async def call_offloaded(method: str, url: str) -> int:
            resp = await asyncio.to_thread(VERBS[method], url, timeout=5)
            return resp.status_code

        async def look_alikes(name: str, text: str) -> str:
            # functions that block in different ways say nothing of which one runs; a harmless one is harmless
            MIXED[name](text)
            return LOCAL[name](text)
    ''', ["ACK101", "ACK102"])
