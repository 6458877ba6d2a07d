"""What the linter knows about the clients that send notifications: mobile and browser push (pyfcm, apns2, Expo's
push SDK, pywebpush), chat webhooks (discord-webhook), Apprise, SMS gateways (Vonage, Plivo) and Pushbullet.

Each send posts to the service and waits for its answer on the calling thread: pyfcm's `notify`, apns2's
`send_notification` (an HTTP/2 request to Apple, `send_notification_batch` one per token), Expo's
`PushClient.publish`, `pywebpush.webpush`, a `DiscordWebhook`'s `execute`, Apprise's `notify` (one request per
service added; `async_notify` is its coroutine twin), a Vonage or Plivo client's API methods through their
namespaces (`client.sms.send_message(...)`, `client.messages.create(...)`), and a Pushbullet's pushes (its
constructor also fetches the account's devices). knowledge.py merges these tables into its own; the names follow
its conventions (canonical qualified names, `<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

FCM = "pyfcm.FCMNotification"
APNS = "apns2.client.APNsClient"
EXPO = "exponent_server_sdk.PushClient"
DISCORD_WEBHOOK = "discord_webhook.DiscordWebhook"
APPRISE = "apprise.Apprise"
VONAGE = "vonage.Client"
PLIVO = "plivo.RestClient"
PUSHBULLET = "pushbullet.Pushbullet"
_GATEWAY_SETTINGS = frozenset({"auth_id", "auth_token", "api_key", "api_secret", "session", "timeout",
                               "application_id", "host", "api_host", "proxies"})

CANONICAL: Dict[str, str] = {
    "pyfcm.fcm.FCMNotification": FCM,
    "exponent_server_sdk.exponent_server_sdk.PushClient": EXPO,
    "discord_webhook.webhook.DiscordWebhook": DISCORD_WEBHOOK,
    "apprise.apprise.Apprise": APPRISE, "apprise.Apprise.Apprise": APPRISE,
    "vonage.client.Client": VONAGE, "plivo.rest.client.RestClient": PLIVO, "plivo.rest.RestClient": PLIVO,
    "pushbullet.pushbullet.Pushbullet": PUSHBULLET,
}
BLOCKING_FUNCTIONS: Dict[str, str] = {
    "pywebpush.webpush": "ACK102",
    f"{APNS}.send_notification": "ACK102", f"{APNS}.send_notification_batch": "ACK102",
    f"{EXPO}.publish": "ACK102", f"{EXPO}.publish_multiple": "ACK102",
    f"{EXPO}.check_receipts": "ACK102", f"{EXPO}.check_receipts_multiple": "ACK102",
    **{f"{FCM}.{m}": "ACK102" for m in ("notify", "notify_single_device", "notify_multiple_devices",
                                        "topic_subscribers_data_message", "notify_topic_subscribers")},
    **{f"{DISCORD_WEBHOOK}.{m}": "ACK102" for m in ("execute", "edit", "delete")},
    f"{APPRISE}.notify": "ACK102",
    PUSHBULLET: "ACK102",
    **{f"{PUSHBULLET}.{m}": "ACK102" for m in ("push_note", "push_link", "push_file", "push_sms", "upload_file",
                                               "get_pushes", "delete_push", "refresh", "new_device")},
}
COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset({f"{APPRISE}.async_notify"})
# SMS gateways: every method reached through the client's namespaces is a request
BLOCKING_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    VONAGE: ("ACK102", _GATEWAY_SETTINGS), PLIVO: ("ACK102", _GATEWAY_SETTINGS),
}
ITEM_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    VONAGE: (VONAGE, _GATEWAY_SETTINGS), PLIVO: (PLIVO, _GATEWAY_SETTINGS),
}
RETURNS: Dict[str, str] = {name: name for name in (FCM, APNS, EXPO, DISCORD_WEBHOOK, APPRISE, VONAGE, PLIVO,
                                                   PUSHBULLET)}
