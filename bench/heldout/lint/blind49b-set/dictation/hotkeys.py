"""Keyboard and mouse bindings of the dictation app; `app.py` registers them with pynput's listeners."""
from __future__ import annotations

import asyncio
import logging
from typing import Awaitable, Callable

import janus
from pynput import keyboard, mouse

log = logging.getLogger("dictation.hotkeys")

PTT_KEY = keyboard.Key.f9


class PushToTalk:  # expect: ?thread-unsafe-capture
    """While F9 is held, `talking` is set; the recogniser records only then."""

    def __init__(self) -> None:
        self.talking = asyncio.Event()

    def on_press(self, key) -> None:
        if key == PTT_KEY and not self.talking.is_set():
            self.talking.set()

    def on_release(self, key) -> None:
        if key == PTT_KEY:
            self.talking.clear()


class PushToTalkThreadsafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.talking = asyncio.Event()

    def on_press(self, key) -> None:
        if key == PTT_KEY:
            self.loop.call_soon_threadsafe(self.talking.set)

    def on_release(self, key) -> None:
        if key == PTT_KEY:
            self.loop.call_soon_threadsafe(self.talking.clear)


def start_command_hotkeys(commands: asyncio.Queue) -> keyboard.GlobalHotKeys:  # expect: thread-unsafe-capture
    hotkeys = keyboard.GlobalHotKeys({
        "<ctrl>+<alt>+d": lambda: commands.put_nowait("dictate"),
        "<ctrl>+<alt>+u": lambda: commands.put_nowait("undo"),
        "<ctrl>+<alt>+p": lambda: commands.put_nowait("pause"),
    })
    hotkeys.start()
    return hotkeys


def start_command_hotkeys_janus(commands: janus.Queue[str]) -> keyboard.GlobalHotKeys:  # expect: clean  # near: thread-unsafe-capture
    hotkeys = keyboard.GlobalHotKeys({
        "<ctrl>+<alt>+d": lambda: commands.sync_q.put("dictate"),
        "<ctrl>+<alt>+u": lambda: commands.sync_q.put("undo"),
    })
    hotkeys.start()
    return hotkeys


class MouseGestures:  # expect: thread-unsafe-capture
    """A middle click inserts the last phrase at the pointer."""

    def __init__(self, loop: asyncio.AbstractEventLoop, insert: Callable[[int, int], Awaitable[None]]) -> None:
        self.loop = loop
        self.insert = insert
        self.listener: mouse.Listener | None = None

    def start(self) -> None:
        self.listener = mouse.Listener(on_click=self._clicked)
        self.listener.start()

    def _clicked(self, x: int, y: int, button, pressed: bool) -> None:
        if pressed and button == mouse.Button.middle:
            self.loop.create_task(self.insert(x, y))


class MouseGesturesThreadsafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, loop: asyncio.AbstractEventLoop, insert: Callable[[int, int], Awaitable[None]]) -> None:
        self.loop = loop
        self.insert = insert
        self.pending: set = set()
        self.listener: mouse.Listener | None = None

    def start(self) -> None:
        self.listener = mouse.Listener(on_click=self._clicked)
        self.listener.start()

    def _clicked(self, x: int, y: int, button, pressed: bool) -> None:
        if pressed and button == mouse.Button.middle:
            fut = asyncio.run_coroutine_threadsafe(self.insert(x, y), self.loop)
            self.pending.add(fut)
            fut.add_done_callback(self.pending.discard)


def wake_word_trigger(loop: asyncio.AbstractEventLoop, wake: asyncio.Event):  # expect: clean  # near: thread-unsafe-capture
    """What the hotkey listener calls when the wake combination is pressed."""
    return lambda: loop.call_soon_threadsafe(wake.set)


def describe_key(key) -> str:  # expect: clean
    if isinstance(key, keyboard.KeyCode) and key.char:
        return key.char
    return str(key).removeprefix("Key.")


class KeyLogger:  # expect: ?thread-unsafe-capture
    """Echoes typed keys into the transcript window while dictation is paused."""

    def __init__(self, typed: asyncio.Queue) -> None:
        self.typed = typed

    def on_press(self, key) -> None:
        text = describe_key(key)
        if len(text) == 1:
            self._forward(text)

    def _forward(self, text: str) -> None:
        try:
            self.typed.put_nowait(text)
        except asyncio.QueueFull:
            log.debug("dropped %r", text)
