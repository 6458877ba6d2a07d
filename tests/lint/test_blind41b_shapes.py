"""Shapes a blind probe (bots, SDK clients, IoT bridges) missed: each flagged shape beside its look-alikes."""
from __future__ import annotations

from pathlib import Path

from .helpers import check_marked, project_findings


def test_a_task_local_only_logged_is_dropped():
    check_marked('''
        import asyncio
        import logging

        log = logging.getLogger("bot")

        async def refresh_all(bot, chats):
            for chat in chats:
                t = asyncio.create_task(bot.refresh(chat))  # ACK302
                log.debug("refresh scheduled for %s: %r", chat, t)

        async def announce(bot):
            t = asyncio.create_task(bot.announce())  # ACK302
            print(f"started {t}")

        async def refresh_gathered(bot, chats):
            pending = []
            for chat in chats:
                t = asyncio.create_task(bot.refresh(chat))
                log.debug("refresh scheduled: %r", t)
                pending.append(t)
            await asyncio.gather(*pending)

        async def refresh_awaited(bot, chat):
            t = asyncio.create_task(bot.refresh(chat))
            log.info("waiting for %r", t)
            await t

        class Archive:
            def __init__(self):
                self.entries = []

            def log(self, *items):
                self.entries.extend(items)

        async def archived(bot, archive: Archive):
            t = asyncio.create_task(bot.refresh(None))
            archive.log("started", t)  # a method named like a log call that keeps what it is handed
    ''', ["ACK302"])


def test_a_partial_of_create_task_bound_in_the_function_that_calls_it():
    check_marked('''
        import asyncio
        import functools

        async def start_pollers(sources):
            spawn = functools.partial(asyncio.create_task, name="poller")
            for src in sources:
                spawn(src.poll_forever())  # ACK302

        async def start_pollers_kept(sources):
            spawn = functools.partial(asyncio.create_task, name="poller")
            return [spawn(src.poll_forever()) for src in sources]

        async def start_printers(sources):
            show = functools.partial(print, end="")
            for src in sources:
                show(src)

        async def start_rebound(sources, spawner):
            spawn = functools.partial(asyncio.create_task, name="poller")
            if spawner is not None:
                spawn = spawner
            for src in sources:
                spawn(src.poll_forever())
    ''', ["ACK302"])


_SUBSCRIPTION = '''
    import asyncio


    class Subscription:
        def __init__(self, conn, topic):
            self.conn = conn
            self.topic = topic

        async def stop(self) -> None:
            try:
                await self.conn.unsubscribe(self.topic)
            except asyncio.CancelledError:
                pass
'''


def test_a_public_stop_is_not_handed_on_by_a_variable_or_a_library_method_of_its_name(tmp_path: Path):
    # another module's `stop` parameter (an asyncio.Event) and `loop.stop` of the event loop are no use of
    # Subscription.stop: it stays a coroutine offered to be awaited, whose swallowed cancel is reported
    files = {
        "app/__init__.py": "",
        "app/subscription.py": _SUBSCRIPTION,
        "app/signals.py": '''
            import asyncio
            import signal
            import threading

            def install(loop: asyncio.AbstractEventLoop) -> None:
                signal.signal(signal.SIGINT, lambda signum, frame: loop.call_soon_threadsafe(loop.stop))

            def request_stop(loop: asyncio.AbstractEventLoop) -> None:
                loop.call_soon_threadsafe(loop.stop)

            async def poll_until(stop: asyncio.Event, probe) -> None:
                def spin():
                    while not stop.is_set():
                        probe()
                await asyncio.to_thread(spin)

            def watcher(probe):
                stop = threading.Event()
                def spin():
                    while not stop.is_set():
                        probe()
                threading.Thread(target=spin).start()
                return stop
        ''',
    }
    assert project_findings(tmp_path, files, ["ACK602"]) == {("app/subscription.py", 12, "ACK602")}


def test_a_public_stop_handed_on_by_another_module_is_left_alone(tmp_path: Path):
    # handed to a library as a callback (a bound method read, or the name imported and passed on): whoever runs it
    # may not await it for a cancel of its own, so nothing is reported
    files = {
        "app/__init__.py": "",
        "app/subscription.py": _SUBSCRIPTION,
        "app/wiring.py": '''
            from .subscription import Subscription

            def wire(app, conn):
                sub = Subscription(conn, "news")
                app.on_shutdown.append(sub.stop)
        ''',
    }
    assert project_findings(tmp_path, files, ["ACK602"]) == set()


_HELPERS = '''
    import asyncio


    async def join_task(task, timeout=5.0):
        await asyncio.wait_for(task, timeout)


    async def stop_task(task):
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            pass


    async def join_quietly(task, timeout=5.0):
        try:
            await asyncio.wait_for(task, timeout)
        except (asyncio.TimeoutError, asyncio.CancelledError):
            pass


    async def describe(task):
        return task.get_name()
'''

_WORKER = '''
    import asyncio
    import logging

    from . import util
    from .util import describe, join_quietly, join_task, stop_task

    log = logging.getLogger(__name__)


    class {name}:
        def __init__(self, step):
            self.step = step
            self._task = None

        def start(self):
            self._task = asyncio.create_task(self._run())

        async def _run(self):
            try:
                while True:
                    await self.step()
            except asyncio.CancelledError:
                log.info("stopped")

        async def wait(self):
            {wait}
'''


def test_a_task_waited_on_by_another_modules_helper_is_relied_on(tmp_path: Path):
    # the helper of util awaits the handle it is handed before any cancel: the awaiter's cancel goes into the task,
    # which swallows it and ends as completed; a helper that cancels first, suppresses the cancel itself, or only
    # looks at the handle leaves the task its owner's to stop
    waits = {
        "joined": "await join_task(self._task)",
        "joined_by_keyword": "await util.join_task(timeout=1, task=self._task)",
        "stopped": "await stop_task(self._task)",
        "joined_quietly": "await join_quietly(self._task)",
        "described": "log.info(await describe(self._task))",
    }
    files = {"app/__init__.py": "", "app/util.py": _HELPERS}
    for module, wait in waits.items():
        files[f"app/{module}.py"] = _WORKER.format(name=module.title().replace("_", ""), wait=wait)
    found = project_findings(tmp_path, files, ["ACK602"])
    # (join_quietly swallows its own caller's cancel too: that is reported in it)
    assert found == {("app/joined.py", 22, "ACK602"), ("app/joined_by_keyword.py", 22, "ACK602"),
                     ("app/util.py", 19, "ACK602")}


def test_a_coroutine_made_by_a_lambda_that_a_coroutine_of_the_module_awaits():
    check_marked('''
        import asyncio
        import logging

        log = logging.getLogger(__name__)

        async def with_retries(make, tries=3):
            for _ in range(tries):
                try:
                    return await make()
                except OSError:
                    await asyncio.sleep(1)
            raise RuntimeError("gave up")

        async def later(make):
            asyncio.get_running_loop().call_later(5, make)

        class Downloader:
            def __init__(self, session):
                self.session = session

            async def _download(self, url):
                try:
                    log.info("got %d bytes", len(await self.session.get(url)))
                except asyncio.CancelledError:  # ACK602
                    log.info("download of %s cancelled", url)

            async def fetch(self, url):
                await with_retries(lambda: self._download(url))
                log.info("fetched %s", url)

        class Prefetcher:
            def __init__(self, session):
                self.session = session

            async def _warm(self, url):
                try:
                    log.info("got %d bytes", len(await self.session.get(url)))
                except asyncio.CancelledError:
                    log.info("warming of %s cancelled", url)

            async def schedule(self, url):
                # handed to a coroutine that never awaits what the lambda makes
                await later(lambda: self._warm(url))
                with_retries(lambda: self._warm(url))
    ''', ["ACK602"])


def test_a_method_that_signals_its_tasks_to_end_and_waits_for_them_is_a_stop_whatever_its_name():
    check_marked('''
        import asyncio
        import contextlib

        class Worker:
            def __init__(self, step):
                self.step = step
                self._stopping = asyncio.Event()
                self._running = True
                self._task = None

            def start(self):
                self._task = asyncio.create_task(self._run())

            async def _run(self):
                while self._running and not self._stopping.is_set():
                    await self.step()

            async def async_halt(self):
                self._stopping.set()
                with contextlib.suppress(asyncio.CancelledError):
                    await self._task

            async def dispose(self):
                self._running = False
                try:
                    await asyncio.wait_for(self._task, 5)
                except asyncio.CancelledError:
                    pass

            async def drain(self):
                # no signal to its tasks: a wait whose cancel can only be its caller's
                with contextlib.suppress(asyncio.CancelledError):  # ACK602
                    await self._task

            async def flush(self):
                # signals, but then awaits a coroutine it calls, not a handle
                self._running = False
                with contextlib.suppress(asyncio.CancelledError):  # ACK602
                    await self.step()
    ''', ["ACK602"])


def test_a_task_local_only_logged_by_an_untyped_logger_is_dropped():
    # a logger handed in (nothing types it) is told by its name, as for a coroutine handed to it (ACK301)
    check_marked('''
        import asyncio

        class Poller:
            def __init__(self, logger, store):
                self.logger = logger
                self.store = store

            async def poll(self, source):
                t = asyncio.create_task(source.fetch())  # ACK302
                self.logger.info("fetch started: %r", t)

            async def poll_kept(self, source):
                t = asyncio.create_task(source.fetch())
                self.store.info("fetch started: %r", t)  # (a `store` is no logger: it may keep what it is handed)
    ''', ["ACK302"])
