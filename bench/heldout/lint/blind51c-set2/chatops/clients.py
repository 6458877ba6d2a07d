"""The service clients the commands use, made once at start-up."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from github import Github
from jira import JIRA
from slack_sdk import WebClient
from slack_sdk.web.async_client import AsyncWebClient


@dataclass
class Settings:
    jira_url: str
    jira_token: str
    github_token: str
    slack_token: str


class Clients:  # expect: clean
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.slack = AsyncWebClient(token=settings.slack_token)
        self._jira: JIRA | None = None

    @property
    def jira(self) -> JIRA:
        if self._jira is None:
            self._jira = JIRA(self.settings.jira_url, token_auth=self.settings.jira_token)
        return self._jira

    @functools.cached_property
    def github(self) -> Github:
        return Github(self.settings.github_token)

    @functools.cached_property
    def slack_sync(self) -> WebClient:
        return WebClient(token=self.settings.slack_token)


def tracker_for(clients: Clients) -> JIRA:  # expect: clean
    return clients.jira
