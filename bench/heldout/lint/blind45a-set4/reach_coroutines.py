"""A plugin host's event pipeline: coroutine methods reached through bases, static and class methods, closures."""
from __future__ import annotations

import abc
import asyncio
import functools
import logging
from asyncio import sleep as pause
from typing import Awaitable, Callable

log = logging.getLogger("plugins")


class Plugin(abc.ABC):  # expect: clean
    @abc.abstractmethod
    async def handle(self, event: dict) -> None:
        ...

    async def setup(self) -> None:
        await asyncio.sleep(0)


class Echo(Plugin):  # expect: unawaited-coroutine
    async def handle(self, event: dict) -> None:
        log.info("echo %s", event)

    async def reload(self) -> None:
        self.setup()


class EchoOk(Plugin):  # expect: clean  # near: unawaited-coroutine
    async def handle(self, event: dict) -> None:
        log.info("echo %s", event)

    async def reload(self) -> None:
        await self.setup()


async def fan_out(plugins: list[Plugin], event: dict) -> None:  # expect: unawaited-coroutine
    for p in plugins:
        p.handle(event)


async def fan_out_ok(plugins: list[Plugin], event: dict) -> None:  # expect: clean  # near: unawaited-coroutine
    await asyncio.gather(*(p.handle(event) for p in plugins))


class Registry:  # expect: unawaited-coroutine
    plugins: dict[str, Plugin] = {}

    @staticmethod
    async def announce(name: str) -> None:
        await asyncio.sleep(0)

    @classmethod
    async def register(cls, name: str, plugin: Plugin) -> None:
        cls.plugins[name] = plugin
        cls.announce(name)


class RegistryOk:  # expect: clean  # near: unawaited-coroutine
    plugins: dict[str, Plugin] = {}

    @staticmethod
    def announce(name: str) -> None:
        log.info("registered %s", name)

    @classmethod
    async def register(cls, name: str, plugin: Plugin) -> None:
        cls.plugins[name] = plugin
        cls.announce(name)


async def backoff(attempt: int) -> None:  # expect: unawaited-coroutine
    pause(0.1 * 2**attempt)


def make_sender(channel: str) -> Callable[[str], Awaitable[None]]:  # expect: clean
    async def send(text: str) -> None:
        await asyncio.sleep(0)
        log.info("%s <- %s", channel, text)

    return send


async def alert(text: str) -> None:  # expect: unawaited-coroutine
    send = make_sender("#ops")
    send(text)


async def alert_ok(text: str) -> None:  # expect: clean  # near: unawaited-coroutine
    send = make_sender("#ops")
    await send(text)


async def setup_all(plugins: dict[str, Plugin]) -> set:  # expect: unawaited-coroutine
    return {p.setup() for p in plugins.values() if p is not None} and set()


class Host:  # expect: unawaited-coroutine
    def __init__(self, plugins: list[Plugin]):
        self.plugins = plugins
        self.notify = functools.partial(self._notify, "host")

    async def _notify(self, who: str, text: str) -> None:
        await asyncio.sleep(0)

    async def stop(self) -> None:
        self.notify("stopping")
        for p in self.plugins:
            await p.setup()


class HostOk:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, plugins: list[Plugin]):
        self.plugins = plugins
        self.notify = functools.partial(self._notify, "host")

    async def _notify(self, who: str, text: str) -> None:
        await asyncio.sleep(0)

    async def stop(self) -> None:
        await self.notify("stopping")


async def run_pipeline(stages: list[Callable[[dict], Awaitable[dict]]], event: dict) -> dict:  # expect: unawaited-coroutine
    for stage in stages:
        event = stage(event)
    return event


async def run_pipeline_ok(stages: list[Callable[[dict], Awaitable[dict]]], event: dict) -> dict:  # expect: clean  # near: unawaited-coroutine
    for stage in stages:
        event = await stage(event)
    return event


async def closer(plugins: list[Plugin]) -> None:  # expect: unawaited-coroutine
    async def close_one(p: Plugin) -> None:
        await p.setup()

    for p in plugins:
        close_one(p)


async def closer_ok(plugins: list[Plugin]) -> None:  # expect: clean  # near: unawaited-coroutine
    def close_one(p: Plugin) -> None:
        log.info("closing %r", p)

    for p in plugins:
        close_one(p)
