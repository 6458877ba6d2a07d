"""Shapes from the seventh round of reading findings on real code nobody here wrote (bench/real/real49-labels.tsv):
the round's false findings, each beside the true one next to it, and misses seen in passing."""
from __future__ import annotations

from .helpers import check_marked


def test_a_callable_handed_over_to_the_loops_thread_does_not_run_where_it_is_handed_over():
    # tornado's add_callback_from_signal (from a signal handler), anyio's and trio's from_thread.run_sync and
    # Textual's call_from_thread (from a worker thread) run what they are given on the loop's thread; a method the
    # thread calls itself still runs there
    check_marked('''
        import asyncio
        import signal
        import threading

        import anyio.from_thread
        import trio
        from tornado.ioloop import IOLoop


        class SignalledApp:
            def __init__(self):
                self.loop = IOLoop.current()
                self.stopping = asyncio.Event()

            def install(self):
                def on_signal(signo, frame):
                    self.loop.add_callback_from_signal(self.shutdown, signo)

                signal.signal(signal.SIGTERM, on_signal)

            def shutdown(self, signo):
                self.stopping.set()


        class BareSignalledApp:
            def __init__(self):
                self.stopping = asyncio.Event()

            def install(self):
                def on_signal(signo, frame):
                    self.shutdown(signo)

                signal.signal(signal.SIGTERM, on_signal)

            def shutdown(self, signo):
                self.stopping.set()  # ACK401


        class Worker:
            def __init__(self, app):
                self.app = app
                self.done = asyncio.Event()

            def start(self):
                threading.Thread(target=self.run).start()

            def run(self):
                anyio.from_thread.run_sync(self.finish, 1)
                trio.from_thread.run_sync(self.finish, 2)
                self.app.call_from_thread(self.finish, 3)
                self.report(4)

            def finish(self, item):
                self.done.set()

            def report(self, item):
                self.done.set()  # ACK401
    ''', ["ACK401"])


def test_a_memo_method_the_constructor_fills_hands_back_what_it_stores():
    # chainlit's session: get_config returns self.config once it is set, and __init__ sets it by calling
    # get_config, so a handler's later call never reaches the nested loop; the same memo left unfilled by the
    # constructor (`self.config = None`), or emptied again by another method (`reload`), runs it at the next call,
    # and making the instance runs it
    check_marked('''
        import asyncio


        async def fetch_profiles():
            return []


        class Session:
            def __init__(self, profile):
                self.profile = profile
                self.config = self.get_config()

            def get_config(self):
                if hasattr(self, "config") and self.config:
                    return self.config
                cfg = asyncio.get_event_loop().run_until_complete(fetch_profiles())
                self.config = cfg
                return cfg


        class LazySession:
            def __init__(self, profile):
                self.profile = profile
                self.config = None

            def get_config(self):
                if self.config is not None:
                    return self.config
                cfg = asyncio.get_event_loop().run_until_complete(fetch_profiles())
                self.config = cfg
                return cfg


        class ReloadingSession:
            def __init__(self, profile):
                self.profile = profile
                self.config = self.get_config()

            def reload(self):
                self.config = None

            def get_config(self):
                if getattr(self, "config", None) is not None:
                    return self.config
                cfg = asyncio.get_event_loop().run_until_complete(fetch_profiles())
                self.config = cfg
                return cfg


        def current_config(session: Session):
            return session.get_config()


        async def on_connect(profile):
            return Session(profile)  # ACK108


        async def on_action(session: Session, lazy: LazySession, reloading: ReloadingSession):
            first = session.get_config()
            second = current_config(session)
            third = lazy.get_config()  # ACK108
            fourth = reloading.get_config()  # ACK108
            return first, second, third, fourth
    ''', ["ACK108"])


def test_a_method_that_fills_an_attribute_then_goes_on_is_no_memo():
    # asyncpg's Cluster.get_status: `if self._pg_ctl is None: self._init_env()` then more statements, the last of
    # them compound: the work after the test runs at every call
    check_marked('''
        import subprocess


        class Cluster:
            def __init__(self, data_dir):
                self._data_dir = data_dir
                self._pg_ctl = None
                self.status = self.get_status()

            def get_status(self):
                if self._pg_ctl is None:
                    self._pg_ctl = "pg_ctl"
                if subprocess.run([self._pg_ctl, "status", "-D", self._data_dir]).returncode:
                    return "stopped"

            async def connect(self):
                return self.get_status()  # ACK104
    ''', ["ACK104"])
