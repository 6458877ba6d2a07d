"""A concert venue's door and bar service: ticket scans, bar tabs, push notices; handlers reached by name and
through small registries."""
from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import operator
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

log = logging.getLogger("venue")

_pending: set[asyncio.Task] = set()


class Gate:  # expect: clean
    """A turnstile: every method talks to the controller over the loop."""

    def __init__(self, gate_id: str, link) -> None:
        self.gate_id = gate_id
        self.link = link

    async def open(self) -> None:
        await self.link.send(f"OPEN {self.gate_id}")

    async def deny(self, reason: str) -> None:
        await self.link.send(f"DENY {self.gate_id} {reason}")

    @classmethod
    async def connect(cls, gate_id: str, opener) -> Gate:
        return cls(gate_id, await opener(gate_id))


class ScanHandler:  # expect: unawaited-coroutine
    """Dispatches a scan result to `on_<status>` by name."""

    def __init__(self, gate: Gate) -> None:
        self.gate = gate

    async def on_valid(self, ticket: str) -> None:
        await self.gate.open()

    async def on_used(self, ticket: str) -> None:
        await self.gate.deny("already used")

    async def handle(self, status: str, ticket: str) -> None:
        getattr(self, f"on_{status}")(ticket)


class AwaitingScanHandler:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, gate: Gate) -> None:
        self.gate = gate

    async def on_valid(self, ticket: str) -> None:
        await self.gate.open()

    async def on_used(self, ticket: str) -> None:
        await self.gate.deny("already used")

    async def handle(self, status: str, ticket: str) -> None:
        await getattr(self, f"on_{status}")(ticket)


async def open_all(gates: list[Gate]) -> None:  # expect: unawaited-coroutine
    list(map(operator.methodcaller("open"), gates))


async def open_all_awaited(gates: list[Gate]) -> None:  # expect: clean  # near: unawaited-coroutine
    await asyncio.gather(*map(operator.methodcaller("open"), gates))


async def add_gate(gates: dict[str, Gate], gate_id: str, opener) -> None:  # expect: unawaited-coroutine
    gates[gate_id] = Gate.connect(gate_id, opener)


async def add_gate_awaited(gates: dict[str, Gate], gate_id: str, opener) -> None:  # expect: clean  # near: unawaited-coroutine
    gates[gate_id] = await Gate.connect(gate_id, opener)


class PremiumGate(Gate):  # expect: unawaited-coroutine
    async def open(self) -> None:
        super().open()
        await self.link.send(f"LIGHTS {self.gate_id}")


class LoggedGate(Gate):  # expect: clean  # near: unawaited-coroutine
    async def open(self) -> None:
        log.info("opening %s", self.gate_id)
        await super().open()


@dataclass
class BarTab:  # expect: clean
    card: str
    items: list[str] = field(default_factory=list)
    on_close: Callable[[BarTab], Awaitable[None]] | None = None


async def close_tab(tab: BarTab) -> None:  # expect: unawaited-coroutine
    if tab.on_close is not None:
        tab.on_close(tab)
    tab.items.clear()


async def close_tab_awaited(tab: BarTab) -> None:  # expect: clean  # near: unawaited-coroutine
    if tab.on_close is not None:
        await tab.on_close(tab)
    tab.items.clear()


async def with_resources(make_printer, make_drawer) -> None:  # expect: unawaited-coroutine
    async with contextlib.AsyncExitStack() as stack:
        printer = await stack.enter_async_context(make_printer())
        stack.enter_async_context(make_drawer())
        await printer.print("shift start")


async def push_notice(push, user: str, text: str) -> None:  # expect: clean
    await push.send(user, text)


async def doors_open(push, users: list[str]) -> None:  # expect: dangling-task
    loop = asyncio.get_running_loop()
    for user in users[:50]:
        loop.call_soon(asyncio.ensure_future, push_notice(push, user, "doors are open"))


async def doors_open_tracked(push, users: list[str]) -> None:  # expect: clean  # near: dangling-task
    for user in users[:50]:
        task = asyncio.ensure_future(push_notice(push, user, "doors are open"))
        _pending.add(task)
        task.add_done_callback(_pending.discard)


async def last_call(push, users: list[str]) -> None:  # expect: dangling-task
    send = functools.partial(asyncio.create_task, name="last-call")
    send(push_notice(push, users[0], "last call"))


async def last_call_returned(push, users: list[str]) -> asyncio.Task:  # expect: clean  # near: dangling-task
    send = functools.partial(asyncio.create_task, name="last-call")
    return send(push_notice(push, users[0], "last call"))


class Scanner:  # expect: dangling-task
    def __init__(self, push) -> None:
        self.push = push

    async def on_scan(self, user: str) -> None:
        try:
            asyncio.create_task(push_notice(self.push, user, "welcome"))
        except RuntimeError:
            log.warning("no loop for %s", user)


class ShutdownAware:  # expect: dangling-task
    def __init__(self, push) -> None:
        self.push = push
        self.sessions: dict[str, asyncio.Task] = {}

    def __del__(self) -> None:
        for user in list(self.sessions):
            asyncio.get_event_loop().create_task(push_notice(self.push, user, "venue closed"))
