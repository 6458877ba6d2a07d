"""Shapes found missing on a fortieth held-out set (web backends and chat bots): each flagged shape beside the
look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked, project_findings


def test_a_discord_clients_loop_is_an_event_loop_so_a_task_it_starts_and_drops_dangles():
    check_marked('''
        import asyncio
        import discord
        from discord.ext import commands

        async def refresh() -> None:
            await asyncio.sleep(60)

        class Feeds(commands.Cog):
            def __init__(self, bot: commands.Bot) -> None:
                self.bot = bot
                self.poller = None

            @commands.Cog.listener()
            async def on_ready(self) -> None:
                self.bot.loop.create_task(refresh())  # ACK302

            @commands.Cog.listener()
            async def on_resumed(self) -> None:
                self.poller = self.bot.loop.create_task(refresh())

        class Relay(discord.Client):
            async def setup_hook(self) -> None:
                self.loop.create_task(refresh())  # ACK302

            async def on_ready(self) -> None:
                self.ticker = self.loop.create_task(refresh())

        @commands.command()
        async def reload(ctx: commands.Context) -> None:
            ctx.bot.loop.create_task(refresh())  # ACK302
            kept = ctx.bot.loop.create_task(refresh())
            await kept
    ''', ["ACK302"])


def test_a_cogs_unannotated_bot_is_the_bot_by_the_frameworks_convention():
    check_marked('''
        import asyncio
        from discord.ext import commands

        async def refresh() -> None:
            await asyncio.sleep(60)

        class Music(commands.Cog):
            def __init__(self, bot) -> None:
                self.bot = bot

            async def cog_load(self) -> None:
                self.bot.loop.create_task(refresh())  # ACK302

        class Scheduler:
            """Not a cog: its `bot` is whatever the caller hands it; but an attribute named `loop` reached through
            another, in a module that imports asyncio, is taken for a loop (lmiss7)."""

            def __init__(self, bot) -> None:
                self.bot = bot

            async def start(self) -> None:
                self.bot.loop.create_task(refresh())  # ACK302

        class Stats(commands.Cog):
            def __init__(self, bot, runner) -> None:
                self.bot = bot
                self.runner = runner

            async def cog_load(self) -> None:
                self.runner.loop.create_task(refresh())  # ACK302
    ''', ["ACK302"])


def test_a_subscript_runs_the_project_classs_getitem_on_the_loop():
    check_marked('''
        import asyncio
        import sqlite3
        import time

        class Settings:
            """Dict-like access for templates, read through a sync database connection."""

            def __init__(self, path: str) -> None:
                self.conn = sqlite3.connect(path)

            def __getitem__(self, key: str) -> str:
                row = self.conn.execute("select value from settings where key = ?", (key,)).fetchone()
                return row[0]

            def __setitem__(self, key: str, value: str) -> None:
                self.values = {key: value}

            async def title(self) -> str:
                return self["site_title"]  # ACK105

            async def rename(self, title: str) -> None:
                self["site_title"] = title

            def __delitem__(self, key: str) -> None:
                self.values = {}

            async def forget(self, key: str) -> None:
                del self[key], self.values[key]

        class Cached:
            def __init__(self) -> None:
                self.values: dict[str, str] = {}

            def __getitem__(self, key: str) -> str:
                return self.values[key]

            def lookup(self, key: str) -> str:
                return self[key]

        class Throttled:
            def __getitem__(self, index: int) -> int:
                time.sleep(0.1)
                return index

            def nth(self, index: int) -> int:
                return self[index]

        async def handler(settings: Settings, cached: Cached, throttled: Throttled, plain: dict) -> list:
            return [
                settings["motd"],  # ACK105
                cached["motd"],
                cached.lookup("motd"),
                plain["motd"],
                throttled.nth(2),  # ACK101
                await asyncio.to_thread(throttled.nth, 2),
            ]

        def sync_report(settings: Settings) -> str:
            return settings["motd"]
    ''', ["ACK101", "ACK105"])


def test_a_subscript_of_a_class_of_another_module_runs_its_getitem(tmp_path):
    found = project_findings(tmp_path, {
        "app/__init__.py": "",
        "app/config.py": '''
            import requests

            class RemoteConfig:
                def __init__(self, url: str) -> None:
                    self.url = url

                def __getitem__(self, key: str) -> str:
                    return requests.get(f"{self.url}/{key}", timeout=5).text

            class LocalConfig:
                def __init__(self, values: dict) -> None:
                    self.values = values

                def __getitem__(self, key: str) -> str:
                    return self.values[key]
        ''',
        "app/views.py": '''
            from app.config import LocalConfig, RemoteConfig

            async def banner(remote: RemoteConfig, local: LocalConfig) -> str:
                return remote["banner"] + local["banner"]
        ''',
    }, ["ACK102"])
    assert found == {("app/views.py", 4, "ACK102")}


def test_djangos_mail_api_sends_over_smtp_on_the_calling_thread():
    check_marked('''
        import asyncio
        from asgiref.sync import sync_to_async
        from django.core import mail
        from django.core.mail import EmailMultiAlternatives, send_mail

        async def contact(request):
            send_mail("Contact", request.POST["text"], "noreply@example.invalid", ["team@example.invalid"])  # ACK105
            mail.mail_admins("new contact", request.POST["text"])  # ACK105

        async def newsletter(request, html: str):
            msg = EmailMultiAlternatives("News", "see html", "news@example.invalid", ["all@example.invalid"])
            msg.attach_alternative(html, "text/html")
            msg.send()  # ACK105

        async def contact_offloaded(request):
            await sync_to_async(send_mail)("Contact", "x", "noreply@example.invalid", ["team@example.invalid"])
            msg = EmailMultiAlternatives("News", "x", "news@example.invalid", ["all@example.invalid"])
            await asyncio.to_thread(msg.send)

        def contact_sync_view(request):
            send_mail("Contact", "x", "noreply@example.invalid", ["team@example.invalid"])

        class Outbox:
            """The project's own `send` on its own message type: not Django's."""

            def send(self) -> None:
                self.sent = True

        async def queue_it(outbox: Outbox) -> None:
            outbox.send()
    ''', ["ACK105"])


def test_an_unannotated_fastapi_dependency_gets_what_its_dependency_returns_or_yields():
    check_marked('''
        import httpx
        import requests
        from fastapi import Depends, FastAPI, Security
        from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
        from sqlalchemy.orm import sessionmaker

        app = FastAPI()
        SessionLocal = sessionmaker()
        async_engine = create_async_engine("postgresql+asyncpg://db/app")

        def get_db():
            db = SessionLocal()
            try:
                yield db
            finally:
                db.close()

        async def get_async_db():
            async with AsyncSession(async_engine) as session:
                yield session

        def get_http():
            return requests.Session()

        async def get_async_http():
            return httpx.AsyncClient()

        def get_token(header: str = "") -> str:
            return header

        @app.get("/orders")
        async def orders(db=Depends(get_db), http=Depends(dependency=get_http), token=Security(get_token)):
            rows = db.query(object).all()  # ACK105
            http.get("https://rates.example.invalid", timeout=5)  # ACK102
            return {"rows": rows, "token": token.upper()}

        @app.get("/orders-async")
        async def orders_async(db=Depends(get_async_db), http=Depends(get_async_http)):
            rows = await db.execute("select 1")
            await http.get("https://rates.example.invalid")
            return rows

        @app.get("/orders-sync")
        def orders_sync(db=Depends(get_db)):
            return db.query(object).all()
    ''', ["ACK102", "ACK105"])


def test_notification_and_oauth_clients_a_backend_calls_from_its_handlers_make_requests():
    check_marked('''
        import asyncio
        import sendgrid
        import tweepy
        from authlib.integrations.requests_client import OAuth2Session
        from authlib.integrations.httpx_client import AsyncOAuth2Client
        from firebase_admin import auth, messaging
        from requests_oauthlib import OAuth2Session as GithubSession
        from sendgrid.helpers.mail import Mail
        from twilio.http.async_http_client import AsyncTwilioHttpClient
        from twilio.rest import Client

        twilio = Client("AC123", "token")
        mailer = sendgrid.SendGridAPIClient("key")

        async def send_code(phone: str) -> str:
            msg = twilio.messages.create(to=phone, from_="+15550000", body="your code")  # ACK102
            context = twilio.messages(msg.sid)  # a context for the sid: no request yet
            return twilio.account_sid + str(context)

        async def send_code_async(phone: str) -> None:
            client = Client("AC123", "token", http_client=AsyncTwilioHttpClient())
            await client.messages.create_async(to=phone, from_="+15550000", body="your code")

        async def welcome_mail(to: str) -> None:
            mailer.send(Mail(from_email="hi@example.invalid", to_emails=to))  # ACK102
            mailer.client.mail.send.post(request_body={"to": to})  # ACK102

        async def welcome_mail_offloaded(to: str) -> None:
            await asyncio.to_thread(mailer.send, Mail(from_email="hi@example.invalid", to_emails=to))

        async def push(token: str, title: str) -> None:
            note = messaging.Message(token=token, notification=messaging.Notification(title=title))
            messaging.send(note)  # ACK102

        async def current_user(id_token: str) -> str:
            claims = auth.verify_id_token(id_token)  # ACK102
            return claims["uid"]

        async def oauth_callback(code: str) -> dict:
            github = GithubSession("client-id", redirect_uri="https://app.example.invalid/cb")
            google = OAuth2Session("client-id", "secret")
            github.fetch_token("https://github.invalid/token", code=code, client_secret="s")  # ACK102
            return google.fetch_token("https://google.invalid/token", code=code)  # ACK102

        async def oauth_callback_async(code: str) -> dict:
            async with AsyncOAuth2Client("client-id", "secret") as client:
                return await client.fetch_token("https://google.invalid/token", code=code)

        async def tweet(text: str) -> None:
            tweepy.Client(bearer_token="t").create_tweet(text=text)  # ACK102
    ''', ["ACK102"])


def test_slack_bolts_async_listeners_get_awaitable_ack_say_and_respond_by_parameter_name():
    check_marked('''
        import asyncio
        from slack_bolt import App
        from slack_bolt.async_app import AsyncApp

        app = AsyncApp(token="xoxb-token")
        legacy = App(token="xoxb-token")

        @app.command("/deploy")
        async def deploy(ack, say, command, client):
            ack()  # ACK301
            say(f"deploying {command['text']}")  # ACK301
            client.chat_postMessage(channel=command["channel_id"], text="started")  # ACK301
            await asyncio.sleep(0)

        @app.action("approve")
        async def approve(body, ack, respond):
            await ack()
            respond("approved")  # ACK301

        @app.event("app_mention")
        async def mention(event, say, ack):
            await ack()
            await say("hi")

        @legacy.command("/deploy")
        def deploy_sync(ack, say):
            ack()
            say("deploying")

        def helper(ack, say):
            ack()
            say("not a listener")
    ''', ["ACK301"])
