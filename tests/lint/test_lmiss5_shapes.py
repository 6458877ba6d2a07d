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


def test_task_returned_by_a_nested_def_only_handed_to_such_callers_is_dropped() -> None:
    check_marked('''
        import asyncio
        from PyQt6.QtCore import QTimer

        async def upload() -> None: ...

        def arm(loop: asyncio.AbstractEventLoop) -> None:
            def fire():
                return asyncio.ensure_future(upload())  # ACK302
            QTimer.singleShot(250, fire)
            loop.call_later(1.0, fire)

        def arm_and_keep(running: set) -> None:
            def fire():
                return asyncio.ensure_future(upload())
            QTimer.singleShot(250, fire)
            running.add(fire())
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


def test_pool_callbacks_touching_loop_objects_run_on_the_result_handler_thread() -> None:
    check_marked('''
        import asyncio
        import multiprocessing
        from multiprocessing.pool import Pool, ThreadPool

        def score(x: int) -> int:
            return x * x

        class Tally:
            def __init__(self, total: int) -> None:
                self.total = total
                self.seen: list = []
                self.complete = asyncio.Event()
                self.failures: asyncio.Queue = asyncio.Queue(16)

            def _landed(self, value: int) -> None:
                self.seen.append(value)
                if len(self.seen) == self.total:
                    self.complete.set()  # ACK401

            def _failed(self, exc: BaseException) -> None:
                self.failures.put_nowait(exc)  # ACK401

            async def run(self, workers: Pool) -> None:
                for n in range(self.total):
                    workers.apply_async(score, (n,), callback=self._landed, error_callback=self._failed)
                await self.complete.wait()

        async def all_at_once(values: list) -> list:
            done = asyncio.get_running_loop().create_future()
            with multiprocessing.Pool(2) as workers:
                workers.map_async(score, values, callback=lambda out: done.set_result(out))  # ACK401
                return await done

        async def pairs(values: list) -> list:
            done = asyncio.get_running_loop().create_future()
            with ThreadPool(2) as workers:
                workers.starmap_async(divmod, values, error_callback=done.set_exception)  # ACK401
                return await done

        async def report(n: int) -> None: ...

        async def spawn_from_callback(workers: Pool, loop: asyncio.AbstractEventLoop) -> None:
            workers.apply_async(score, (2,), callback=lambda r: loop.create_task(report(r)))  # ACK402
            workers.apply_async(score, (3,), callback=lambda r: asyncio.run_coroutine_threadsafe(report(r), loop))
    ''', ["ACK401", "ACK402"])


def test_pool_callbacks_that_go_through_the_loop_or_touch_no_loop_object_are_quiet() -> None:
    check_marked('''
        import asyncio
        import threading
        from multiprocessing.pool import Pool

        def score(x: int) -> int:
            return x * x

        class Jobs:
            def apply_async(self, fn, args, callback=None) -> None:
                callback(fn(*args))

        async def handed_back(workers: Pool, values: list) -> list:
            loop = asyncio.get_running_loop()
            done = loop.create_future()
            workers.map_async(score, values, callback=lambda out: loop.call_soon_threadsafe(done.set_result, out))
            return await done

        async def thread_side(workers: Pool, values: list) -> list:
            finished = threading.Event()
            collected: list = []
            workers.map_async(score, values, callback=lambda out: (collected.extend(out), finished.set()))
            await asyncio.to_thread(finished.wait)
            return collected

        async def own_class(jobs: Jobs) -> None:
            done = asyncio.Event()
            jobs.apply_async(score, (3,), callback=lambda _: done.set())
            await done.wait()
    ''', ["ACK401", "ACK402"])
