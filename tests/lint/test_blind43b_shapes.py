"""Shapes a blind probe (plugin hosts, schedulers, bridges to library threads) missed: each flagged shape beside
its look-alikes."""
from __future__ import annotations

from .helpers import check_marked


def test_a_task_handed_on_by_one_branch_only_is_dropped_on_the_other_way_out():
    check_marked('''
        import asyncio
        import logging

        log = logging.getLogger("cron")

        async def start_scheduler(jobs, debug: bool):
            task = asyncio.create_task(jobs.run_forever())  # ACK302
            if debug:
                return task
            log.info("scheduler running")
            return None

        async def start_maybe_waiting(jobs, wait: bool):
            task = asyncio.create_task(jobs.run_forever())  # ACK302
            if wait:
                await task

        async def start_returned(jobs):
            task = asyncio.create_task(jobs.run_forever())
            log.info("scheduler %s running", task.get_name())
            return task

        async def start_either_way(jobs, debug: bool, registry):
            task = asyncio.create_task(jobs.run_forever())
            if debug:
                return task
            registry.add(task)
            return None

        async def start_kept_in_both(jobs, debug: bool, registry):
            task = asyncio.create_task(jobs.run_forever())
            if debug:
                log.info("debug scheduler")
                registry.add(task)
            else:
                registry.add(task)

        async def start_or_wait(jobs, background: bool):
            task = asyncio.create_task(jobs.run_forever())
            if background:
                return task
            await task
            return None

        def start_in_frame(jobs, debug: bool):
            loop = asyncio.new_event_loop()
            task = loop.create_task(jobs.run_forever())
            if debug:
                log.info("debug run of %r", task)
            loop.run_forever()

        async def start_cancelled_otherwise(jobs, wanted: bool):
            task = asyncio.create_task(jobs.run_forever())
            if wanted:
                return task
            task.cancel()
            return None
    ''', ["ACK302"])


def test_gui_handlers_run_on_the_thread_a_module_starts_for_the_gui_main_loop():
    check_marked('''
        import asyncio
        import threading
        import tkinter as tk

        class Panel:
            def __init__(self, root: tk.Tk, loop: asyncio.AbstractEventLoop):
                self.root = root
                self.loop = loop
                self.clicked = asyncio.Event()
                self.jobs: asyncio.Queue = asyncio.Queue(maxsize=10)
                tk.Button(root, text="Go", command=self.on_go).pack()
                tk.Button(root, text="Safe", command=self.on_safe).pack()
                threading.Thread(target=self.root.mainloop, daemon=True).start()

            def on_go(self) -> None:
                self.clicked.set()  # ACK401

            def on_safe(self) -> None:
                self.loop.call_soon_threadsafe(self.jobs.put_nowait, "safe")

        def gui_main(root: tk.Tk, stop: asyncio.Event) -> None:
            root.protocol("WM_DELETE_WINDOW", lambda: stop.set())  # ACK401
            root.mainloop()

        def start_gui(stop: asyncio.Event) -> threading.Thread:
            worker = threading.Thread(target=gui_main, args=(tk.Tk(), stop), daemon=True)
            worker.start()
            return worker
    ''', ["ACK401", "ACK402"])


def test_gui_handlers_stay_quiet_where_the_gui_loop_runs_on_the_main_thread():
    check_marked('''
        import asyncio
        import threading
        import tkinter as tk

        class Panel:
            def __init__(self, root: tk.Tk):
                self.root = root
                self.clicked = asyncio.Event()
                tk.Button(root, text="Go", command=self.on_go).pack()
                threading.Thread(target=self.poll_sensors, daemon=True).start()

            def on_go(self) -> None:
                self.clicked.set()

            def poll_sensors(self) -> None:
                while True:
                    threading.Event().wait(1)

        def main() -> None:
            root = tk.Tk()
            Panel(root)
            root.mainloop()
    ''', ["ACK401", "ACK402"])
