"""Slash command handlers (each runs on the bot's event loop)."""
from __future__ import annotations

import asyncio
import logging
from typing import Any

from slack_bolt.async_app import AsyncApp

from .clients import Clients, tracker_for

log = logging.getLogger(__name__)


async def open_ticket(clients: Clients, summary: str, project: str = "OPS") -> str:  # expect: blocking-call
    issue = clients.jira.create_issue(project=project, summary=summary, issuetype={"name": "Task"})
    return issue.key


async def open_ticket_offloaded(clients: Clients, summary: str, project: str = "OPS") -> str:  # expect: clean  # near: blocking-call
    issue = await asyncio.to_thread(
        clients.jira.create_issue, project=project, summary=summary, issuetype={"name": "Task"}
    )
    return issue.key


async def ticket_status(clients: Clients, key: str) -> str:  # expect: blocking-call
    tracker = tracker_for(clients)
    return tracker.issue(key).fields.status.name


async def open_pulls(clients: Clients, repo: str) -> list[str]:  # expect: blocking-call
    return [p.title for p in clients.github.get_repo(repo).get_pulls(state="open")]


def open_pulls_sync(clients: Clients, repo: str) -> list[str]:  # expect: clean  # near: blocking-call
    return [p.title for p in clients.github.get_repo(repo).get_pulls(state="open")]


async def announce(clients: Clients, channel: str, text: str) -> None:  # expect: clean  # near: blocking-call
    await clients.slack.chat_postMessage(channel=channel, text=text)


async def announce_legacy(clients: Clients, channel: str, text: str) -> None:  # expect: blocking-call
    clients.slack_sync.chat_postMessage(channel=channel, text=text)


async def announce_and_forget(clients: Clients, channel: str, text: str) -> None:  # expect: unawaited-coroutine
    clients.slack.chat_postMessage(channel=channel, text=text)


def register(app: AsyncApp, clients: Clients) -> None:  # expect: clean
    @app.command("/ticket")
    async def ticket(ack: Any, command: dict, respond: Any) -> None:
        await ack()
        key = await open_ticket_offloaded(clients, command["text"])
        await respond(f"Opened {key}")

    @app.command("/pulls")
    async def pulls(ack: Any, command: dict, respond: Any) -> None:
        await ack()
        titles = await asyncio.to_thread(open_pulls_sync, clients, command["text"])
        await respond("\n".join(titles) or "No open pull requests")


def register_leaky(app: AsyncApp, clients: Clients) -> None:  # expect: dangling-task
    @app.command("/announce")
    async def announce_cmd(ack: Any, command: dict) -> None:
        await ack()
        asyncio.create_task(announce(clients, "#ops", command["text"]))
