"""False-alarm shapes found by linting more real asyncio code (litestar, gql, jupyter_client, ...): each
look-alike must stay clean, beside the close case it must still flag."""
from pathlib import Path

from asynccheck.config import Config
from asynccheck.lint.run import Run
from tests.lint.helpers import check_marked


def test_awaiting_a_task_it_cancelled_through_wait_for_and_shield():
    # Stopping a listener (litestar's psycopg channels backend): cancel it, then wait a bounded while for it
    # to end. The CancelledError caught is the cancelled task's; the same handler around a task nobody
    # cancelled swallows the caller's own cancel.
    check_marked(
        """
        import asyncio
        from contextlib import suppress


        class Listener:
            async def _stop(self):
                try:
                    await asyncio.wait_for(asyncio.shield(self.task), 5)
                except asyncio.TimeoutError:
                    self.task.cancel()
                    with suppress(asyncio.CancelledError, asyncio.TimeoutError):
                        await asyncio.wait_for(asyncio.shield(self.task), 5)
                self.task = None

            async def _stop_bounded(self):
                self.task.cancel()
                try:
                    await asyncio.wait_for(self.task, timeout=5)
                except asyncio.CancelledError:
                    pass
                self.task = None

            async def _stop_other(self):
                self.task.cancel()
                with suppress(asyncio.CancelledError):  # ACK601
                    await asyncio.wait_for(asyncio.shield(self.other), 5)
                self.other = None

            async def _wait_uncancelled(self):
                try:
                    await asyncio.wait_for(self.reader, timeout=5)
                except asyncio.CancelledError:  # ACK601
                    pass
                self.reader = None

            async def close(self):
                await self._stop()
                await self._stop_bounded()
                await self._stop_other()
                await self._wait_uncancelled()
                await self.conn.close()
        """,
        ["ACK601"],
    )


def test_with_binds_what_a_project_class_enter_returns_not_always_the_instance():
    # gql: `async with client as session` binds the session `Client.__aenter__` connects, not the client
    # (whose sync `subscribe` runs a loop of its own). A class whose `__aenter__` returns `self` still binds
    # the instance, and its loop-running method is still flagged.
    check_marked(
        """
        import asyncio


        class Session:
            async def subscribe(self, q):
                yield q


        class Client:
            async def __aenter__(self):
                return await self.connect_async()

            async def __aexit__(self, *exc):
                pass

            async def connect_async(self):
                self.session = Session()
                return self.session

            def subscribe(self, q):
                return asyncio.get_event_loop().run_until_complete(self._subscribe(q))

            async def _subscribe(self, q):
                return q

            async def run(self, q):
                async with self as session:
                    async for result in session.subscribe(q):
                        print(result)


        class Plain:
            async def __aenter__(self):
                return self

            async def __aexit__(self, *exc):
                pass

            def subscribe(self, q):
                return asyncio.get_event_loop().run_until_complete(self._subscribe(q))

            async def _subscribe(self, q):
                return q

            async def run(self, q):
                async with self as session:
                    session.subscribe(q)  # ACK108


        async def main(q):
            async with Plain() as session:
                session.subscribe(q)  # ACK108
        """,
        ["ACK108"],
    )


def test_an_attribute_declared_a_union_of_sync_and_async_types_is_not_its_default():
    # gql: `self.transport: Union[Transport, AsyncTransport] = transport`, defaulted to an async transport when
    # none is given; the sync session calls the sync transport's `connect()`. Declared as the async type alone,
    # the same call still makes a coroutine nobody awaits.
    check_marked(
        """
        from typing import Optional, Union


        class Transport:
            def connect(self):
                pass


        class AsyncTransport:
            async def connect(self):
                pass


        class Local(AsyncTransport):
            pass


        class Client:
            def __init__(self, transport: Optional[Union[Transport, AsyncTransport]] = None):
                if transport is None:
                    transport = Local()
                self.transport: Union[Transport, AsyncTransport] = transport


        class SyncSession:
            def __init__(self, client: Client):
                self.client = client

            def connect(self):
                self.client.transport.connect()


        class AsyncOnly:
            def __init__(self, transport: Optional[AsyncTransport] = None):
                if transport is None:
                    transport = Local()
                self.transport: AsyncTransport = transport

            def connect(self):
                self.transport.connect()  # ACK301
        """,
        ["ACK301"],
    )


def test_a_process_wait_after_polling_until_it_ended_only_reaps_it():
    # jupyter_client's provisioner: poll every 100 ms until the kernel process is gone, then `wait()` to reap
    # it. A poll that does not loop until the end, a loop polling another process, or a wait inside the
    # polling loop still blocks.
    check_marked(
        """
        import asyncio
        import subprocess


        class Provisioner:
            def __init__(self, cmd):
                self.process = subprocess.Popen(cmd)

            async def poll(self):
                return self.process.poll()

            async def wait(self):
                while await self.poll() is None:
                    await asyncio.sleep(0.1)
                return self.process.wait()

            async def wait_direct(self):
                while self.process.poll() is None:
                    await asyncio.sleep(0.1)
                return self.process.wait()

            async def checked_once(self):
                if self.process.poll() is None:
                    await asyncio.sleep(0.1)
                return self.process.wait()  # ACK104

            async def polls_other(self, other):
                while other.poll() is None:
                    await asyncio.sleep(0.1)
                return self.process.wait()  # ACK104

            async def waits_inside(self):
                while self.process.poll() is None:
                    self.process.wait()  # ACK104
        """,
        ["ACK104"],
    )


def test_with_binds_what_another_modules_class_enter_returns(tmp_path):
    # the same gql shape across modules: the CLI module enters the client class of another module, whose
    # `__aenter__` returns a session; a class of another module that enters itself still binds the instance
    from .test_types_project import write

    files = {
        "gqlish/__init__.py": "",
        "gqlish/client.py": '''
            import asyncio


            class Session:
                async def subscribe(self, q):
                    yield q


            class Client:
                async def __aenter__(self):
                    return await self.connect_async()

                async def __aexit__(self, *exc):
                    pass

                async def connect_async(self):
                    return Session()

                def subscribe(self, q):
                    return asyncio.get_event_loop().run_until_complete(self._subscribe(q))

                async def _subscribe(self, q):
                    return q


            class SyncClient:
                async def __aenter__(self):
                    return self

                async def __aexit__(self, *exc):
                    pass

                def subscribe(self, q):
                    return asyncio.get_event_loop().run_until_complete(self._subscribe(q))

                async def _subscribe(self, q):
                    return q
        ''',
        "gqlish/cli.py": '''
            from gqlish.client import Client, SyncClient


            async def main(q):
                async with Client() as session:
                    async for result in session.subscribe(q):
                        print(result)
                async with SyncClient() as client:
                    client.subscribe(q)
        ''',
    }
    write(tmp_path, files)
    run = Run(Config(root=tmp_path).override(select=["ALL"]), jobs=1, use_cache=False)
    report = run.check_paths([tmp_path])
    assert not report.errors, report.errors
    assert {(Path(f.path).name, f.line, f.code) for f in report.findings} == {("cli.py", 9, "ACK108")}


def test_a_reply_queue_read_once_by_the_requester_is_not_unbounded_growth():
    # datasette: a per-call reply queue travels with one write request to the writer thread and is read once
    # by the coroutine that made it. Read in a loop (a stream of replies) or handed back, it is still reported.
    check_marked(
        """
        import asyncio
        import queue

        import janus

        from jobs import Job, WriteTask


        class Database:
            def __init__(self):
                self._write_queue = queue.Queue(maxsize=100)

            async def execute_write(self, fn):
                reply_queue = janus.Queue()
                self._write_queue.put(WriteTask(fn, reply_queue))
                return await reply_queue.async_q.get()

            async def ask(self, jobs: asyncio.Queue, fn):
                reply = asyncio.Queue()
                await jobs.put(Job(fn, reply))
                return await reply.get()

            async def stream(self, jobs: asyncio.Queue, fn):
                replies = asyncio.Queue()  # ACK501
                await jobs.put(Job(fn, replies))
                while True:
                    item = await replies.get()
                    if item is None:
                        return
                    print(item)

            async def handed_back(self, jobs: asyncio.Queue, fn):
                replies = asyncio.Queue()  # ACK501
                await jobs.put(Job(fn, replies))
                return replies
        """,
        ["ACK501"],
    )
