"""Shapes a held-out set missed: the sleeps and prompts of interactive programs' libraries (a game's frame
limiter, a live plot's pause, a terminal prompt)."""
from __future__ import annotations

from .helpers import check_marked
from .test_fix import fixed


def test_frame_limiter_plot_pause_and_terminal_prompt_block_the_loop() -> None:
    check_marked('''
        import asyncio
        import pygame
        from matplotlib import pyplot
        from prompt_toolkit import PromptSession, prompt
        from prompt_toolkit.shortcuts import confirm

        async def render(rate: int) -> None:
            limiter = pygame.time.Clock()
            while True:
                limiter.tick(rate)  # ACK101
                limiter.tick_busy_loop(framerate=30)  # ACK101
                await asyncio.sleep(0)

        async def settle() -> None:
            pygame.time.wait(40)  # ACK101
            pygame.time.delay(3)  # ACK101

        async def redraw(seconds: float) -> None:
            pyplot.pause(seconds)  # ACK101

        async def shell() -> str:
            ps: PromptSession[str] = PromptSession("$ ")
            first = ps.prompt()  # ACK107
            if not confirm("again?"):  # ACK107
                return first
            return prompt("next: ")  # ACK107
    ''', ["ACK101", "ACK107"])


def test_clock_that_only_measures_async_prompt_and_sync_code_are_quiet() -> None:
    check_marked('''
        import asyncio
        import pygame
        from prompt_toolkit import PromptSession
        from prompt_toolkit.patch_stdout import patch_stdout

        class Metronome:
            def tick(self, bpm: int) -> None: ...
            def prompt(self) -> str: return ""

        async def measure() -> float:
            watch = pygame.time.Clock()
            elapsed = watch.tick()
            watch.tick(0)
            await asyncio.sleep(1 / 30)
            return elapsed

        async def shell() -> str:
            ps = PromptSession("$ ")
            with patch_stdout():
                return await ps.prompt_async()

        async def look_alikes(m: Metronome) -> str:
            m.tick(120)
            return m.prompt()

        async def off_the_loop(rate: int) -> None:
            limiter = pygame.time.Clock()
            await asyncio.to_thread(limiter.tick, rate)

        def game_loop(rate: int) -> None:
            limiter = pygame.time.Clock()
            limiter.tick(rate)
            PromptSession().prompt()
    ''', ["ACK101", "ACK107"])


def test_async_prompt_left_unawaited_is_a_dropped_coroutine() -> None:
    check_marked('''
        import prompt_toolkit

        async def shell():
            ps = prompt_toolkit.PromptSession()
            ps.prompt_async()  # ACK301
            return await ps.prompt_async()
    ''', ["ACK301"])


def test_frame_limiter_and_pause_get_no_sleep_fix() -> None:
    # a frame rate or milliseconds are no seconds, and a pause also redraws: `asyncio.sleep(...)` would be wrong
    source = """
import asyncio
import pygame
from matplotlib import pyplot

async def render(rate, seconds):
    limiter = pygame.time.Clock()
    limiter.tick(rate)
    pygame.time.wait(40)
    pyplot.pause(seconds)
    await asyncio.sleep(0)
"""
    assert fixed(source) == source


def test_task_made_in_a_lambda_whose_caller_ignores_its_value_is_dropped() -> None:
    check_marked('''
        import asyncio
        import atexit
        from PySide6.QtCore import QTimer

        class Recorder:
            async def flush(self) -> None: ...

            def flush_soon(self) -> None:
                QTimer.singleShot(500, lambda: asyncio.ensure_future(self.flush()))  # ACK302

            def wire(self, knob, ticker: QTimer) -> None:
                knob.valueChanged.connect(lambda v: asyncio.create_task(self.flush()))  # ACK302
                ticker.timeout.connect(lambda: asyncio.ensure_future(self.flush()))  # ACK302

        async def chain(rec: Recorder, pending: asyncio.Future) -> None:
            pending.add_done_callback(lambda _: asyncio.create_task(rec.flush()))  # ACK302
            atexit.register(lambda: asyncio.ensure_future(rec.flush()))  # ACK302
    ''', ["ACK302"])


def test_task_made_in_a_lambda_whose_value_is_kept_is_quiet() -> None:
    check_marked('''
        import asyncio
        from PySide6.QtCore import QTimer

        async def flush(n: int) -> None: ...

        async def kept(running: set, started: list, items: list) -> None:
            QTimer.singleShot(500, lambda: started.append(asyncio.create_task(flush(1))))
            asyncio.get_running_loop().call_soon(lambda: running.add(asyncio.create_task(flush(2))))
            await asyncio.gather(*map(lambda n: asyncio.create_task(flush(n)), items))
            make = lambda: asyncio.create_task(flush(3))
            running.add(make())
    ''', ["ACK302"])


def test_connect_outside_a_qt_module_is_not_read_as_a_signal() -> None:
    # a database's or a signal library's `connect` may hand back what the receiver returns
    check_marked('''
        import asyncio
        import blinker

        async def flush() -> None: ...

        saved = blinker.signal("saved")

        def wire() -> None:
            saved.connect(lambda sender: asyncio.ensure_future(flush()))
    ''', ["ACK302"])
