"""What the linter knows about python-socketio, the Socket.IO server and client of realtime apps (multiplayer
lobbies, live dashboards, chat): which calls of its asyncio flavour are coroutine functions, and which calls of
its sync flavour wait on the calling thread.

The asyncio server's `emit`, `send`, `call`, room management (`enter_room`, `leave_room`, `close_room`), its
sessions and `disconnect` are coroutine functions since python-socketio 5, and so are the same methods of an
`AsyncNamespace` a handler class derives from: an `emit` written without `await` sends nothing. The sync client
(`socketio.Client`, `SimpleClient`) connects, waits for events and for acknowledgements on the calling thread.
`attach`, `instrument` and `session` (an async context manager) stay plain, and so does `start_background_task`,
which starts a task and returns it (``TASK_STARTERS``). knowledge.py
merges these tables into its own (canonical qualified names, `<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

ASYNC_SERVER = "socketio.AsyncServer"
ASYNC_CLIENT = "socketio.AsyncClient"
ASYNC_NAMESPACE = "socketio.AsyncNamespace"
ASYNC_CLIENT_NAMESPACE = "socketio.AsyncClientNamespace"
ASYNC_SIMPLE_CLIENT = "socketio.AsyncSimpleClient"
ASYNC_MANAGER = "socketio.AsyncManager"
CLIENT = "socketio.Client"
SIMPLE_CLIENT = "socketio.SimpleClient"
_ASYNC_MANAGERS = ("AsyncManager", "AsyncPubSubManager", "AsyncRedisManager", "AsyncAioPikaManager")

CANONICAL: Dict[str, str] = {
    "socketio.async_server.AsyncServer": ASYNC_SERVER,
    "socketio.async_client.AsyncClient": ASYNC_CLIENT,
    "socketio.async_namespace.AsyncNamespace": ASYNC_NAMESPACE,
    "socketio.async_namespace.AsyncClientNamespace": ASYNC_CLIENT_NAMESPACE,
    "socketio.async_simple_client.AsyncSimpleClient": ASYNC_SIMPLE_CLIENT,
    "socketio.client.Client": CLIENT,
    "socketio.simple_client.SimpleClient": SIMPLE_CLIENT,
    **{f"socketio.async_{module}.{kind}": f"socketio.{kind}" for module, kind in (
        ("manager", "AsyncManager"), ("pubsub_manager", "AsyncPubSubManager"), ("redis_manager", "AsyncRedisManager"),
        ("aiopika_manager", "AsyncAioPikaManager"))},
}
_SERVER_CALLS = ("emit send call enter_room leave_room close_room get_session save_session disconnect shutdown "
                 "handle_request sleep")
COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset(
    f"{kind}.{m}" for kind, methods in (
        (ASYNC_SERVER, _SERVER_CALLS),
        (ASYNC_CLIENT, "connect wait emit send call disconnect shutdown sleep"),
        (ASYNC_NAMESPACE, "trigger_event emit send call enter_room leave_room close_room get_session save_session "
                          "disconnect"),
        (ASYNC_CLIENT_NAMESPACE, "trigger_event emit send call disconnect"),
        (ASYNC_SIMPLE_CLIENT, "connect emit call receive disconnect"),
        *((f"socketio.{kind}", "emit can_disconnect disconnect enter_room leave_room close_room trigger_callback")
          for kind in _ASYNC_MANAGERS),
    ) for m in methods.split()
)
BLOCKING_METHODS: Tuple[Tuple[Tuple[str, ...], str, str], ...] = (
    # connecting, waiting for the connection to end, and `call` (which waits for the peer's acknowledgement)
    ((CLIENT,), "ACK105", "connect wait call"),
    ((SIMPLE_CLIENT,), "ACK105", "connect call receive"),
    ((CLIENT,), "ACK101", "sleep"),
)
# `start_background_task(fn, *args)` of the asyncio server and client calls `fn(*args)` and hands back the task it
# starts with `asyncio.ensure_future` (engine.io's), keeping no reference of its own
TASK_STARTERS: FrozenSet[str] = frozenset(f"{kind}.start_background_task" for kind in (ASYNC_SERVER, ASYNC_CLIENT))
RETURNS: Dict[str, str] = {kind: kind for kind in (ASYNC_SERVER, ASYNC_CLIENT, ASYNC_SIMPLE_CLIENT, CLIENT,
                                                     SIMPLE_CLIENT)}
