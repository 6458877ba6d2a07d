"""Shapes from real async libraries and SDKs (realcode45): a read or write on a stream whose descriptor the code
switched to non-blocking mode (`os.set_blocking(fd, False)`, `fcntl(..., O_NONBLOCK)`) returns at once."""
from __future__ import annotations

from tests.lint.helpers import check_marked

CODES = ("ACK103", "ACK104")


def test_a_child_pipe_switched_to_non_blocking_is_written_without_waiting():
    # the factory switches the local process's stdin, then hands the process to the constructor; the other
    # methods write the member's stdin and retry the short count themselves
    check_marked('''
        import asyncio
        import os
        import subprocess

        class Shell:
            def __init__(self, proc: subprocess.Popen):
                self._proc = proc

            @classmethod
            async def start(cls):
                proc = subprocess.Popen(["sh"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)  # ACK104
                os.set_blocking(proc.stdin.fileno(), False)
                proc.stdin.write(b"set -e\\n")
                return cls(proc)

            async def send(self, data: bytes):
                view = memoryview(data)
                while view:
                    view = view[self._proc.stdin.write(view) or 0:]
                    await asyncio.sleep(0.001)

            async def read_some(self):
                return self._proc.stdout.read(4096)  # ACK104
    ''', CODES)


def test_the_fcntl_switch_on_a_descriptor_name_counts_too():
    check_marked('''
        import fcntl
        import os
        import subprocess

        async def feed(cmd, data):
            child = subprocess.Popen(cmd, stdin=subprocess.PIPE)  # ACK104
            fd = child.stdin.fileno()
            flags = fcntl.fcntl(fd, fcntl.F_GETFL)
            fcntl.fcntl(fd, fcntl.F_SETFL, flags | os.O_NONBLOCK)
            child.stdin.write(data)

        class Fifo:
            def open(self, path):
                self._out = open(path, "wb", buffering=0)
                fcntl.fcntl(self._out, fcntl.F_SETFL, os.O_NONBLOCK)

            async def push(self, data):
                return self._out.write(data)
    ''', CODES)


def test_a_pipe_left_blocking_or_switched_back_or_another_end_still_waits():
    # set_blocking(True), clearing O_NONBLOCK, switching stdout but writing stdin, a switch in another function
    # of the module (no class keeps the process): the write may wait for the child to read
    check_marked('''
        import fcntl
        import os
        import subprocess

        async def blocking_again(cmd, data):
            child = subprocess.Popen(cmd, stdin=subprocess.PIPE)  # ACK104
            os.set_blocking(child.stdin.fileno(), True)
            child.stdin.write(data)  # ACK104

        async def cleared(cmd, data):
            child = subprocess.Popen(cmd, stdin=subprocess.PIPE)  # ACK104
            fd = child.stdin.fileno()
            fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
            child.stdin.write(data)  # ACK104

        async def other_end(cmd, data):
            child = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE)  # ACK104
            os.set_blocking(child.stdout.fileno(), False)
            child.stdin.write(data)  # ACK104

        def spawn(cmd):
            child = subprocess.Popen(cmd, stdin=subprocess.PIPE)
            os.set_blocking(child.stdin.fileno(), False)
            return child

        async def write_to(child: subprocess.Popen, data):
            child.stdin.write(data)  # ACK104

        class Log:
            def __init__(self, path):
                self._out = open(path, "a")
                self._err = open(path + ".err", "a")
                os.set_blocking(self._err.fileno(), False)

            async def note(self, line):
                self._out.write(line)  # ACK103
                self._err.write(line)
    ''', CODES)


def test_a_chain_of_error_handlers_hands_the_kept_cancel_to_the_next_one():
    # each handler is given the error the one before raised, and the last error is raised after the loop: a
    # cancel raised by one handler reaches the next (which may re-raise it) and the final raise, it is not dropped
    check_marked('''
        async def on_error(hooks, ctx, error: BaseException):
            for hook in hooks:
                try:
                    return await hook.on_error(ctx, error=error)
                except BaseException as new_error:
                    error = new_error
            raise error

        async def recover(handlers, failure):
            for handler in handlers:
                try:
                    return await handler(failure)
                except BaseException as exc:
                    failure = exc
            raise failure
    ''', ["ACK601"])


def test_a_retry_that_returns_after_keeping_the_cancel_still_drops_it():
    # the round that succeeds is not told about the cancel the loop kept: it returns and the cancel is lost
    check_marked('''
        async def first_answer(clients, request):
            last = None
            for client in clients:
                try:
                    return await client.send(request, previous=None)
                except BaseException as exc:  # ACK601
                    last = exc
            raise last

        async def with_attempts(client, request, error=None):
            for attempt in range(3):
                try:
                    return await client.send(request, attempt=attempt, error=error)
                except BaseException as exc:  # ACK601
                    last = exc
            raise last
    ''', ["ACK601"])
