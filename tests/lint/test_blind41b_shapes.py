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
