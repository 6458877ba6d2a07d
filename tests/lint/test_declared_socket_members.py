"""ACK105 for the peer-waiting calls (`recv*`, `accept`, `sendall`) on a socket a coroutine reaches through a
declared parameter whose class (of this module) declares that field `socket.socket` with no value (a NamedTuple's,
a dataclass's). Look-alikes: `send` (returns at once on a non-blocking socket), a socket this coroutine switches
or hands to the loop, one the class's own methods switch, an attribute left `None` for other code to fill, the
same call in a sync function."""
from __future__ import annotations

from .helpers import check_marked


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
