"""Shapes the lead's blind sets of session 52 (bench/heldout/lint/blind52c-*) showed missing: a sync exit stack
calls its callbacks as it unwinds and drops what they return, so a coroutine function registered there never runs
(ACK301). Look-alikes: the async stack's `push_async_callback`, a plain method on either stack."""
from __future__ import annotations

from .helpers import check_marked, named_findings, project_findings


def test_exit_stack_callbacks_drop_a_coroutine():
    check_marked('''
        import contextlib


        class Session:
            async def close(self) -> None: ...

            def forget(self) -> None: ...


        async def serve(session: Session, work) -> None:
            with contextlib.ExitStack() as stack:
                stack.callback(session.close)  # ACK301
                stack.callback(session.forget)
                await work()


        def on_exit(session: Session) -> contextlib.ExitStack:
            stack = contextlib.ExitStack()
            stack.push(session.close)  # ACK301
            return stack


        async def serve_async(session: Session, work) -> None:
            async with contextlib.AsyncExitStack() as stack:
                stack.push_async_callback(session.close)
                stack.callback(session.forget)
                stack.callback(session.close)  # ACK301
                await work()
    ''', ["ACK301"])


def test_abstract_method_runs_the_overrides_that_all_block():
    """A call on an object typed as an abstract base runs a subclass's override: when every override of the project
    blocks, so does the call. One override that does not block (an in-memory fake, an async family's coroutine)
    leaves it alone."""
    check_marked('''
        import abc
        from pathlib import Path

        import requests


        class Backend(abc.ABC):
            @abc.abstractmethod
            def put(self, key: str, data: bytes) -> None: ...

            def describe(self) -> str:
                """Subclasses say where they keep things."""
                raise NotImplementedError


        class DiskBackend(Backend):
            def __init__(self, root: Path) -> None:
                self.root = root

            def put(self, key: str, data: bytes) -> None:
                (self.root / key).write_bytes(data)

            def describe(self) -> str:
                return f"disk at {self.root}"


        class HttpBackend(Backend):
            def __init__(self, base: str) -> None:
                self.http = requests.Session()
                self.base = base

            def put(self, key: str, data: bytes) -> None:
                self.http.put(f"{self.base}/{key}", data=data, timeout=30)

            def describe(self) -> str:
                return self.base


        class Archive:
            def __init__(self, backend: Backend) -> None:
                self.backend = backend

            async def store(self, key: str, data: bytes) -> str:
                self.backend.put(key, data)  # ACK103
                return self.backend.describe()


        class Notifier:
            def notify(self, text: str) -> None:
                pass


        class MemoryNotifier(Notifier):
            def __init__(self) -> None:
                self.sent: list = []

            def notify(self, text: str) -> None:
                self.sent.append(text)


        class MailNotifier(Notifier):
            def notify(self, text: str) -> None:
                requests.post("https://mail.example/send", json={"text": text}, timeout=5)


        async def announce(notifier: Notifier, text: str) -> None:
            notifier.notify(text)
    ''', ["ACK102", "ACK103"])


def test_abstract_method_of_another_module_and_its_overrides_elsewhere(tmp_path):
    """The base, its implementations and the caller each in a module of their own; named alone (as editors and
    pre-commit lint one file), the caller is still judged by the overrides the other modules define."""
    files = {
        "pkg/__init__.py": "",
        "pkg/base.py": '''
import abc


class Store(abc.ABC):
    @abc.abstractmethod
    def load(self, key: str) -> bytes:
        """The stored bytes."""

    def close(self) -> None:
        pass
''',
        "pkg/disk.py": '''
from pathlib import Path

from pkg.base import Store


class DiskStore(Store):
    def __init__(self, root: Path) -> None:
        self.root = root

    def load(self, key: str) -> bytes:
        return (self.root / key).read_bytes()
''',
        "pkg/service.py": '''
import asyncio

from pkg.base import Store


async def fetch(store: Store, key: str) -> bytes:
    data = store.load(key)
    store.close()
    return data


async def fetch_offloaded(store: Store, key: str) -> bytes:
    return await asyncio.to_thread(store.load, key)
''',
    }
    assert project_findings(tmp_path, files, ["ACK103"]) == {("pkg/service.py", 7, "ACK103")}
    assert named_findings(tmp_path, "pkg/service.py", ["ACK103"]) == {("pkg/service.py", 7, "ACK103")}


def test_a_hook_a_class_calls_on_itself_from_sync_code_is_not_the_callers_finding():
    """`self.on_line(line)` in a sync method of the class that declares the empty hook (a protocol's
    `data_received`): which override runs is the instance's, and an override that blocks is reported itself where
    the loop runs it (facts.LOOP_HOOKS), not again at the base's call. From the class's own coroutine, and on
    another object typed as the class, the call is the finding when every override blocks."""
    check_marked('''
        import time


        class Feed:
            def on_line(self, line: str) -> None:
                """Subclasses handle each line."""

            def feed(self, lines: list) -> None:
                for line in lines:
                    self.on_line(line)

            async def pump(self, lines: list) -> None:
                for line in lines:
                    self.on_line(line)  # ACK101


        class SlowFeed(Feed):
            def on_line(self, line: str) -> None:
                time.sleep(0.1)


        async def replay(feed: Feed, lines: list) -> None:
            for line in lines:
                feed.on_line(line)  # ACK101
    ''', ["ACK101"])
