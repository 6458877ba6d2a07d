"""Registries of coroutine functions: an attribute or a variable declared a collection of awaitable-returning
callables (`self._subscribers: list[Callable[[Event], Awaitable[None]]] = []`) is filled by a `subscribe()` whose
parameter says the same, so a call of one of its members that nobody awaits is a coroutine that never runs. A lone
field declared `Callable[..., Awaitable[T]]` stays loose (entity descriptions fill such fields with lambdas around
sync calls); sync callbacks, optional awaitables and calls whose result is awaited, gathered or checked stay clean."""
from __future__ import annotations

from .helpers import check_marked

CODES = ["ACK301"]


def test_members_of_a_declared_registry_must_be_awaited():
    check_marked('''
        import asyncio
        from typing import Awaitable, Callable, Coroutine, Dict, List

        Handler = Callable[[dict], Awaitable[None]]

        class Bus:
            handlers_by_kind: Dict[str, Handler]

            def __init__(self) -> None:
                self._subscribers: list[Callable[[dict], Coroutine[None, None, None]]] = []
                self.handlers_by_kind = {}

            def subscribe(self, handler: Callable[[dict], Coroutine[None, None, None]]) -> None:
                self._subscribers.append(handler)

            async def publish(self, event: dict) -> None:
                for subscriber in self._subscribers:
                    subscriber(event)  # ACK301
                self.handlers_by_kind[event["kind"]](event)  # ACK301

            async def publish_snapshot(self, event: dict) -> None:
                snapshot: List[Handler] = list(self._subscribers)
                for handler in snapshot:
                    handler(event)  # ACK301
    ''', CODES)


def test_look_alike_registries_stay_clean():
    check_marked('''
        import asyncio
        import inspect
        from dataclasses import dataclass
        from typing import Any, Awaitable, Callable, Optional

        class Bus:
            def __init__(self) -> None:
                self._sync_listeners: list[Callable[[dict], None]] = []
                self._maybe_async: list[Callable[[dict], Optional[Awaitable[None]]]] = []
                self._subscribers: list[Callable[[dict], Awaitable[None]]] = []
                self._tasks: set[asyncio.Task] = set()

            async def publish(self, event: dict) -> None:
                for listener in self._sync_listeners:
                    listener(event)
                for handler in self._maybe_async:
                    handler(event)
                await asyncio.gather(*(s(event) for s in self._subscribers))
                for subscriber in self._subscribers:
                    task = asyncio.create_task(subscriber(event))
                    self._tasks.add(task)
                    task.add_done_callback(self._tasks.discard)

            async def publish_checked(self, event: dict) -> None:
                for subscriber in self._subscribers:
                    result = subscriber(event)
                    if inspect.isawaitable(result):
                        await result

        @dataclass
        class SwitchDescription:
            # a lone field: filled with lambdas around sync calls, the annotation is not taken at its word
            turn_on: Callable[[Any], Awaitable[None]]

        class Switch:
            def __init__(self, description: SwitchDescription, device: Any) -> None:
                self.description = description
                self.device = device

            def turn_on(self) -> None:
                self.description.turn_on(self.device)
    ''', CODES)
