"""A field declared so that only a coroutine function fits it (an optional hook, a callable returning a
`Coroutine`) makes a coroutine when called; fields that lambdas around sync calls fill stay loose."""
from __future__ import annotations

from tests.lint.helpers import check_marked

CODES = ("ACK301",)


def test_optional_hooks_and_coroutine_returning_fields_are_taken_at_their_word():
    check_marked('''
        from dataclasses import dataclass, field
        from typing import Any, Awaitable, Callable, Coroutine, Optional

        import attr

        @dataclass
        class Hooks:
            on_event: Optional[Callable[..., Awaitable[None]]] = None
            on_start: Callable[[], Coroutine[Any, Any, None]] = field(default=None)
            on_stop: "Callable[[], Awaitable[None]] | None" = None

        @attr.define
        class Handlers:
            on_message: Optional[Callable[[str], Awaitable[None]]] = None

        async def fire(hooks: Hooks, handlers: Handlers) -> None:
            if hooks.on_event:
                hooks.on_event(1)  # ACK301
            hooks.on_start()  # ACK301
            if handlers.on_message is not None:
                handlers.on_message("hello")  # ACK301
                await handlers.on_message("again")

        def fire_from_sync_code(hooks: Hooks) -> None:
            if hooks.on_event is not None:
                hooks.on_event(1)  # ACK301

        class Client:
            def __init__(self, hooks: Hooks) -> None:
                self.hooks = hooks

            async def connected(self) -> None:
                if self.hooks.on_event:
                    self.hooks.on_event("connected")  # ACK301
    ''', CODES)


def test_fields_a_sync_callable_may_fill_stay_quiet():
    check_marked('''
        from dataclasses import dataclass
        from typing import Any, Awaitable, Callable, Optional, Union

        @dataclass(frozen=True, kw_only=True)
        class ButtonDescription:
            key: str
            # filled per entity with lambdas around the device's (often sync) calls
            press_fn: Callable[[Any], Awaitable[None]]
            either: Callable[..., Awaitable[None] | None] = lambda device: None
            maybe: Optional[Callable[..., Union[Awaitable[None], None]]] = None

        BUTTONS = (ButtonDescription(key="restart", press_fn=lambda device: device.restart()),)

        class Button:
            def __init__(self, description: ButtonDescription, device: Any) -> None:
                self.description = description
                self.device = device

            async def press(self) -> None:
                self.description.press_fn(self.device)
                self.description.either(self.device)
                if self.description.maybe:
                    self.description.maybe(self.device)
    ''', CODES)
