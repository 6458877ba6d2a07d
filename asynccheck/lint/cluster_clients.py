"""What the linter knows about the clients of control planes that operators, deploy scripts and secret fetchers
talk to: Kubernetes' official client (and its exec `stream()`) and pykube-ng, fabric's SSH connections, Google Secret
Manager, Compute Engine and Azure Key Vault (sync:
each call listed waits for the server on the calling thread), and the asyncio twins of Kubernetes', AWS's and
Docker's clients, kubernetes_asyncio, aiobotocore/aioboto3 and aiodocker (each API call is a coroutine: ACK301
when it is dropped).

The twins are other names, so the sync tables never reach them. knowledge.py merges these tables into its own;
the names follow its conventions (canonical qualified names, `<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

# The generated API groups of the official client: every method is one request to the API server (list_*,
# read_*, patch_*, their *_with_http_info twins); `api_client` is an attribute.
_K8S_MODULES = {
    "CoreV1Api": "core_v1_api", "AppsV1Api": "apps_v1_api", "BatchV1Api": "batch_v1_api",
    "CustomObjectsApi": "custom_objects_api", "NetworkingV1Api": "networking_v1_api",
    "RbacAuthorizationV1Api": "rbac_authorization_v1_api", "CoordinationV1Api": "coordination_v1_api",
    "PolicyV1Api": "policy_v1_api", "StorageV1Api": "storage_v1_api", "AutoscalingV1Api": "autoscaling_v1_api",
    "AutoscalingV2Api": "autoscaling_v2_api", "ApiextensionsV1Api": "apiextensions_v1_api",
    "EventsV1Api": "events_v1_api", "AdmissionregistrationV1Api": "admissionregistration_v1_api",
    "CertificatesV1Api": "certificates_v1_api", "DiscoveryV1Api": "discovery_v1_api",
    "SchedulingV1Api": "scheduling_v1_api", "NodeV1Api": "node_v1_api", "VersionApi": "version_api",
}
K8S_APIS: Tuple[str, ...] = tuple(f"kubernetes.client.{name}" for name in _K8S_MODULES)
# A watch long-polls the API server: each step of `stream()` waits for the next event.
K8S_WATCH = "kubernetes.watch.Watch"

FABRIC = "fabric.Connection"
_FABRIC_GROUPS = ("fabric.SerialGroup", "fabric.ThreadingGroup")
GSM = "google.cloud.secretmanager.SecretManagerServiceClient"
# Compute Engine's generated clients (google-cloud-compute): each RPC waits for the API (a `list()` fetches its
# first page before it returns the pager); the clients' path builders and factories stay out.
_COMPUTE = tuple(f"google.cloud.compute_v1.{name}Client" for name in (
    "Instances Disks Zones Regions MachineTypes Images Snapshots Networks Subnetworks Firewalls Addresses "
    "InstanceGroupManagers InstanceTemplates ZoneOperations RegionOperations GlobalOperations Projects").split())
_COMPUTE_RPCS = ("list get insert delete patch update aggregated_list start stop reset resume suspend set_labels "
                 "set_metadata set_tags set_machine_type attach_disk detach_disk wait get_serial_port_output "
                 "get_iam_policy set_iam_policy resize create_snapshot")
AZ_SECRETS = "azure.keyvault.secrets.SecretClient"
AZ_CERTS = "azure.keyvault.certificates.CertificateClient"

CANONICAL: Dict[str, str] = {
    **{f"kubernetes.client.api.{module}.{name}": f"kubernetes.client.{name}" for name, module in _K8S_MODULES.items()},
    **{f"kubernetes.client.api.{name}": f"kubernetes.client.{name}" for name in _K8S_MODULES},
    "kubernetes.watch.watch.Watch": K8S_WATCH,
    "fabric.connection.Connection": FABRIC,
    **{f"fabric.group.{name.rpartition('.')[2]}": name for name in _FABRIC_GROUPS},
    "google.cloud.secretmanager_v1.SecretManagerServiceClient": GSM,
    "google.cloud.secretmanager_v1.services.secret_manager_service.SecretManagerServiceClient": GSM,
    "google.cloud.secretmanager_v1.services.secret_manager_service.client.SecretManagerServiceClient": GSM,
    "azure.keyvault.secrets._client.SecretClient": AZ_SECRETS,
    "azure.keyvault.certificates._client.CertificateClient": AZ_CERTS,
}

_METHODS: Tuple[Tuple[str, str, str], ...] = (
    (K8S_WATCH, "ACK102", "stream"),
    *((client, "ACK102", _COMPUTE_RPCS) for client in _COMPUTE),
    # a remote command or transfer over the SSH session; `local()` runs a subprocess here
    (FABRIC, "ACK105", "open run sudo put get sftp create_session shell forward_local forward_remote"),
    (FABRIC, "ACK104", "local"),
    *((group, "ACK105", "run sudo put get") for group in _FABRIC_GROUPS),
    (GSM, "ACK102", "access_secret_version get_secret list_secrets create_secret add_secret_version update_secret "
                    "delete_secret get_secret_version list_secret_versions enable_secret_version "
                    "disable_secret_version destroy_secret_version get_iam_policy set_iam_policy "
                    "test_iam_permissions"),
    # `list_*` return a lazy pager (its iteration is the request) and `begin_*` a poller: only these wait
    (AZ_SECRETS, "ACK102", "get_secret set_secret update_secret_properties get_deleted_secret "
                           "purge_deleted_secret backup_secret restore_secret_backup"),
    (AZ_CERTS, "ACK102", "get_certificate get_certificate_version get_certificate_policy import_certificate "
                         "update_certificate_properties update_certificate_policy get_deleted_certificate "
                         "purge_deleted_certificate backup_certificate restore_certificate_backup "
                         "get_issuer create_issuer delete_issuer merge_certificate"),
)
# pykube-ng (what kopf's examples use): its HTTP client is a requests session; an object's create/reload/patch
# and a query's fetches are requests (`Pod.objects(api).filter(...)` only builds the query).
PYKUBE_HTTP = "pykube.HTTPClient"
PYKUBE_QUERY = "pykube.query.Query"
# each kind's own requests, besides those every object makes
_PYKUBE_OWN = {
    "Pod": "logs", "Node": "cordon uncordon", "Deployment": "rollout_undo scale", "ReplicationController": "scale",
    "Service": "proxy_http_request proxy_http_get proxy_http_post proxy_http_put proxy_http_delete",
    **{kind: "" for kind in (
        "ConfigMap CronJob CustomResourceDefinition DaemonSet Endpoint Event HorizontalPodAutoscaler Ingress Job "
        "LimitRange Namespace PersistentVolume PersistentVolumeClaim PodDisruptionBudget ReplicaSet "
        "ResourceQuota Role ClusterRole RoleBinding ClusterRoleBinding Secret ServiceAccount StatefulSet").split()},
}
PYKUBE_OBJECTS: Tuple[str, ...] = tuple(f"pykube.{kind}" for kind in _PYKUBE_OWN)
# what a query fetches: an object of the query's kind, which the linter does not follow (the common base)
PYKUBE_OBJECT = "pykube.objects.APIObject"
_METHODS += (
    (PYKUBE_HTTP, "ACK102", "request get options head post put patch delete resource_list"),
    (PYKUBE_QUERY, "ACK102", "get_by_name get get_or_none execute as_table iterator"),
    (PYKUBE_OBJECT, "ACK102", "exists create reload patch update delete"),
    *((f"pykube.{kind}", "ACK102", f"exists create reload patch update delete {own}")
      for kind, own in _PYKUBE_OWN.items()),
)
CANONICAL.update({
    "pykube.http.HTTPClient": PYKUBE_HTTP,
    "pykube.query.Query": PYKUBE_QUERY,
    **{f"pykube.objects.{obj.rpartition('.')[2]}": obj for obj in PYKUBE_OBJECTS},
})

BLOCKING_FUNCTIONS: Dict[str, str] = {
    f"{kind}.{m}": code for kind, code, methods in _METHODS for m in methods.split()
}
# `stream(api.connect_get_namespaced_pod_exec, ...)` opens the exec websocket and, by default, reads the command's
# output until it ends
BLOCKING_FUNCTIONS["kubernetes.stream.stream"] = "ACK102"
# the sync client's config loaders read the kubeconfig (or the pod's service-account token and CA) from disk, and
# may run the credential plugin it names; kubernetes_asyncio's are coroutines (below)
_K8S_LOADERS = {"kube_config": "load_kube_config new_client_from_config list_kube_config_contexts",
                "incluster_config": "load_incluster_config"}
BLOCKING_FUNCTIONS.update({f"kubernetes.config.{f}": "ACK103" for fs in _K8S_LOADERS.values() for f in fs.split()})
BLOCKING_FUNCTIONS["kubernetes.config.load_config"] = "ACK103"
CANONICAL.update({f"kubernetes.config.{module}.{f}": f"kubernetes.config.{f}"
                  for module, fs in _K8S_LOADERS.items() for f in fs.split()})
BLOCKING_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {name: ("ACK102", frozenset()) for name in K8S_APIS}

# kubernetes_asyncio generates the same API groups; each method returns the coroutine of its request (unless
# given async_req=True, which nobody does on a loop). Its config loaders read and refresh credentials as
# coroutines, but for the in-cluster one.
K8S_ASYNC_APIS: Tuple[str, ...] = tuple(f"kubernetes_asyncio.client.{name}" for name in _K8S_MODULES)
K8S_ASYNC_API_CLIENT = "kubernetes_asyncio.client.ApiClient"
# aiobotocore's client (also what aioboto3's session makes): every operation is a coroutine, and so are
# `close()` and the presigners; these build locally.
AIOBOTO_CLIENT = "aiobotocore.client.AioBaseClient"
_AIOBOTO_LOCAL = frozenset({"get_paginator", "can_paginate", "get_waiter", "meta", "exceptions"})
AIOBOTO_SESSION = "aiobotocore.session.AioSession"
AIOBOTO3_SESSION = "aioboto3.Session"

CANONICAL.update({
    **{f"kubernetes_asyncio.client.api.{module}.{name}": f"kubernetes_asyncio.client.{name}"
       for name, module in _K8S_MODULES.items()},
    **{f"kubernetes_asyncio.client.api.{name}": f"kubernetes_asyncio.client.{name}" for name in _K8S_MODULES},
    "kubernetes_asyncio.client.api_client.ApiClient": K8S_ASYNC_API_CLIENT,
    "aiobotocore.client.AioBaseClient": AIOBOTO_CLIENT,
    "aioboto3.session.Session": AIOBOTO3_SESSION,
})
COROUTINE_TYPES: Dict[str, FrozenSet[str]] = {
    **{name: frozenset() for name in K8S_ASYNC_APIS},
    AIOBOTO_CLIENT: _AIOBOTO_LOCAL,
}
COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset(
    f"kubernetes_asyncio.config.{f}" for f in
    "load_config load_kube_config load_kube_config_from_dict new_client_from_config new_client_from_config_dict"
    .split()
) | frozenset({f"{K8S_ASYNC_API_CLIENT}.close"})

# Made by calling the class (or the session factory).
RETURNS: Dict[str, str] = {
    **{name: name for name in (*K8S_APIS, K8S_WATCH, FABRIC, *_FABRIC_GROUPS, GSM, AZ_SECRETS, AZ_CERTS, *_COMPUTE,
                               *K8S_ASYNC_APIS, K8S_ASYNC_API_CLIENT, AIOBOTO3_SESSION)},
    "aiobotocore.session.get_session": AIOBOTO_SESSION,
    **{name: name for name in (PYKUBE_HTTP, *PYKUBE_OBJECTS)},
    **{f"{obj}.objects": PYKUBE_QUERY for obj in PYKUBE_OBJECTS},
    **{f"{PYKUBE_QUERY}.{m}": PYKUBE_QUERY for m in ("filter", "all")},
    **{f"{PYKUBE_QUERY}.{m}": PYKUBE_OBJECT for m in ("get_by_name", "get", "get_or_none")},
    AIOBOTO_SESSION: AIOBOTO_SESSION,
}
# `async with session.create_client("s3") as s3`: the creator is an async context manager that gives the client
# (the linter reads `async with X as y` as X's value, so the maker's plain call stands for the client too).
ASYNC_RETURNS: Dict[str, str] = {
    f"{AIOBOTO_SESSION}.create_client": AIOBOTO_CLIENT,
    f"{AIOBOTO3_SESSION}.client": AIOBOTO_CLIENT,
}
RETURNS.update(ASYNC_RETURNS)

# aiodocker: the client's collections are attributes (`docker.containers`), and what they fetch is an object
# whose calls are requests again (`(await docker.containers.get(name)).restart()`). Every call of these is a
# coroutine function but for the few listed: `log()`, `stats()`, `pull()`, `push()`, `build()` and an exec's
# `start()` return an async iterator when asked to stream, the coroutine otherwise, so they stay out.
AIODOCKER = "aiodocker.Docker"
_AIODOCKER_PARTS = {
    # attribute of the client: (its type, its calls that are not coroutine functions)
    "containers": ("aiodocker.containers.DockerContainers", frozenset({"container", "exec"})),
    "images": ("aiodocker.images.DockerImages", frozenset({"pull", "push", "build", "export_image",
                                                           "import_image"})),
    "volumes": ("aiodocker.volumes.DockerVolumes", frozenset()),
    "networks": ("aiodocker.networks.DockerNetworks", frozenset()),
    "services": ("aiodocker.services.DockerServices", frozenset({"logs"})),
    "swarm": ("aiodocker.swarm.DockerSwarm", frozenset()),
    "nodes": ("aiodocker.nodes.DockerSwarmNodes", frozenset()),
    "tasks": ("aiodocker.tasks.DockerTasks", frozenset()),
    "secrets": ("aiodocker.secrets.DockerSecrets", frozenset()),
    "configs": ("aiodocker.configs.DockerConfigs", frozenset()),
    "system": ("aiodocker.system.DockerSystem", frozenset()),
}
AIODOCKER_CONTAINER = "aiodocker.containers.DockerContainer"
_AIODOCKER_OBJECTS = {
    AIODOCKER_CONTAINER: frozenset({"log", "stats", "attach", "id"}),
    "aiodocker.volumes.DockerVolume": frozenset(),
    "aiodocker.networks.DockerNetwork": frozenset(),
    "aiodocker.execs.Exec": frozenset({"start", "id"}),
}
CANONICAL["aiodocker.docker.Docker"] = AIODOCKER
COROUTINE_TYPES.update({
    AIODOCKER: frozenset(_AIODOCKER_PARTS),
    **dict(_AIODOCKER_PARTS.values()),
    **_AIODOCKER_OBJECTS,
})
PROPERTIES: Dict[str, str] = {f"{AIODOCKER}.{name}": kind for name, (kind, _) in _AIODOCKER_PARTS.items()}
_AIODOCKER_FETCHES = {
    **{f"aiodocker.containers.DockerContainers.{m}": AIODOCKER_CONTAINER
       for m in ("get", "create", "run", "create_or_replace")},
    **{f"aiodocker.volumes.DockerVolumes.{m}": "aiodocker.volumes.DockerVolume" for m in ("get", "create")},
    **{f"aiodocker.networks.DockerNetworks.{m}": "aiodocker.networks.DockerNetwork" for m in ("get", "create")},
    f"{AIODOCKER_CONTAINER}.exec": "aiodocker.execs.Exec",
}
ASYNC_RETURNS.update(_AIODOCKER_FETCHES)
RETURNS.update({
    AIODOCKER: AIODOCKER,
    "aiodocker.containers.DockerContainers.container": AIODOCKER_CONTAINER,
})
