"""Notification fan-out: push, chat webhooks, SMS and e-mail from one alerting service."""
from __future__ import annotations

import asyncio
from typing import Any

import apprise
import plivo
import vonage
import yagmail
from apns2.client import APNsClient
from apns2.payload import Payload
from discord_webhook import DiscordWebhook
from exponent_server_sdk import PushClient, PushMessage
from pushbullet import Pushbullet
from pyfcm import FCMNotification
from pywebpush import webpush
from slack_sdk.webhook import WebhookClient
from slack_sdk.webhook.async_client import AsyncWebhookClient


async def push_android(fcm: FCMNotification, token: str, title: str) -> Any:  # expect: blocking-call
    return fcm.notify(fcm_token=token, notification_title=title)


async def push_ios(client: APNsClient, token: str, text: str) -> None:  # expect: blocking-call
    client.send_notification(token, Payload(alert=text), topic="com.example.alerts")


async def push_expo(token: str, body: str) -> Any:  # expect: blocking-call
    return PushClient().publish(PushMessage(to=token, body=body))


async def push_browser(subscription: dict[str, Any], data: str, key: str) -> None:  # expect: blocking-call
    webpush(subscription_info=subscription, data=data, vapid_private_key=key, vapid_claims={"sub": "mailto:ops@example.com"})


async def slack_hook(url: str, text: str) -> int:  # expect: blocking-call
    return WebhookClient(url).send(text=text).status_code


async def slack_hook_async(url: str, text: str) -> int:  # expect: clean  # near: blocking-call
    return (await AsyncWebhookClient(url).send(text=text)).status_code


async def discord_hook(url: str, text: str) -> None:  # expect: blocking-call
    DiscordWebhook(url=url, content=text).execute()


async def fan_out(urls: list[str], title: str, body: str) -> bool:  # expect: blocking-call
    ap = apprise.Apprise()
    for url in urls:
        ap.add(url)
    return ap.notify(title=title, body=body)


async def fan_out_async(urls: list[str], title: str, body: str) -> bool:  # expect: clean  # near: blocking-call
    ap = apprise.Apprise()
    for url in urls:
        ap.add(url)
    return await ap.async_notify(title=title, body=body)


async def sms_vonage(client: vonage.Client, to: str, text: str) -> Any:  # expect: blocking-call
    return client.sms.send_message({"from": "Alerts", "to": to, "text": text})


async def sms_plivo(client: plivo.RestClient, to: str, text: str) -> Any:  # expect: blocking-call
    return client.messages.create(src="+15550000000", dst=to, text=text)


async def pushbullet_note(pb: Pushbullet, title: str, body: str) -> None:  # expect: blocking-call
    pb.push_note(title, body)


async def mail(user: str, to: str, subject: str, body: str) -> None:  # expect: blocking-call
    yagmail.SMTP(user).send(to=to, subject=subject, contents=body)


async def mail_offloaded(user: str, to: str, subject: str, body: str) -> None:  # expect: clean  # near: blocking-call
    await asyncio.to_thread(yagmail.SMTP(user).send, to=to, subject=subject, contents=body)
