"""Shapes found wrong on a twenty-first set of real async applications (agent frameworks, chat bots, device
libraries): each flagged shape beside the look-alike that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked


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
