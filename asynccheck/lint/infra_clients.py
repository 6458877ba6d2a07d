"""What the linter knows about the sync clients of the infrastructure services older code talks to: SOAP (zeep),
SFTP (pysftp), directories (ldap3), ZooKeeper (kazoo), Consul (python-consul), Vault (hvac), NetBox (pynetbox),
Cassandra and Neo4j (the official driver, whose async twin's calls are coroutine functions), MinIO's S3 client,
Salt's clients (each `cmd` publishes a job to the master over ZeroMQ and waits for the minions' returns), STOMP
brokers (stomp.py: connecting, and with `wait=True` waiting for the broker's CONNECTED; each frame written to the
socket), Aerospike (each record operation a round trip to the cluster) and Hazelcast (a map proxy's calls give
futures; its `blocking()` view's calls wait for the member's answer).

Each of their calls listed here waits for the server on the calling thread. Their non-blocking twins stay out:
kazoo's `*_async` methods, Cassandra's `execute_async`, `consul.aio`, `zeep.AsyncClient`, `miniopy_async`, Salt's
`cmd_async`. knowledge.py merges
these tables into its own; the names follow its conventions (canonical qualified names, `<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

ZEEP_CLIENT = "zeep.Client"
ZEEP_SERVICE = "zeep.proxy.ServiceProxy"
PYSFTP = "pysftp.Connection"
LDAP = "ldap3.Connection"
KAZOO = "kazoo.client.KazooClient"
CONSUL = "consul.Consul"
HVAC = "hvac.Client"
CASSANDRA = "cassandra.cluster"
MINIO = "minio.Minio"
STOMP = "stomp.Connection"
AEROSPIKE = "aerospike.Client"
HAZELCAST, HAZELCAST_BLOCKING = "hazelcast.HazelcastClient", "hazelcast.proxy.base.BlockingProxy"
# switches of the client's own settings (a presigned URL may still ask for the bucket's region: not listed)
_MINIO_LOCAL = frozenset("set_app_info trace_on trace_off enable_accelerate_endpoint disable_accelerate_endpoint "
                         "enable_dualstack_endpoint disable_dualstack_endpoint enable_virtual_style_endpoint "
                         "disable_virtual_style_endpoint".split())
SALT_CLIENTS = ("salt.client.LocalClient", "salt.client.Caller", "salt.runner.RunnerClient",
                "salt.wheel.WheelClient", "salt.client.ssh.client.SSHClient")
# pynetbox: the client's apps (`nb.dcim`) and their endpoints (`nb.dcim.devices`) are namespaces of the same kind;
# an endpoint's `all()` and `filter()` return a record set that makes its requests as it is iterated
NETBOX = "pynetbox.core.api.Api"
NETBOX_RECORDS = "pynetbox.core.response.RecordSet"
# neo4j: a driver (`GraphDatabase.driver()`) makes sessions without I/O; a session's and a transaction's queries,
# and a result's reads (and its iteration, which pulls records), wait for the server
NEO4J = {kind: f"neo4j.{kind}" for kind in ("Driver", "Session", "Transaction", "Result", "AsyncDriver",
                                            "AsyncSession", "AsyncTransaction", "AsyncResult")}
_NEO4J_DRIVER_CALLS = "execute_query verify_connectivity verify_authentication get_server_info supports_multi_db " \
                      "supports_session_auth close"
_NEO4J_SESSION_CALLS = "run execute_read execute_write read_transaction write_transaction begin_transaction close " \
                       "last_bookmarks last_bookmark"
_NEO4J_TX_CALLS = "run commit rollback close"
_NEO4J_RESULT_CALLS = "single data fetch consume value values graph to_df to_eager_result peek keys"

CANONICAL: Dict[str, str] = {
    "stomp.connect.StompConnection12": STOMP, "stomp.StompConnection12": STOMP,
    "hazelcast.client.HazelcastClient": HAZELCAST,
    "zeep.client.Client": ZEEP_CLIENT,
    "ldap3.core.connection.Connection": LDAP,
    "consul.std.Consul": CONSUL,
    "hvac.v1.Client": HVAC,
    "minio.api.Minio": MINIO,
    "pynetbox.api": NETBOX,
    "neo4j._sync.driver.Driver": NEO4J["Driver"], "neo4j._async.driver.AsyncDriver": NEO4J["AsyncDriver"],
    "neo4j.BoltDriver": NEO4J["Driver"], "neo4j.Neo4jDriver": NEO4J["Driver"],
    "neo4j.AsyncBoltDriver": NEO4J["AsyncDriver"], "neo4j.AsyncNeo4jDriver": NEO4J["AsyncDriver"],
    "neo4j.ManagedTransaction": NEO4J["Transaction"], "neo4j.AsyncManagedTransaction": NEO4J["AsyncTransaction"],
}

_METHODS: Tuple[Tuple[str, str, str], ...] = (
    # every transfer and directory operation is a request over the SSH channel
    (PYSFTP, "ACK105", "get get_d get_r put put_d put_r listdir listdir_attr chdir chmod chown cwd exists lexists "
                       "isdir isfile makedirs mkdir normalize open readlink remove unlink rename rmdir stat lstat "
                       "symlink truncate walktree execute getcwd"),
    # the default (sync) strategy waits for the server's answer to each operation
    (LDAP, "ACK105", "open bind rebind unbind search add delete modify modify_dn compare abandon extended start_tls "
                     "do_sasl_bind refresh_server_info"),
    # `start()` waits for the session; each node operation waits for its reply (the `*_async` twins do not)
    (KAZOO, "ACK105", "start stop restart close get set create delete exists get_children ensure_path get_acls "
                      "set_acls sync command server_version add_auth reconfig"),
    (f"{CASSANDRA}.Cluster", "ACK105", "connect shutdown refresh_schema_metadata refresh_keyspace_metadata "
                                       "refresh_table_metadata refresh_nodes"),
    (f"{CASSANDRA}.Session", "ACK105", "execute prepare set_keyspace shutdown"),
    # what `session.execute_async()` returns: its result waits for the query
    (f"{CASSANDRA}.ResponseFuture", "ACK105", "result"),
    (NEO4J["Driver"], "ACK105", _NEO4J_DRIVER_CALLS),
    (NEO4J["Session"], "ACK105", _NEO4J_SESSION_CALLS),
    (NEO4J["Transaction"], "ACK105", _NEO4J_TX_CALLS),
    (NEO4J["Result"], "ACK105", _NEO4J_RESULT_CALLS),
    (STOMP, "ACK105", "connect disconnect send subscribe unsubscribe ack nack begin commit abort"),
    (AEROSPIKE, "ACK105", "connect close get select exists put remove touch operate operate_ordered append prepend "
                          "increment get_many exists_many select_many batch_read batch_write batch_operate "
                          "batch_remove apply truncate info_all info_single_node"),
)
BLOCKING_FUNCTIONS: Dict[str, str] = {
    # the client downloads and parses the WSDL (and what it imports) when it is made
    ZEEP_CLIENT: "ACK102",
    # connecting logs in over SSH
    PYSFTP: "ACK105",
    # made, the client connects to the cluster and waits for it
    HAZELCAST: "ACK105",
    **{f"{kind}.{m}": code for kind, code, methods in _METHODS for m in methods.split()},
}

# Clients whose every method, through their namespaces (`c.kv.get(...)`, `client.secrets.kv.v2.read_secret(...)`),
# is an HTTP request, but for these; and a SOAP service proxy, whose every operation is one.
BLOCKING_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    CONSUL: ("ACK102", frozenset()),
    HVAC: ("ACK102", frozenset({"close"})),
    ZEEP_SERVICE: ("ACK102", frozenset()),
    NETBOX: ("ACK102", frozenset({"all", "filter"})),
    MINIO: ("ACK102", _MINIO_LOCAL),
    HAZELCAST_BLOCKING: ("ACK105", frozenset({"name", "service_name"})),
    **{name: ("ACK105", frozenset({"destroy"})) for name in SALT_CLIENTS},
}
_CONSUL_SETTINGS = frozenset("http token scheme dc consistency verify cert host port".split())
_HVAC_SETTINGS = frozenset("adapter url token session timeout namespace allow_redirects".split())
ITEM_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    CONSUL: (CONSUL, _CONSUL_SETTINGS),
    HVAC: (HVAC, _HVAC_SETTINGS),
    # (an endpoint's `all` and `filter` are methods, not namespaces: what they return is typed below)
    NETBOX: (NETBOX, frozenset("base_url token headers http_session threading strict_filters all filter".split())),
}
BLOCKING_ITERATION: Dict[str, str] = {NETBOX_RECORDS: "ACK102", NEO4J["Result"]: "ACK105"}
PROPERTIES: Dict[str, str] = {f"{ZEEP_CLIENT}.service": ZEEP_SERVICE}
RETURNS: Dict[str, str] = {
    ZEEP_CLIENT: ZEEP_CLIENT,
    **{f"{ZEEP_CLIENT}.{m}": ZEEP_SERVICE for m in ("bind", "create_service")},
    PYSFTP: PYSFTP, LDAP: LDAP, KAZOO: KAZOO, CONSUL: CONSUL, HVAC: HVAC, NETBOX: NETBOX, MINIO: MINIO,
    STOMP: STOMP, "aerospike.client": AEROSPIKE, f"{AEROSPIKE}.connect": AEROSPIKE, HAZELCAST: HAZELCAST,
    **{f"{HAZELCAST}.get_{kind}": "hazelcast.proxy.base.Proxy" for kind in (
        "map", "queue", "list", "set", "topic", "multi_map", "replicated_map", "ringbuffer")},
    "hazelcast.proxy.base.Proxy.blocking": HAZELCAST_BLOCKING,
    **{name: name for name in SALT_CLIENTS}, "salt.client.get_local_client": SALT_CLIENTS[0],
    **{f"{NETBOX}.{m}": NETBOX_RECORDS for m in ("all", "filter")},
    f"{CASSANDRA}.Cluster": f"{CASSANDRA}.Cluster",
    f"{CASSANDRA}.Cluster.connect": f"{CASSANDRA}.Session",
    f"{CASSANDRA}.Session.execute_async": f"{CASSANDRA}.ResponseFuture",
    **{f"neo4j.{db}.{made}": NEO4J[f"{twin}Driver"] for db, twin in (("GraphDatabase", ""),
                                                                     ("AsyncGraphDatabase", "Async"))
       for made in ("driver", "bolt_driver", "neo4j_driver")},
    **{f"{NEO4J[f'{twin}Driver']}.session": NEO4J[f"{twin}Session"] for twin in ("", "Async")},
    **{f"{NEO4J[f'{twin}{kind}']}.run": NEO4J[f"{twin}Result"] for twin in ("", "Async")
       for kind in ("Session", "Transaction")},
    **{f"{NEO4J[f'{twin}Session']}.begin_transaction": NEO4J[f"{twin}Transaction"] for twin in ("", "Async")},
}
# the async driver's twins of the calls above: coroutine functions
COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset(
    f"{NEO4J[kind]}.{m}" for kind, methods in (("AsyncDriver", _NEO4J_DRIVER_CALLS),
                                               ("AsyncSession", _NEO4J_SESSION_CALLS),
                                               ("AsyncTransaction", _NEO4J_TX_CALLS),
                                               ("AsyncResult", _NEO4J_RESULT_CALLS.replace(" keys", "")))
    for m in methods.split()
)
