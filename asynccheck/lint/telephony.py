"""What the linter knows about the clients of telephony servers: Asterisk's Manager Interface through pyst2
(`asterisk.manager`) and its REST Interface through ari-py and aioari.

pyst2's manager talks to the AMI over a blocking socket: connecting, logging in and every action wait for the
server's answer (its event callbacks are registered locally). ari-py's `connect()` fetches the server's Swagger
description before it returns the client; every operation of a resource (`client.channels.list()`,
`client.bridges.create(...)`) is one request, and `run()` reads the event websocket until it closes. aioari is the
asyncio twin: `connect()` and every operation are coroutines.
(Twilio's REST client is sdks.py's; panoramisk, the AMI over asyncio, needs no entry: its `send_action` hands back a
future of the answer, and its event callbacks may be coroutine functions.)
knowledge.py merges these tables into its own; the names follow its conventions (canonical qualified names,
`<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

AMI = "asterisk.manager.Manager"
_AMI_LOCAL = frozenset({"register_event", "unregister_event", "connected", "hostname", "title", "version"})
ARI, ARI_REPOSITORY = "ari.client.Client", "ari.client.Repository"
AIOARI, AIOARI_REPOSITORY = "aioari.client.Client", "aioari.client.Repository"
# a client's event registrations and what it holds, not requests
_ARI_LOCAL = frozenset(
    "on_event on_object_event on_channel_event on_bridge_event on_playback_event on_live_recording_event "
    "on_stored_recording_event on_endpoint_event on_device_state_event on_sound_event get_repo repositories "
    "swagger websockets event_listeners exception_handler".split()
)

CANONICAL: Dict[str, str] = {
    "ari.Client": ARI, "aioari.Client": AIOARI,
    "ari.client.connect": "ari.connect", "aioari.client.connect": "aioari.connect",
}
BLOCKING_FUNCTIONS: Dict[str, str] = {"ari.connect": "ACK102"}
BLOCKING_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    AMI: ("ACK105", _AMI_LOCAL),
    ARI: ("ACK102", _ARI_LOCAL),
    ARI_REPOSITORY: ("ACK102", frozenset()),
}
COROUTINE_TYPES: Dict[str, FrozenSet[str]] = {AIOARI: _ARI_LOCAL, AIOARI_REPOSITORY: frozenset()}
COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset({"aioari.connect"})
# a client's resources (`client.channels`) are repositories whose operations are requests
ITEM_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    ARI: (ARI_REPOSITORY, _ARI_LOCAL), AIOARI: (AIOARI_REPOSITORY, _ARI_LOCAL),
}
RETURNS: Dict[str, str] = {AMI: AMI, "ari.connect": ARI, ARI: ARI}
ASYNC_RETURNS: Dict[str, str] = {"aioari.connect": AIOARI}
