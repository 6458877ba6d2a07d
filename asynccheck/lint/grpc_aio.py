"""What the linter knows about grpc.aio, gRPC's asyncio API: its server, its channels and the context its
servicers' handlers are given.

These mirror the sync API's names (`server.start()`, `server.stop(grace)`, `channel.close()`, `context.abort()`)
but are coroutine functions: a call written without `await`, as in the sync examples, is a coroutine that never
runs; the server never stops gracefully, the status never reaches the client. knowledge.py merges these tables
into its own (canonical qualified names, `<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet

SERVER = "grpc.aio.Server"
CHANNEL = "grpc.aio.Channel"
CONTEXT = "grpc.aio.ServicerContext"

CANONICAL: Dict[str, str] = {
    "grpc.aio._server.Server": SERVER, "grpc.aio._base_server.Server": SERVER,
    "grpc.aio._channel.Channel": CHANNEL, "grpc.aio._base_channel.Channel": CHANNEL,
    "grpc.aio._base_server.ServicerContext": CONTEXT,
    "grpc.aio._server.server": "grpc.aio.server",
    "grpc.aio._channel.insecure_channel": "grpc.aio.insecure_channel",
    "grpc.aio._channel.secure_channel": "grpc.aio.secure_channel",
}
RETURNS: Dict[str, str] = {
    "grpc.aio.server": SERVER,
    "grpc.aio.insecure_channel": CHANNEL,
    "grpc.aio.secure_channel": CHANNEL,
}
# (`add_insecure_port`, `add_generic_rpc_handlers`, a context's `set_code`/`set_details`/`peer` are plain calls)
COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset({
    *(f"{SERVER}.{m}" for m in ("start", "stop", "wait_for_termination")),
    *(f"{CHANNEL}.{m}" for m in ("close", "channel_ready")),
    *(f"{CONTEXT}.{m}" for m in ("abort", "read", "write", "send_initial_metadata")),
})
