"""Handlers and callbacks that sync chat and exchange SDKs call on threads of their own (ACK401/ACK402): a sync
`TeleBot`'s handlers (decorated or registered), the listeners of Slack's sync Socket Mode client and of a sync
Bolt `App`, python-binance's threaded websocket manager callbacks. Look-alikes: their async twins (`AsyncTeleBot`,
the aiohttp Socket Mode client, `AsyncApp`), a hand-back through `call_soon_threadsafe`, a project's own listener
list and `start_*_socket` method."""
from __future__ import annotations

from .helpers import check_marked

CODES = ["ACK401", "ACK402"]


def test_sync_telebot_handlers_run_on_its_threads():
    check_marked('''
        import asyncio

        import telebot
        from telebot.async_telebot import AsyncTeleBot

        bot = telebot.TeleBot("token")
        abot = AsyncTeleBot("token")
        changed = asyncio.Event()
        loop = asyncio.new_event_loop()


        @bot.message_handler(commands=["status"])
        def status(message):
            changed.set()  # ACK401


        @bot.callback_query_handler(func=lambda call: True)
        def pressed(call):
            loop.call_soon_threadsafe(changed.set)


        @abot.message_handler(commands=["status"])
        async def status_async(message):
            changed.set()


        def not_a_handler(message):
            changed.set()


        class Bridge:
            def __init__(self, tg: telebot.TeleBot) -> None:
                self.inbox: asyncio.Queue = asyncio.Queue(maxsize=100)
                tg.register_message_handler(self._on_text, content_types=["text"])
                tg.register_edited_message_handler(callback=self._on_edit)

            def _on_text(self, message):
                self.inbox.put_nowait(message.text)  # ACK401

            def _on_edit(self, message):
                loop.call_soon_threadsafe(self.inbox.put_nowait, message.text)
    ''', CODES)


def test_slack_socket_mode_listeners_and_sync_bolt_handlers():
    check_marked('''
        import asyncio

        from slack_bolt import App
        from slack_bolt.async_app import AsyncApp
        from slack_sdk.socket_mode import SocketModeClient
        from slack_sdk.socket_mode.aiohttp import SocketModeClient as AioSocketModeClient

        app = App(token="x")
        aapp = AsyncApp(token="x")
        mentioned = asyncio.Event()


        @app.event("app_mention")
        def on_mention(event, say):
            mentioned.set()  # ACK401


        @aapp.event("app_mention")
        async def on_mention_async(event, say):
            mentioned.set()


        class Listener:
            def __init__(self, token: str, loop: asyncio.AbstractEventLoop) -> None:
                self.loop = loop
                self.events: asyncio.Queue = asyncio.Queue(maxsize=100)
                self.client = SocketModeClient(app_token=token)
                self.client.socket_mode_request_listeners.append(self.process)
                self.client.message_listeners.append(self.safe)

            def process(self, client, req):
                self.events.put_nowait(req.payload)  # ACK401

            def safe(self, client, message, raw):
                self.loop.call_soon_threadsafe(self.events.put_nowait, message)


        class AioListener:
            def __init__(self, token: str) -> None:
                self.events: asyncio.Queue = asyncio.Queue(maxsize=100)
                self.client = AioSocketModeClient(app_token=token)
                self.client.socket_mode_request_listeners.append(self.process)

            async def process(self, client, req):
                self.events.put_nowait(req.payload)


        class Own:
            def __init__(self) -> None:
                self.message_listeners = []
                self.events: asyncio.Queue = asyncio.Queue(maxsize=100)
                self.message_listeners.append(self.on_message)

            def on_message(self, message):
                self.events.put_nowait(message)
    ''', CODES)


def test_binance_threaded_manager_callbacks():
    check_marked('''
        import asyncio

        from binance import AsyncClient, BinanceSocketManager, ThreadedWebsocketManager


        class Ticker:
            def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
                self.loop = loop
                self.prices: asyncio.Queue = asyncio.Queue(maxsize=100)
                self.twm = ThreadedWebsocketManager(api_key="k", api_secret="s")

            def _on_price(self, msg):
                self.prices.put_nowait(float(msg["c"]))  # ACK401

            def _on_trade(self, msg):
                self.loop.call_soon_threadsafe(self.prices.put_nowait, float(msg["p"]))

            def start(self, symbol: str) -> None:
                self.twm.start()
                self.twm.start_symbol_ticker_socket(callback=self._on_price, symbol=symbol)
                self.twm.start_trade_socket(self._on_trade, symbol)


        class Streams:
            def __init__(self) -> None:
                self.prices: asyncio.Queue = asyncio.Queue(maxsize=100)

            def start_kline_socket(self, callback, symbol):
                callback({"symbol": symbol})

            def _on_kline(self, msg):
                self.prices.put_nowait(msg)

            def run(self) -> None:
                self.start_kline_socket(self._on_kline, "BTCUSDT")


        async def async_manager(prices: asyncio.Queue) -> None:
            client = await AsyncClient.create()
            bm = BinanceSocketManager(client)
            async with bm.trade_socket("BTCUSDT") as stream:
                prices.put_nowait(await stream.recv())
    ''', CODES)
