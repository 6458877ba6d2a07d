"""A scheduling assistant: reads mailboxes and calendars, books meetings."""
from __future__ import annotations

import asyncio
from typing import Any

import caldav
from exchangelib import Account, Credentials
from imap_tools import MailBox
from imapclient import IMAPClient
from O365 import Account as O365Account


async def unread_subjects(host: str, user: str, password: str) -> list[str]:  # expect: blocking-call
    with MailBox(host).login(user, password) as mailbox:
        return [msg.subject for msg in mailbox.fetch(mark_seen=False, limit=20)]


async def unread_count(client: IMAPClient) -> int:  # expect: blocking-call
    client.select_folder("INBOX", readonly=True)
    return len(client.search(["UNSEEN"]))


async def exchange_inbox(email: str, user: str, password: str) -> list[str]:  # expect: blocking-call
    account = Account(email, credentials=Credentials(user, password), autodiscover=True)
    return [item.subject for item in account.inbox.all().order_by("-datetime_received")[:10]]


async def caldav_calendars(url: str, user: str, password: str) -> list[str]:  # expect: blocking-call
    client = caldav.DAVClient(url=url, username=user, password=password)
    return [c.name for c in client.principal().calendars()]


async def o365_events(account: O365Account) -> list[Any]:  # expect: blocking-call
    schedule = account.schedule()
    return list(schedule.get_default_calendar().get_events(limit=10))


async def unread_subjects_offloaded(host: str, user: str, password: str) -> list[str]:  # expect: clean  # near: blocking-call
    def read() -> list[str]:
        with MailBox(host).login(user, password) as mailbox:
            return [msg.subject for msg in mailbox.fetch(mark_seen=False, limit=20)]

    return await asyncio.to_thread(read)
