"""Shapes the lead's blind sets of session 53 (bench/heldout/lint/blind53c-*) showed missing: a callable that a test
has just called a coroutine function (`if inspect.iscoroutinefunction(hook): hook(job)`) makes a coroutine when
called, and dropping it means it never runs (ACK301). Look-alikes: the call awaited or handed on, the call in the
test's `else`, a test of another callable, the same call under no test."""
from __future__ import annotations

from .helpers import check_marked


def test_a_callable_tested_to_be_a_coroutine_function_and_dropped():
    check_marked('''
        import asyncio
        import inspect
        from asyncio import iscoroutinefunction


        async def notify(job, hooks) -> None:
            for hook in hooks:
                if asyncio.iscoroutinefunction(hook):
                    hook(job)  # ACK301
                else:
                    hook(job)


        async def notify_awaited(job, hooks) -> None:
            for hook in hooks:
                if inspect.iscoroutinefunction(hook):
                    await hook(job)
                elif callable(hook):
                    hook(job)


        async def notify_scheduled(job, hook, tasks: set) -> None:
            if iscoroutinefunction(hook):
                task = asyncio.create_task(hook(job))
                tasks.add(task)
                task.add_done_callback(tasks.discard)


        async def notify_kept_test(job, hook) -> None:
            is_async = inspect.iscoroutinefunction(hook)
            if is_async:
                hook(job)  # ACK301
            if not is_async:
                hook(job)


        async def notify_other(job, hook, fallback) -> None:
            if iscoroutinefunction(fallback):
                hook(job)


        def fire(job, hook) -> None:
            if not inspect.iscoroutinefunction(hook):
                hook(job)
            elif job.urgent:
                hook(job)  # ACK301


        def fire_plain(job, hook) -> None:
            hook(job)
    ''', ["ACK301"])


def test_a_callable_tested_to_be_a_coroutine_function_handed_to_a_plain_caller():
    check_marked('''
        import asyncio
        import threading


        async def confirm(booking_id, mailer) -> None:
            send = mailer.send_confirmation
            if asyncio.iscoroutinefunction(send):
                asyncio.get_running_loop().call_soon(send, booking_id)  # ACK301
            else:
                await asyncio.to_thread(send, booking_id)


        async def confirm_plain(booking_id, mailer) -> None:
            send = mailer.send_confirmation
            if not asyncio.iscoroutinefunction(send):
                asyncio.get_running_loop().call_soon(send, booking_id)
                threading.Thread(target=send, args=(booking_id,)).start()


        async def confirm_threadsafe(booking_id, mailer, loop) -> None:
            send = mailer.send_confirmation
            if asyncio.iscoroutinefunction(send):
                asyncio.run_coroutine_threadsafe(send(booking_id), loop)
                threading.Thread(target=mailer.log, args=(booking_id,)).start()
    ''', ["ACK301"])


def test_a_coroutine_handed_to_a_dataclass_field_declared_a_plain_type():
    check_marked('''
        import asyncio
        import dataclasses
        import urllib.robotparser
        from dataclasses import dataclass, field
        from typing import Any, Awaitable, ClassVar, Optional


        async def load_robots(host: str) -> urllib.robotparser.RobotFileParser: ...


        @dataclass
        class HostState:
            kind: ClassVar[str] = "host"
            robots: Optional[urllib.robotparser.RobotFileParser] = None
            delay: float = 1.0
            gate: asyncio.Semaphore = field(default_factory=asyncio.Semaphore)


        @dataclasses.dataclass
        class Pending:
            work: Awaitable[Any]
            label: str = ""


        class Plain:
            def __init__(self, robots) -> None:
                self.robots = robots


        async def warm_up(hosts, states) -> None:
            for host in hosts:
                robots = load_robots(host)  # ACK301
                states[host] = HostState(robots=robots)


        async def warm_up_positional(hosts, states) -> None:
            for host in hosts:
                states[host] = HostState(load_robots(host))  # ACK301


        async def queued(hosts, pending: list) -> None:
            for host in hosts:
                pending.append(Pending(load_robots(host), label=host))
                pending.append(Pending(work=load_robots(host)))


        async def handed_to_a_plain_class(hosts, states) -> None:
            for host in hosts:
                states[host] = Plain(load_robots(host))


        async def awaited_first(hosts, states) -> None:
            for host in hosts:
                robots = await load_robots(host)
                states[host] = HostState(robots=robots)
    ''', ["ACK301"])


def test_a_queue_sized_by_the_length_of_a_display_written_in_place():
    check_marked('''
        import asyncio


        class EventBus:
            def __init__(self, names) -> None:
                self.inbox = asyncio.Queue(maxsize=len([]))  # ACK501
                self.pairs = asyncio.Queue(len(()))  # ACK501
                self.two = asyncio.Queue(len(["a", "b"]))
                self.each = asyncio.Queue(len([*names]))

            async def publish(self, event) -> None:
                await self.inbox.put(event)
                await self.pairs.put(event)
                await self.two.put(event)
                await self.each.put(event)
    ''', ["ACK501"])


def test_a_socket_file_waits_for_the_peer():
    """`sock.makefile()` gives a file over a socket in blocking mode (blind53b's note): reading a line waits for the
    peer (ACK105, not a file-system read). Look-alikes: the same reads in a sync helper or handed to a thread, an
    asyncio stream's `readline`, and a project class's own `makefile`."""
    check_marked('''
        import asyncio
        import socket


        class Spool:
            def makefile(self, mode: str) -> "Spool":
                return self

            def readline(self) -> bytes:
                return b""


        async def banner(host: str) -> bytes:
            sock = socket.create_connection((host, 25))  # ACK105
            rfile = sock.makefile("rb")
            return rfile.readline()  # ACK105


        class Client:
            def __init__(self, sock: socket.socket) -> None:
                self.rfile = sock.makefile("rb")

            async def line(self) -> bytes:
                return self.rfile.readline()  # ACK105

            async def lines(self) -> list:
                return [line for line in self.rfile]  # ACK105

            def line_sync(self) -> bytes:
                return self.rfile.readline()

            async def line_offloaded(self) -> bytes:
                return await asyncio.to_thread(self.rfile.readline)


        async def stream_line(reader: asyncio.StreamReader) -> bytes:
            return await reader.readline()


        async def spool_line(spool: Spool) -> bytes:
            return spool.makefile("rb").readline()
    ''', ["ACK105"])
