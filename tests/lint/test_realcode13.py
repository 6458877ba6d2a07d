"""False-alarm shapes found by linting real asyncio libraries (a sync-to-async bridge driving greenlets, readiness
callbacks on pipes and sockets, ...): each look-alike must stay quiet, beside the close case that must still be
flagged."""
from __future__ import annotations

from tests.lint.helpers import check_marked


def test_a_trampoline_that_throws_the_caught_exception_into_what_it_drives_does_not_swallow_it():
    # The driven code gets the CancelledError where it awaited and re-raises it, unless it handles it itself as
    # it would in plain async code: the trampoline only forwards it.
    check_marked(
        """
        import sys


        async def drive(runner, first):
            pending = first
            while not runner.finished:
                try:
                    value = await pending
                except BaseException:
                    pending = runner.throw(*sys.exc_info())
                else:
                    pending = runner.send(value)
            return pending


        async def drive_named(gen, first):
            pending = first
            while True:
                try:
                    value = await pending
                except BaseException as exc:
                    pending = gen.throw(exc)
                else:
                    pending = gen.send(value)


        async def drive_current(gen, first):
            pending = first
            while True:
                try:
                    value = await pending
                except BaseException:
                    pending = gen.throw(sys.exc_info()[1])
                else:
                    pending = gen.send(value)
        """,
        ["ACK601", "ACK602"],
    )


def test_a_handler_that_throws_something_else_or_only_looks_at_exc_info_still_swallows_cancellation():
    check_marked(
        """
        import sys


        async def drive(gen, first):
            pending = first
            while True:
                try:
                    value = await pending
                except BaseException:  # ACK601
                    pending = gen.throw(RuntimeError("stopped"))
                else:
                    pending = gen.send(value)


        async def keep_going(gen, first, log):
            pending = first
            while True:
                try:
                    value = await pending
                except BaseException:  # ACK601
                    log.append(sys.exc_info()[1])
                    pending = first
                else:
                    pending = gen.send(value)
        """,
        ["ACK601", "ACK602"],
    )


def test_helpers_that_only_a_readiness_callback_calls_read_and_write_a_ready_descriptor():
    # The loop calls `on_ready` when the pipe has data, and `next_chunk` when the socket can take more: the
    # `os.read` and the `os.sendfile` (the zero-copy path the loop's own `sock_sendfile` takes) in the helpers
    # they call return at once.
    check_marked(
        """
        import os


        class Pipe:
            size = 4096

            def __init__(self, loop, path):
                self.fd = os.open(path, os.O_RDWR | os.O_NONBLOCK)
                loop.add_reader(self.fd, self.on_ready, self.fd)

            @classmethod
            def _drain(cls, fd):
                return os.read(fd, cls.size)

            def on_ready(self, fd):
                self.lines = self._drain(fd).splitlines()


        class Upload:
            def __init__(self, loop, sock, f):
                self.loop, self.sock, self.f, self.offset = loop, sock, f, 0

            def start(self):
                self.loop.add_writer(self.sock, self.next_chunk)

            def next_chunk(self):
                if self.send_chunk() == 0:
                    self.loop.remove_writer(self.sock)

            def send_chunk(self):
                sent = os.sendfile(self.sock.fileno(), self.f.fileno(), self.offset, 65536)
                self.offset += sent
                return sent
        """,
        ["ACK103"],
    )


def test_a_helper_of_a_readiness_callback_that_a_coroutine_calls_too_or_that_opens_a_file_is_still_flagged():
    # `drain` is called on any descriptor by `poll`, so its read may wait there; `save` opens a file, which no
    # readiness of the pipe makes instant.
    check_marked(
        """
        import os


        class Pipe:
            def __init__(self, loop, fd):
                loop.add_reader(fd, self.on_ready, fd)  # ACK103

            def drain(self, fd):
                return os.read(fd, 4096)

            def on_ready(self, fd):
                self.data = self.drain(fd)


        class Recorder:
            def __init__(self, loop, fd):
                loop.add_reader(fd, self.on_ready, fd)  # ACK103

            def on_ready(self, fd):
                self.save(os.read(fd, 4096))

            def save(self, data):
                with open("/tmp/dump", "ab") as f:
                    f.write(data)


        async def poll(pipe: Pipe, fd):
            return pipe.drain(fd)  # ACK103
        """,
        ["ACK103"],
    )


def test_a_type_checkers_own_silencing_of_an_unused_coroutine_silences_the_same_finding():
    # The annotation says the cursor's `close()` is a coroutine function; the branch runs only for drivers whose
    # `close()` is not, and the author told the type checker so on that line.
    check_marked(
        """
        from typing import Protocol


        class Cursor(Protocol):
            async def close(self) -> None: ...


        class Adapter:
            sync_close = False

            def __init__(self, cursor: Cursor):
                self.cursor = cursor

            def close(self):
                if self.sync_close:
                    self.cursor.close()  # type: ignore[unused-coroutine]

            def close_quietly(self):
                self.cursor.close()  # pyright: ignore[reportUnusedCoroutine]

            def close_other(self):
                self.cursor.close()  # type: ignore[attr-defined]  # ACK301

            def close_again(self):
                self.cursor.close()  # ACK301
        """,
        ["ACK301"],
    )


def test_a_thread_that_runs_its_own_loop_owns_the_task_a_function_it_hands_that_loop_made():
    # `start_gc` runs on the loop this thread runs (asyncio's `run_forever`, tornado's `start` and `run_sync`),
    # so the task it stores is that loop's, and this thread may cancel it once its loop has stopped.
    check_marked(
        """
        import asyncio
        import threading
        from tornado.ioloop import IOLoop


        class Pump:
            def __init__(self):
                self.loop = asyncio.new_event_loop()
                self.gc_task = None
                threading.Thread(target=self._main).start()

            async def _collect(self):
                await asyncio.sleep(1)

            def _main(self):
                def start_gc():
                    self.gc_task = asyncio.ensure_future(self._collect())

                self.loop.call_soon(start_gc)
                self.loop.run_forever()
                self.gc_task.cancel()


        class TornadoPump:
            def __init__(self):
                self.io_loop = IOLoop(make_current=False)
                self.gc_task = None
                threading.Thread(target=self._main).start()

            async def _collect(self):
                await asyncio.sleep(1)

            def _main(self):
                def start_gc():
                    self.gc_task = asyncio.ensure_future(self._collect())

                self.io_loop.run_sync(start_gc)
                self.io_loop.start()
                self.gc_task.cancel()
        """,
        ["ACK401", "ACK402"],
    )


def test_a_task_made_by_a_function_handed_to_another_loop_or_a_thread_that_runs_no_loop_is_not_its_own():
    check_marked(
        """
        import asyncio
        import threading


        class Pump:
            def __init__(self, loop: asyncio.AbstractEventLoop):
                self.main_loop = loop
                self.own = asyncio.new_event_loop()
                self.gc_task = None
                threading.Thread(target=self._main).start()

            async def _collect(self):
                await asyncio.sleep(1)

            def _main(self):
                def start_gc():
                    self.gc_task = asyncio.ensure_future(self._collect())

                self.main_loop.call_soon_threadsafe(start_gc)
                self.own.run_forever()
                self.gc_task.cancel()  # ACK401


        class Starter:
            def __init__(self, task: asyncio.Task):
                self.task = task
                self.worker = threading.Thread(target=print)
                threading.Thread(target=self._main).start()

            def _main(self):
                self.worker.start()
                self.task.cancel()  # ACK401
        """,
        ["ACK401", "ACK402"],
    )


def test_a_blocking_wait_in_the_one_coroutine_of_a_loop_its_thread_made_for_it_holds_up_nothing_else():
    # Nothing else runs on the heartbeat's loop and no other code can reach it: the wait is the thread's own
    # pause, as in plain sync code there.
    check_marked(
        """
        import asyncio
        import time
        from threading import Event, Thread


        class Heartbeat(Thread):
            def __init__(self, sock):
                super().__init__(daemon=True)
                self.sock = sock
                self.stopped = Event()

            async def _beat(self):
                while not self.stopped.is_set():
                    await self.sock.send(b"ping")
                    self.stopped.wait(3.0)

            def run(self):
                loop = asyncio.new_event_loop()
                asyncio.set_event_loop(loop)
                try:
                    loop.run_until_complete(self._beat())
                finally:
                    loop.close()


        async def poll(stopped: Event):
            while not stopped.is_set():
                time.sleep(1)


        def poller(stopped: Event):
            asyncio.run(poll(stopped))


        Thread(target=poller, args=(Event(),)).start()
        """,
        ["ACK101", "ACK106"],
    )


def test_a_coroutine_that_shares_its_private_loop_or_runs_on_a_reachable_or_main_loop_still_blocks_it():
    check_marked(
        """
        import asyncio
        import time
        from threading import Event, Thread


        class Pump(Thread):
            def __init__(self):
                super().__init__()
                self.stopped = Event()
                self.loop = asyncio.new_event_loop()

            async def _tick(self):
                await asyncio.sleep(1)

            async def _pump(self):
                tick = asyncio.create_task(self._tick())
                self.stopped.wait(3.0)  # ACK106
                await tick

            async def _serve(self):
                self.stopped.wait(3.0)  # ACK106

            def run(self):
                loop = asyncio.new_event_loop()
                loop.run_until_complete(self._pump())
                self.loop.run_until_complete(self._serve())


        async def shared(stopped: Event):
            time.sleep(1)  # ACK101


        async def main():
            time.sleep(1)  # ACK101
            await shared(Event())


        def worker():
            asyncio.run(shared(Event()))


        Thread(target=worker).start()

        if __name__ == "__main__":
            asyncio.run(main())
        """,
        ["ACK101", "ACK106"],
    )


def test_a_task_that_sync_code_runs_to_completion_in_the_same_round_is_one_at_a_time():
    # A sync generator driving a loop that is not running: each round waits for its task before the next starts.
    check_marked(
        """
        import asyncio


        def iterate(agen, loop: asyncio.AbstractEventLoop):
            while True:
                task = asyncio.ensure_future(agen.__anext__(), loop=loop)
                try:
                    yield loop.run_until_complete(task)
                except StopAsyncIteration:
                    return


        def pump(agen, loop: asyncio.AbstractEventLoop, tick):
            while True:
                task = asyncio.ensure_future(agen.__anext__(), loop=loop)  # ACK502
                yield loop.run_until_complete(tick())
                print(task)
        """,
        ["ACK502"],
    )
