"""What the linter knows about SDK families whose naming convention tells their sync clients from their async
twins, for the classes no table lists by name.

The Azure SDK for Python (every `azure-*` package) pairs each sync client with an async twin of the same name in
the package's `aio` module: `azure.identity.DefaultAzureCredential` and `azure.identity.aio.DefaultAzureCredential`,
`azure.servicebus.ServiceBusClient` and `azure.servicebus.aio.ServiceBusClient`. A sync client's public methods
each make a request on the calling thread but for the handles it makes on sub-resources (`get_queue_client`),
its listings (`list_*` return a pager that asks for each page as it is iterated, `walk_*` too), its constructors
(`from_connection_string`, which make the client they are called on, the async twin's too) and its settings; a
credential's `get_token` asks the identity endpoint (or runs the Azure CLI) unless it has a cached token. In the
twin those same methods are coroutine functions. A handle `get_<thing>_client()` is the family's `<Thing>Client` of
the same package (a client too), and a messaging client's `get_queue_sender()` or `get_subscription_receiver()` its
`<Prefix>Sender` or `<Prefix>Receiver` (Service Bus's `ServiceBusSender`: `send_messages`, `receive_messages` and
settling a message are requests, a link each); a management client's operation groups (`compute.virtual_machines.get(...)`) are
namespaces of the client, whose methods are its requests.
knowledge.py asks these conventions after its own tables (a class a table lists is decided there).
"""
from __future__ import annotations

import re
from typing import Dict, FrozenSet, Optional, Pattern, Tuple

# family root -> (what a client class's name ends with, the module of the async twins, the blocking code)
FAMILIES: Dict[str, Tuple[Tuple[str, ...], str, str]] = {
    "azure": (("Client", "Credential", "Sender", "Receiver"), "aio", "ACK102"),
}
# Methods of a family's client that make no request (or return an object that makes them later).
LOCAL_METHODS: Dict[str, Pattern[str]] = {
    "azure": re.compile(r"get_\w+_(?:client|sender|receiver)|list(?:_\w+)?|walk_\w+|from_\w+|close|url|api_version|account_name|"
                        r"primary_\w+|secondary_\w+|location_mode|credential|\w+_name"),
}
# A client class's classmethods that make an instance of it from another form of its address or settings.
ALTERNATE_CONSTRUCTORS: Pattern[str] = re.compile(r"from_(?:connection_string|\w+_url)")
# Handles a client makes on its sub-resources, named for the client class they give: family -> their pattern.
HANDLES: Dict[str, Pattern[str]] = {"azure": re.compile(r"get_(\w+)_client")}
# Handles a messaging client makes on a queue, topic or subscription: the sender or receiver of the client's own
# prefix (`ServiceBusClient.get_queue_sender` -> `ServiceBusSender`).
LINKS: Dict[str, Pattern[str]] = {"azure": re.compile(r"get_\w+_(sender|receiver)")}
# Clients whose public attributes are namespaces of their requests (an operation group per kind of resource).
NAMESPACE_CLIENTS: Dict[str, str] = {"azure": "ManagementClient"}
# A credential's only requests (its other methods close it or enter it): the token it hands out.
CREDENTIAL_REQUESTS: FrozenSet[str] = frozenset({"get_token", "get_token_info"})
# Classes named like clients that hold settings only: a key credential is updated in place, never fetched.
HOLDERS: FrozenSet[str] = frozenset({"azure.core.credentials"})


def _client(owner: str) -> Optional[Tuple[str, bool]]:
    """(the family, whether the class is an async twin) of a client class of a family, or None."""
    root, dot, rest = owner.partition(".")
    family = FAMILIES.get(root)
    if family is None or not dot:
        return None
    module, _, name = owner.rpartition(".")
    if not name.endswith(family[0]) or module in HOLDERS or not name[:1].isupper():
        return None
    return root, family[1] in module.split(".")


def _makes_request(root: str, owner: str, method: str) -> bool:
    if method.startswith("_") or LOCAL_METHODS[root].fullmatch(method):
        return False
    return method in CREDENTIAL_REQUESTS if owner.endswith("Credential") else True


def blocking_code(owner: str, method: str) -> Optional[str]:
    """The code of ``<owner>.<method>`` when ``owner`` is a sync client of a family and the method a request."""
    found = _client(owner)
    if found is None or found[1] or not _makes_request(found[0], owner, method):
        return None
    return FAMILIES[found[0]][2]


def is_coroutine(owner: str, method: str) -> bool:
    """Is ``<owner>.<method>`` a request of an async twin of a family (a coroutine function)?"""
    found = _client(owner)
    return found is not None and found[1] and _makes_request(found[0], owner, method)


def returned(qualname: str) -> Optional[str]:
    """The client a family client's handle method makes (`get_table_client` -> the package's `TableClient`), or
    the client itself that one of its alternate constructors makes (`from_connection_string`, `from_blob_url`)."""
    owner, _, method = qualname.rpartition(".")
    found = _client(owner)
    if found is not None and ALTERNATE_CONSTRUCTORS.fullmatch(method):
        return owner
    link = LINKS[found[0]].fullmatch(method) if found is not None and found[0] in LINKS else None
    if link is not None and owner.endswith("Client"):
        return f"{owner[:-len('Client')]}{link.group(1).capitalize()}"
    handle = HANDLES[found[0]].fullmatch(method) if found is not None and found[0] in HANDLES else None
    if handle is None:
        return None
    kind = "".join(part.capitalize() for part in handle.group(1).split("_"))
    return f"{owner.rpartition('.')[0]}.{kind}Client"


def namespace(owner: str, attr: str) -> bool:
    """Is ``<owner>.<attr>`` an operation group of a family's management client (a namespace of its requests)?"""
    found = _client(owner)
    suffix = NAMESPACE_CLIENTS.get(found[0]) if found is not None else None
    return suffix is not None and owner.endswith(suffix) and attr[:1].islower() \
        and not LOCAL_METHODS[found[0]].fullmatch(attr)
