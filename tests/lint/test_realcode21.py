"""Shapes found wrong on a twenty-first set of real async applications (agent frameworks, chat bots, device
libraries): each flagged shape beside the look-alike that must stay quiet."""
from __future__ import annotations

import textwrap

from asynccheck.lint import lint_source

from .helpers import ALL, check_marked


def _messages(source: str, code: str) -> dict:
    report = lint_source(textwrap.dedent(source), "example.py", ALL)
    assert not report.errors, report.errors
    return {f.line: f.message for f in report.findings if f.code == code}


def test_a_one_shot_handoff_queue_put_once_within_its_bound_does_not_wait():
    # a thread's fresh `queue.Queue(maxsize=1)` that its async side fills once to hand its loop back: the put
    # finds room, so it never waits on the loop's thread
    check_marked('''
        import asyncio
        import queue

        from workers import spawn

        def run_elsewhere(job):
            handle = queue.Queue(maxsize=1)

            async def main():
                handle.put(asyncio.get_running_loop())
                await job()

            def thread_main():
                asyncio.run(main())

            spawn(thread_main)
            return handle.get()
    ''', ["ACK106"])


def test_a_bounded_queue_put_in_a_loop_or_past_its_bound_still_waits():
    check_marked('''
        import asyncio
        import queue

        from workers import spawn

        def feed(items):
            out = queue.Queue(maxsize=1)

            async def producer():
                for item in items:
                    out.put(item)  # ACK106
                    await asyncio.sleep(0)

            return out, producer

        def two_puts():
            box = queue.Queue(maxsize=1)

            async def fill():
                box.put(1)  # ACK106
                box.put(2)  # ACK106
                await asyncio.sleep(0)

            return box, fill

        def called_in_a_loop(n):
            box = queue.Queue(maxsize=1)

            async def fill():
                box.put(1)  # ACK106
                await asyncio.sleep(0)

            for _ in range(n):
                spawn(fill)
            return box

        class Pipe:
            def __init__(self):
                self._q = queue.Queue(maxsize=1)

            async def send(self, item):
                self._q.put(item)  # ACK106
    ''', ["ACK106"])


def test_a_handler_that_resets_the_loop_flag_to_go_round_again_carries_on():
    # `stop = None` under `while not stop:` keeps the loop going: the swallow is followed by more awaits, so it is
    # told as a task that can no longer be cancelled (ACK601), not as one that ends completed (ACK602)
    check_marked('''
        import asyncio

        class Shell:
            async def read_line(self):
                await asyncio.sleep(0)
                return "x"

            async def run_one(self, line):
                return line == "quit"

            async def loop(self):
                stop = None
                while not stop:
                    line = await self.read_line()
                    try:
                        stop = await self.run_one(line)
                    except asyncio.CancelledError:  # ACK601
                        stop = None

            async def poll(self):
                self.running = True
                while self.running:
                    try:
                        await self.read_line()
                    except asyncio.CancelledError:  # ACK601
                        self.running = True
    ''', ["ACK601", "ACK602"])


def test_a_handler_that_switches_the_loop_flag_off_still_ends_the_task():
    check_marked('''
        import asyncio

        class Shell:
            async def read_line(self):
                await asyncio.sleep(0)
                return "x"

            async def loop(self):
                stop = None
                while not stop:
                    try:
                        await self.read_line()
                    except asyncio.CancelledError:  # ACK602
                        stop = True

            async def poll(self):
                self.running = True
                while self.running:
                    try:
                        await self.read_line()
                    except asyncio.CancelledError:  # ACK602
                        self.running = False

            async def count(self):
                left = 3
                while left:
                    try:
                        await self.read_line()
                    except asyncio.CancelledError:  # ACK602
                        left = 0
    ''', ["ACK601", "ACK602"])


_SPAWNED = '''
import asyncio

async def refresh():
    await asyncio.sleep(1)

def make_refresh():
    return refresh()

class Switch:
    async def turn_on(self):
        await asyncio.sleep(0)

    def on(self):
        asyncio.ensure_future(self.turn_on)

    def kick(self):
        asyncio.get_running_loop().create_task(refresh)

    def on_called(self):
        asyncio.ensure_future(self.turn_on())

    def from_factory(self):
        asyncio.ensure_future(make_refresh())
'''


def test_a_spawner_handed_the_coroutine_function_itself_is_told_it_starts_no_task():
    # `ensure_future(self.turn_on)` raises TypeError: the finding stays on that line, but says what goes wrong
    messages = _messages(_SPAWNED, "ACK302")
    assert sorted(messages) == [15, 18, 21, 24]
    for line, name in ((15, "self.turn_on"), (18, "refresh")):
        assert f"coroutine function `{name}` itself" in messages[line]
        assert "raises TypeError" in messages[line]


def test_a_spawner_handed_a_coroutine_keeps_the_dropped_task_message():
    # a call of the coroutine function, or of a plain function that returns a coroutine, does start a task
    messages = _messages(_SPAWNED, "ACK302")
    for line in (21, 24):
        assert "is dropped" in messages[line] and "TypeError" not in messages[line]
