"""ACK105 for the peer-waiting calls (`recv*`, `accept`, `sendall`) on a socket a coroutine reaches through a
declared parameter whose class (of this module) declares that field `socket.socket` with no value (a NamedTuple's,
a dataclass's). Look-alikes: `send` (returns at once on a non-blocking socket), a socket this coroutine switches
or hands to the loop, one the class's own methods switch, an attribute left `None` for other code to fill, the
same call in a sync function.

Also a member of another object whose class (of this module or another) makes the socket itself and never
switches it, read directly or through a property; left out where this module switches it or hands it off."""
from __future__ import annotations

from .helpers import check_marked, project_findings


def test_a_declared_parameters_socket_field():
    check_marked('''
        import asyncio
        import socket
        from dataclasses import dataclass
        from typing import NamedTuple


        class Peer(NamedTuple):
            name: str
            sock: socket.socket


        @dataclass
        class Link:
            sock: socket.socket


        @dataclass
        class NonBlockingLink:
            sock: socket.socket

            def start(self) -> None:
                self.sock.setblocking(False)


        async def ping(p: Peer) -> bytes:
            p.sock.sendall(b"ping")  # ACK105
            return p.sock.recv(4)  # ACK105


        async def push(link: Link, data: bytes) -> None:
            link.sock.sendall(data)  # ACK105


        async def nudge(p: Peer) -> None:
            p.sock.send(b"x")


        async def push_via_loop(p: Peer, data: bytes) -> None:
            p.sock.setblocking(False)
            await asyncio.get_running_loop().sock_sendall(p.sock, data)


        async def push_switched(link: NonBlockingLink, data: bytes) -> None:
            link.sock.sendall(data)


        def push_sync(p: Peer, data: bytes) -> None:
            p.sock.sendall(data)


        class Later:
            sock: socket.socket | None = None


        class Filled:
            def __init__(self) -> None:
                self.sock: socket.socket | None = None


        async def read_later(a: Later, b: Filled) -> None:
            # left `None` for code we do not see to fill: it may hand a non-blocking socket
            a.sock.recv(1)
            b.sock.recv(1)
    ''', ["ACK105"])


def test_a_socket_another_objects_class_makes_itself():
    # the connection class makes its socket in `connect()` and never switches it: a coroutine that waits on it
    # through the object (directly, or through a property handing it back) waits on a blocking socket
    check_marked('''
        import asyncio
        import socket
        from typing import Optional


        class BankLink:
            def __init__(self, host: str, port: int) -> None:
                self.addr = (host, port)
                self._sock: Optional[socket.socket] = None

            def connect(self) -> None:
                self._sock = socket.create_connection(self.addr, timeout=10)

            @property
            def sock(self) -> socket.socket:
                if self._sock is None:
                    raise RuntimeError("not connected")
                return self._sock


        class Settlement:
            def __init__(self, link: BankLink) -> None:
                self.link = link

            async def send(self, payload: bytes) -> None:
                self.link.sock.sendall(payload)  # ACK105

            async def ack(self) -> bytes:
                return self.link._sock.recv(2)  # ACK105

            async def nudge(self) -> None:
                self.link.sock.send(b"x")


        async def probe(link: BankLink) -> bytes:
            return link.sock.recv(4)  # ACK105


        def probe_sync(link: BankLink) -> bytes:
            return link.sock.recv(4)
    ''', ["ACK105"])


def test_no_socket_of_another_object_that_may_be_non_blocking():
    check_marked('''
        import asyncio
        import socket


        class SwitchedLink:
            def __init__(self, addr) -> None:
                self._sock = socket.create_connection(addr)
                self._sock.setblocking(False)

            @property
            def sock(self) -> socket.socket:
                return self._sock


        class HandedLink:
            def __init__(self, sock: socket.socket) -> None:
                self.sock = sock


        class LoopLink:
            def __init__(self, addr) -> None:
                self._sock = socket.socket()

            @property
            def sock(self) -> socket.socket:
                return self._sock


        async def start(link: LoopLink) -> None:
            # handed to asyncio, which switches it: this module's other uses of the member stay quiet
            await asyncio.open_connection(sock=link.sock)


        async def read_all(a: SwitchedLink, b: HandedLink, c: LoopLink) -> None:
            a.sock.recv(1)
            b.sock.recv(1)
            c.sock.recv(1)
    ''', ["ACK105"])


def test_a_socket_another_modules_class_makes_itself(tmp_path):
    files = {
        "bank/__init__.py": "",
        "bank/link.py": '''
            import socket
            from typing import Optional


            class BankLink:
                def __init__(self, addr) -> None:
                    self.addr = addr
                    self._sock: Optional[socket.socket] = None

                def connect(self) -> None:
                    self._sock = socket.create_connection(self.addr)

                @property
                def sock(self) -> socket.socket:
                    assert self._sock is not None
                    return self._sock


            class Wrapped:
                def __init__(self, addr) -> None:
                    self._sock = socket.create_connection(addr)
                    self._sock.settimeout(0)

                @property
                def sock(self) -> socket.socket:
                    return self._sock
        ''',
        "bank/settle.py": '''
            from .link import BankLink, Wrapped


            async def send(link: BankLink, payload: bytes) -> None:
                link.sock.sendall(payload)


            async def send_wrapped(link: Wrapped, payload: bytes) -> None:
                link.sock.sendall(payload)
        ''',
    }
    assert project_findings(tmp_path, files, ["ACK105"]) == {("bank/settle.py", 5, "ACK105")}
