"""A call-center bridge: SMS and voice through Twilio, queue events from Asterisk (AMI and ARI), one asyncio service."""
from __future__ import annotations

import asyncio
import functools
import logging
import os

import aioari
import ari
import asterisk.manager
from panoramisk import Manager
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.request_validator import RequestValidator
from twilio.rest import Client
from twilio.twiml.voice_response import VoiceResponse

log = logging.getLogger("call_center")

SID = os.environ.get("TWILIO_ACCOUNT_SID", "")
TOKEN = os.environ.get("TWILIO_AUTH_TOKEN", "")
FROM = os.environ.get("TWILIO_FROM", "+15550100")


def twilio_sync() -> Client:  # expect: clean
    return Client(SID, TOKEN)


def twilio_async() -> Client:  # expect: clean
    return Client(SID, TOKEN, http_client=AsyncTwilioHttpClient())


async def sms_callback_notice(to: str, minutes: int) -> str:  # expect: blocking-call
    msg = twilio_sync().messages.create(to=to, from_=FROM, body=f"We will call you back in about {minutes} minutes.")
    return msg.sid


async def sms_callback_notice_async(to: str, minutes: int) -> str:  # expect: clean  # near: blocking-call
    msg = await twilio_async().messages.create_async(to=to, from_=FROM, body=f"We will call you back in {minutes} minutes.")
    return msg.sid


async def ring_supervisor(to: str, twiml_url: str) -> None:  # expect: unawaited-coroutine
    client = twilio_async()
    client.calls.create_async(to=to, from_=FROM, url=twiml_url)
    log.info("ringing supervisor %s", to)


def send_survey_sync(to: str) -> str:  # expect: clean
    return twilio_sync().messages.create(to=to, from_=FROM, body="How did we do? Reply 1-5.").sid


async def send_survey(to: str) -> str:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, send_survey_sync, to)


async def verify_webhook(url: str, params: dict, signature: str) -> bool:  # expect: clean  # near: blocking-call
    return RequestValidator(TOKEN).validate(url, params, signature)


async def voicemail_twiml(caller: str) -> str:  # expect: clean
    resp = VoiceResponse()
    resp.say(f"Sorry {caller}, all agents are busy.")
    resp.record(max_length=120, action="/voicemail/done")
    return str(resp)


class CallControl:  # expect: blocking-call
    """Ends calls and fetches recordings for the supervisor dashboard."""

    def __init__(self, client: Client) -> None:
        self.client = client

    async def hang_up(self, call_sid: str) -> None:
        self.client.calls(call_sid).update(status="completed")

    async def recording_url(self, sid: str) -> str:
        return await asyncio.to_thread(lambda: self.client.recordings(sid).fetch().media_url)


class DeferredHangup:  # expect: unawaited-coroutine
    def __init__(self, client: Client) -> None:
        self.client = client

    async def hang_up(self, call_sid: str) -> None:
        await self.client.calls(call_sid).update_async(status="completed")

    def after(self, seconds: float, call_sid: str) -> None:
        asyncio.get_running_loop().call_later(seconds, functools.partial(self.hang_up, call_sid))


class ScheduledHangup:  # expect: clean  # near: unawaited-coroutine, dangling-task
    def __init__(self, client: Client) -> None:
        self.client = client
        self.timers: dict[str, asyncio.TimerHandle] = {}
        self.tasks: set[asyncio.Task] = set()

    async def hang_up(self, call_sid: str) -> None:
        await self.client.calls(call_sid).update_async(status="completed")

    def _spawn(self, call_sid: str) -> None:
        task = asyncio.create_task(self.hang_up(call_sid))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    def after(self, seconds: float, call_sid: str) -> None:
        self.timers[call_sid] = asyncio.get_running_loop().call_later(seconds, self._spawn, call_sid)


async def queue_status_ami(host: str, user: str, secret: str) -> dict:  # expect: blocking-call
    manager = asterisk.manager.Manager()
    manager.connect(host)
    manager.login(user, secret)
    try:
        return manager.status().headers
    finally:
        manager.logoff()
        manager.close()


class QueueWatcher:  # expect: clean  # near: unawaited-coroutine, blocking-call
    """panoramisk: the AMI over asyncio; its event callbacks may be coroutines."""

    def __init__(self, manager: Manager, board) -> None:
        self.manager = manager
        self.board = board
        manager.register_event("QueueCallerJoin", self.on_join)

    async def on_join(self, manager: Manager, message) -> None:
        await self.board.caller_joined(message.Queue, message.CallerIDNum)

    async def start(self) -> None:
        await self.manager.connect()
        await self.manager.send_action({"Action": "QueueStatus"})


async def list_channels_ari(url: str, user: str, password: str) -> list[str]:  # expect: blocking-call
    client = ari.connect(url, user, password)
    return [ch.json["name"] for ch in client.channels.list()]


async def list_channels_aioari(url: str, user: str, password: str) -> list[str]:  # expect: clean  # near: blocking-call
    client = await aioari.connect(url, user, password)
    try:
        return [ch.json["name"] for ch in await client.channels.list()]
    finally:
        await client.close()


async def originate_agent(client: aioari.Client, endpoint: str) -> None:  # expect: unawaited-coroutine
    client.channels.originate(endpoint=endpoint, app="callcenter", appArgs="agent")
    log.info("originating %s", endpoint)


async def on_voicemail_done(recording_url: str, caller: str, transcribe) -> dict:  # expect: dangling-task
    asyncio.create_task(transcribe(recording_url, caller))
    return {"ok": True}


_jobs: set[asyncio.Task] = set()


async def on_voicemail_done_tracked(recording_url: str, caller: str, transcribe) -> dict:  # expect: clean  # near: dangling-task
    job = asyncio.create_task(transcribe(recording_url, caller))
    _jobs.add(job)
    job.add_done_callback(_jobs.discard)
    return {"ok": True}
