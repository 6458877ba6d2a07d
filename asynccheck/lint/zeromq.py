"""What the linter knows about pyzmq: the sockets of its sync API wait on the calling thread, those of
`zmq.asyncio` are awaited.

A market-data or telemetry subscriber ported to asyncio often keeps `zmq.Context().socket(zmq.SUB)` and its
`recv()`, which waits for the next message with the loop stalled (ACK105), unless told not to wait
(`flags=zmq.NOBLOCK`). Only the receiving side is listed: a send waits only at a socket's high-water mark, and a
PUB socket drops instead. The `zmq.asyncio` twins return awaitables: one written without `await` never runs
(ACK301). knowledge.py merges these tables into its own (canonical qualified names, `<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

CONTEXT = "zmq.Context"
SOCKET = "zmq.Socket"
POLLER = "zmq.Poller"
ASYNC_CONTEXT = "zmq.asyncio.Context"
ASYNC_SOCKET = "zmq.asyncio.Socket"
ASYNC_POLLER = "zmq.asyncio.Poller"

_RECEIVES = "recv recv_multipart recv_string recv_json recv_pyobj recv_serialized".split()

CANONICAL: Dict[str, str] = {
    "zmq.sugar.context.Context": CONTEXT, "zmq.sugar.Context": CONTEXT,
    "zmq.sugar.socket.Socket": SOCKET, "zmq.sugar.Socket": SOCKET,
    "zmq.sugar.poll.Poller": POLLER, "zmq.sugar.Poller": POLLER,
}
RETURNS: Dict[str, str] = {
    CONTEXT: CONTEXT, f"{CONTEXT}.instance": CONTEXT, f"{CONTEXT}.socket": SOCKET,
    ASYNC_CONTEXT: ASYNC_CONTEXT, f"{ASYNC_CONTEXT}.instance": ASYNC_CONTEXT, f"{ASYNC_CONTEXT}.socket": ASYNC_SOCKET,
    POLLER: POLLER, ASYNC_POLLER: ASYNC_POLLER,
}
BLOCKING_FUNCTIONS: Dict[str, str] = {
    **{f"{SOCKET}.{m}": "ACK105" for m in _RECEIVES},
    f"{SOCKET}.poll": "ACK105",
    f"{POLLER}.poll": "ACK105",
}
# `sock.recv(zmq.NOBLOCK)` raises zmq.Again at once when nothing is there; a poll with a zero timeout only looks
NON_BLOCKING_ARGS: Dict[str, Tuple[Tuple[Tuple[int, str, str], ...], ...]] = {
    **{f"{SOCKET}.{m}": (((0, "flags", "has:NOBLOCK"),), ((0, "flags", "has:DONTWAIT"),)) for m in _RECEIVES},
    f"{SOCKET}.poll": (((0, "timeout", "zero"),),),
    f"{POLLER}.poll": (((0, "timeout", "zero"),),),
}
COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset({
    *(f"{ASYNC_SOCKET}.{m}" for m in _RECEIVES),
    *(f"{ASYNC_SOCKET}.{m}" for m in "send send_multipart send_string send_json send_pyobj send_serialized poll".split()),
    f"{ASYNC_POLLER}.poll",
})


def dropped(text: str, in_async: bool, assigned: str = "") -> str:
    """ACK301's message for a `zmq.asyncio` call whose result is dropped: it returns a future, not a coroutine.
    A send that fits goes out at once (the future is already done), one that does not waits in the socket's
    queue; either way a failure is kept in the future nobody looks at, and a receive's message is lost."""
    advice = "add `await`" if in_async else \
        "await it from a coroutine, or keep the future and read its result in a done-callback"
    what = f"`{assigned} = {text}` holds a `zmq.asyncio` future that is never awaited or read" if assigned else \
        f"`{text}` returns a `zmq.asyncio` future that is dropped"
    return (f"{what}: a send that cannot go out at once is left "
            f"queued, an error is never seen, a received message is lost; {advice}")


def in_thread(text: str, where: str) -> str:
    """ACK401's message for a `zmq.asyncio` socket used from a thread: its methods make their futures on the
    thread's event loop, and a plain thread has none, so each call raises RuntimeError and sends nothing."""
    return (f"`{text}` calls a `zmq.asyncio` socket, whose methods need the calling thread's event loop, but this "
            f"code runs in {where}: there it raises RuntimeError (no current event loop) and nothing is sent or "
            "received; give the thread a blocking socket of a sync shadow of the same context "
            "(`zmq.Context(async_ctx).socket(...)`, so `inproc://` still connects)")
