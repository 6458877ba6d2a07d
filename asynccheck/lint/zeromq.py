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
