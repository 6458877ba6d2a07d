"""Shapes a blind probe (audio callbacks, keyboard listeners, build daemons, a market gateway, a Qt editor, an ingest
service split across modules, a file-sync client) missed. Each flagged shape beside its look-alikes."""
from __future__ import annotations

from .helpers import check_marked, project_findings


def test_a_sounddevice_streams_finished_callback_runs_on_the_audio_thread():
    check_marked('''
        import asyncio
        import functools
        import sounddevice as sd

        class Chime:
            def __init__(self):
                self.finished = asyncio.Event()

            def _play(self, outdata, frames, time_info, status):
                outdata.fill(0)

            def _on_finished(self):
                self.finished.set()  # ACK401

            async def play(self):
                with sd.OutputStream(channels=1, callback=self._play, finished_callback=self._on_finished):
                    await self.finished.wait()

        async def play_threadsafe(render):
            loop = asyncio.get_running_loop()
            finished = asyncio.Event()
            done = functools.partial(loop.call_soon_threadsafe, finished.set)
            with sd.OutputStream(channels=1, callback=render, finished_callback=done):
                await finished.wait()

        class Player:
            def __init__(self):
                self.finished = asyncio.Event()

            def _on_finished(self):
                self.finished.set()

            async def play(self, render):
                self.finished.clear()
                await asyncio.sleep(0)
                self._on_finished()
    ''', ["ACK401"])


def test_a_qrunnables_run_runs_on_a_thread_pool_thread():
    check_marked('''
        import asyncio
        from PySide6.QtCore import QObject, QRunnable, QThreadPool

        class WaveformJob(QRunnable):
            def __init__(self, clip, ready: asyncio.Event):
                super().__init__()
                self.clip = clip
                self.ready = ready

            def run(self):
                self.clip.compute()
                self.ready.set()  # ACK401

        class WaveformJobBridged(QRunnable):
            def __init__(self, clip, ready: asyncio.Event, loop):
                super().__init__()
                self.clip = clip
                self.ready = ready
                self.loop = loop

            def run(self):
                self.clip.compute()
                self.loop.call_soon_threadsafe(self.ready.set)

        class Panel(QObject):
            def __init__(self, ready: asyncio.Event):
                super().__init__()
                self.ready = ready

            def run(self):
                self.ready.set()
    ''', ["ACK401"])


def test_an_atexit_handler_runs_after_the_main_threads_loop_has_stopped():
    check_marked('''
        import asyncio
        import atexit
        import threading

        class LoopThread:
            def __init__(self):
                self.loop = asyncio.new_event_loop()
                self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

        def register_shutdown(runner: LoopThread):
            def close_loop():
                runner.loop.call_soon(runner.loop.stop)  # ACK402
                runner.thread.join(timeout=2)

            atexit.register(close_loop)

        def register_shutdown_threadsafe(runner: LoopThread):
            def close_loop():
                runner.loop.call_soon_threadsafe(runner.loop.stop)
                runner.thread.join(timeout=2)

            atexit.register(close_loop)

        def register_cleanup(client):
            def close():
                asyncio.run(client.aclose())

            atexit.register(close)

        def on_the_loop(runner: LoopThread):
            def close_loop():
                runner.loop.call_soon(runner.loop.stop)

            runner.loop.call_soon_threadsafe(close_loop)
    ''', ["ACK401", "ACK402"])
    # the loop on the main thread has stopped when exit handlers run: what they touch races with nothing
    check_marked('''
        import asyncio
        import atexit

        stopped = asyncio.Event()

        class Pool:
            def __init__(self):
                self.reaper = None

            def close(self):
                if self.reaper is not None:
                    self.reaper.cancel()

        pool = Pool()
        atexit.register(pool.close)
        atexit.register(stopped.set)

        async def main():
            pool.reaper = asyncio.create_task(asyncio.sleep(60))
            await stopped.wait()

        asyncio.run(main())
    ''', ["ACK401", "ACK402"])


def test_pynput_global_hotkeys_call_their_actions_on_the_listener_thread():
    check_marked('''
        import asyncio
        import janus
        from pynput import keyboard

        def start_hotkeys(commands: asyncio.Queue):
            hotkeys = keyboard.GlobalHotKeys({
                "<ctrl>+<alt>+d": lambda: commands.put_nowait("dictate"),  # ACK401
                "<ctrl>+<alt>+u": lambda: commands.put_nowait("undo"),  # ACK401
            })
            hotkeys.start()
            return hotkeys

        def start_hotkeys_from_a_local(wake: asyncio.Event):
            actions = {"<ctrl>+w": wake.set}  # ACK401
            keyboard.GlobalHotKeys(actions).start()

        def start_hotkeys_threadsafe(commands: asyncio.Queue, loop):
            keyboard.GlobalHotKeys({
                "<ctrl>+<alt>+d": lambda: loop.call_soon_threadsafe(commands.put_nowait, "dictate"),
            }).start()

        def start_hotkeys_janus(commands: janus.Queue):
            keyboard.GlobalHotKeys({"<ctrl>+<alt>+d": lambda: commands.sync_q.put("dictate")}).start()

        def menu(commands: asyncio.Queue):
            return {"dictate": lambda: commands.put_nowait("dictate")}
    ''', ["ACK401"])


def test_another_modules_callback_that_touches_the_loop_through_its_own_helper(tmp_path):
    found = project_findings(tmp_path, {
        "dictation/__init__.py": "",
        "dictation/keys.py": '''
            import asyncio

            class KeyLogger:
                def __init__(self, typed: asyncio.Queue):
                    self.typed = typed

                def on_press(self, key):
                    self._forward(str(key))

                def _forward(self, text):
                    self.typed.put_nowait(text)

            class KeyLoggerThreadsafe:
                def __init__(self, typed: asyncio.Queue, loop):
                    self.typed = typed
                    self.loop = loop

                def on_press(self, key):
                    self.loop.call_soon_threadsafe(self._forward, str(key))

                def _forward(self, text):
                    self.typed.put_nowait(text)

            def forward_all(queue: asyncio.Queue, items):
                for item in items:
                    queue.put_nowait(item)

            def on_batch(queue: asyncio.Queue, items):
                forward_all(queue, items)
        ''',
        "dictation/app.py": '''
            import asyncio
            from pynput import keyboard
            from .keys import KeyLogger, KeyLoggerThreadsafe, on_batch

            def start(typed: asyncio.Queue):
                logger = KeyLogger(typed)
                keyboard.Listener(on_press=logger.on_press).start()

            def start_threadsafe(typed: asyncio.Queue, loop):
                logger = KeyLoggerThreadsafe(typed, loop)
                keyboard.Listener(on_press=logger.on_press).start()

            async def main(queue: asyncio.Queue):
                on_batch(queue, [1, 2])
                await asyncio.to_thread(on_batch, queue, [3, 4])
        ''',
    }, ["ACK401", "ACK402"])
    assert found == {("dictation/app.py", 7, "ACK401"), ("dictation/app.py", 15, "ACK401")}


def test_a_task_made_afresh_before_the_try_is_not_the_one_cancelled_above_it():
    check_marked('''
        import asyncio
        import logging

        log = logging.getLogger(__name__)

        class Rebuilder:
            def __init__(self, wakeup: asyncio.Event, build):
                self.wakeup = wakeup
                self.build = build
                self.current = None

            async def run(self):
                while True:
                    await self.wakeup.wait()
                    self.wakeup.clear()
                    if self.current is not None:
                        self.current.cancel()
                    self.current = asyncio.create_task(self.build())
                    try:
                        await self.current
                    except asyncio.CancelledError:  # ACK601
                        log.info("build superseded")

        class Restarter:
            def __init__(self, build):
                self.build = build
                self.current = None

            async def restart(self):
                if self.current is not None:
                    self.current.cancel()
                    try:
                        await self.current
                    except asyncio.CancelledError:
                        pass
                self.current = asyncio.create_task(self.build())

        async def stop_after(build, delay):
            task = asyncio.create_task(build())
            await asyncio.sleep(delay)
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass
            return delay
    ''', ["ACK601", "ACK602"])


def test_a_schedule_job_runs_in_the_thread_that_runs_pending_jobs():
    check_marked('''
        import asyncio
        import threading
        import time
        import schedule

        def install_nightly(loop: asyncio.AbstractEventLoop, full_build):
            schedule.every().day.at("02:00").do(lambda: loop.create_task(full_build()))  # ACK402
            schedule.every(10).minutes.do(lambda: asyncio.run_coroutine_threadsafe(full_build(), loop))

            def pump():
                while True:
                    schedule.run_pending()
                    time.sleep(30)

            threading.Thread(target=pump, daemon=True).start()

        async def run_schedule_on_loop(requested: asyncio.Event):
            schedule.every().hour.do(requested.set)
            while True:
                schedule.run_pending()
                await asyncio.sleep(30)
    ''', ["ACK401", "ACK402"])
    check_marked('''
        import asyncio
        import schedule

        async def run_schedule_on_loop(requested: asyncio.Event):
            schedule.every().hour.do(requested.set)
            while True:
                schedule.run_pending()
                await asyncio.sleep(30)
    ''', ["ACK401", "ACK402"])
    check_marked('''
        import asyncio
        import threading
        import time
        import schedule

        jobs = schedule.Scheduler()

        def hourly(wake: asyncio.Event, queue: asyncio.Queue):
            jobs.every(1).hours.do(wake.set)  # ACK401
            jobs.every(1).hours.do(lambda: queue.put_nowait("tick"))  # ACK401

        def serve():
            while True:
                jobs.run_pending()
                time.sleep(1)

        threading.Thread(target=serve, daemon=True).start()
    ''', ["ACK401", "ACK402"])


def test_a_task_handed_to_a_helper_that_keeps_nothing_of_it_is_lost():
    check_marked('''
        import asyncio
        import logging

        log = logging.getLogger(__name__)
        running = set()

        def announce(task: asyncio.Task) -> None:
            log.debug("started %s", task.get_name())

        def watch(task):
            task.add_done_callback(lambda t: log.info("done %s", t))

        def keep(task: asyncio.Task) -> asyncio.Task:
            log.debug("started %s", task.get_name())
            return task

        def track(task: asyncio.Task) -> None:
            running.add(task)
            task.add_done_callback(running.discard)

        class Service:
            def announce(self, task):
                log.info("started %r", task)

            async def start(self, work):
                self.announce(asyncio.create_task(work()))  # ACK302
                track(asyncio.create_task(work()))

        async def start(work):
            announce(asyncio.create_task(work()))  # ACK302
            watch(asyncio.create_task(work()))  # ACK302
            announce(task=asyncio.create_task(work()))  # ACK302
            keep(asyncio.create_task(work()))
            track(asyncio.create_task(work()))
            log.info("%s", len([1, 2]))
    ''', ["ACK302"])


def test_another_modules_helper_that_keeps_nothing_of_a_task_declared_as_one(tmp_path):
    found = project_findings(tmp_path, {
        "ingest/__init__.py": "",
        "ingest/spawn.py": '''
            import asyncio
            import logging

            log = logging.getLogger(__name__)
            running = set()

            def announce(task: asyncio.Task) -> None:
                log.debug("started %s", task.get_name())

            def track(task: asyncio.Task) -> None:
                running.add(task)
                task.add_done_callback(running.discard)
        ''',
        "ingest/pipeline.py": '''
            import asyncio
            from .spawn import announce, track

            async def start(stage, source):
                announce(asyncio.create_task(stage.feed(source)))
                track(asyncio.create_task(stage.run()))
        ''',
    }, ["ACK302"])
    assert found == {("ingest/pipeline.py", 5, "ACK302")}


def test_tasks_kept_only_as_the_values_of_a_dict_comprehension_whose_keys_are_listed():
    check_marked('''
        import asyncio
        import logging

        log = logging.getLogger(__name__)

        async def warm_caches(loaders):
            started = {name: asyncio.create_task(load()) for name, load in loaders.items()}  # ACK302
            log.info("warming %s", ", ".join(sorted(started)))

        async def warm_caches_kept(loaders):
            started = {name: asyncio.create_task(load()) for name, load in loaders.items()}
            log.info("warming %s", ", ".join(sorted(started)))
            return started

        async def warm_caches_awaited(loaders):
            started = {name: asyncio.create_task(load()) for name, load in loaders.items()}
            await asyncio.gather(*started.values())
    ''', ["ACK302"])


def test_a_queue_sized_from_a_settings_field_that_defaults_to_none():
    check_marked('''
        import asyncio
        from dataclasses import dataclass

        @dataclass
        class Settings:
            queue_size: int | None = None
            batch_size: int = 100

        class Config:
            def __init__(self, queue_size: int):
                self.queue_size = queue_size

        class Transcoder:
            def __init__(self, settings: Settings):
                self.jobs = asyncio.Queue(maxsize=settings.queue_size or 0)  # ACK501

            async def submit(self, job):
                await self.jobs.put(job)

        class TranscoderSized:
            def __init__(self, settings: Settings):
                self.jobs = asyncio.Queue(maxsize=settings.queue_size or 64)

            async def submit(self, job):
                await self.jobs.put(job)

        class TranscoderBatched:
            def __init__(self, settings: Settings):
                self.jobs = asyncio.Queue(maxsize=settings.batch_size or 0)

            async def submit(self, job):
                await self.jobs.put(job)

        class TranscoderConfigured:
            def __init__(self, config: Config):
                self.jobs = asyncio.Queue(maxsize=config.queue_size or 0)

            async def submit(self, job):
                await self.jobs.put(job)
    ''', ["ACK501"])


def test_a_helper_that_keeps_nothing_of_a_task_reached_through_its_module(tmp_path):
    found = project_findings(tmp_path, {
        "ingest/__init__.py": "",
        "ingest/spawn.py": '''
            import asyncio
            import logging

            log = logging.getLogger(__name__)

            def announce(task: asyncio.Task, why: str = "") -> None:
                log.debug("started %s %s", task.get_name(), why)

            class Registry:
                def __init__(self):
                    self.tasks = set()

                def announce(self, task: asyncio.Task) -> None:
                    log.debug("started %s", task.get_name())

                def keep(self, note: str, task: asyncio.Task) -> None:
                    self.tasks.add(task)
                    log.debug("%s: %s", note, task.get_name())
        ''',
        "ingest/pipeline.py": '''
            import asyncio
            from . import spawn
            from .spawn import Registry

            async def start(stage, registry: Registry):
                spawn.announce(asyncio.create_task(stage.feed()))
                registry.announce(asyncio.create_task(stage.run()))
                registry.keep("run", asyncio.create_task(stage.run()))
        ''',
    }, ["ACK302"])
    assert found == {("ingest/pipeline.py", 6, "ACK302"), ("ingest/pipeline.py", 7, "ACK302")}
