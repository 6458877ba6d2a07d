"""The event loop's own sockets, out of the blocking-call wrappers' way.

``socket.socket``'s methods are wrapped at class level (blocking.py): every socket then pays for a Python call
on every recv and send, the loop's non-blocking ones too, though only a blocking socket can be a finding. A
selector transport reaches its socket through one private attribute, ``_sock``, on its hot path (recv, send,
sendmsg, recvfrom, sendto). Once a transport is made, that attribute is replaced by a stand-in whose hot
methods are the socket's own C methods, bound: nothing of ours runs between the loop and the system call.
Everything else goes to the socket itself.

The program never sees the stand-in: ``get_extra_info('socket')`` wraps the real socket, and the socket the
program passed (``sock=``) is left as it is. A socket whose class overrides a hot method, and a socket made
blocking behind the transport's back (through the program's own reference to it), are left to the wrappers:
the stand-in then looks the method up on the socket at each call, as the transport would have.
"""
from __future__ import annotations

import _socket
import socket
import weakref
from asyncio import selector_events
from typing import Any, Callable

from asynccheck.runtime.frameless import CheckedMethodDescriptor
from asynccheck.runtime.patches import Patches

# the methods a selector transport calls on each read and write (sendmsg from 3.12)
HOT = ("recv", "recv_into", "send", "sendmsg", "recvfrom", "sendto")

# id(socket) -> its stand-in, while a transport holds it: the blocking switches below rebind it
_stand_ins: "weakref.WeakValueDictionary[int, LoopSocket]" = weakref.WeakValueDictionary()


class LoopSocket:
    """A transport's socket, as the transport uses it. Hot methods are bound to the C methods while the socket
    is non-blocking and its class does not override them; otherwise the slot is left empty and ``__getattr__``
    finds the method on the socket at each call (the wrapper, or the subclass's own)."""

    __slots__ = ("_socket", *HOT, "__weakref__")

    def __init__(self, sock: Any):
        object.__setattr__(self, "_socket", sock)
        self.rebind()

    def rebind(self) -> None:
        sock = self._socket
        fast = sock.timeout == 0.0
        kind = type(sock)
        for name in HOT:
            method = _c_method(kind, name) if fast else None
            if method is not None:
                object.__setattr__(self, name, method.__get__(sock, kind))
            else:
                try:
                    object.__delattr__(self, name)
                except AttributeError:
                    pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self._socket, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._socket, name, value)

    def __repr__(self) -> str:
        return repr(self._socket)


def _c_method(kind: type, name: str) -> Any:
    """The C method ``kind.name`` comes down to, when it is the socket's own, or ours around it (blocking.py
    marks its socket wrappers); None when the class (or anyone else) put something of its own there."""
    method = getattr(kind, name, None)
    if getattr(method, "asynccheck_code", None) == "ACK105":
        method = method._original if isinstance(method, CheckedMethodDescriptor) else method.__wrapped__
    own = getattr(_socket.socket, name, None)
    return method if own is not None and method is own else None


def install(patches: Patches) -> None:
    """Selector transports made from now on get a LoopSocket; so do sockets that change mode later."""
    transport = selector_events._SelectorTransport
    original = transport.__init__

    def __init__(self: Any, loop: Any, sock: Any, *args: Any, **kwargs: Any) -> None:
        original(self, loop, sock, *args, **kwargs)
        if self._sock is sock and isinstance(sock, _socket.socket):
            stand_in = LoopSocket(sock)
            _stand_ins[id(sock)] = stand_in
            self._sock = stand_in

    __init__.__wrapped__ = original  # type: ignore[attr-defined]
    patches.replace(transport, "__init__", __init__)
    for name in ("setblocking", "settimeout"):
        patches.replace(socket.socket, name, _switch(name, getattr(socket.socket, name)))


def _switch(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
    """``setblocking``/``settimeout`` that rebind a transport's stand-in when its socket changes mode."""

    def switch(sock: Any, *args: Any) -> None:
        original(sock, *args)
        stand_in = _stand_ins.get(id(sock))
        if stand_in is not None and stand_in._socket is sock:
            stand_in.rebind()

    switch.__wrapped__ = original  # type: ignore[attr-defined]
    switch.__name__ = switch.__qualname__ = name
    switch.__doc__ = original.__doc__
    return switch
