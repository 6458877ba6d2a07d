"""Preview-environment operator: one namespace per pull request, images built with Docker, pods watched and reaped."""
from __future__ import annotations

import asyncio
import functools
import logging
import threading

import aiodocker
import docker
from docker.models.containers import Container
from kubernetes import client as k8s
from kubernetes import config as k8s_config
from kubernetes import watch
from kubernetes_asyncio import client as ak8s
from kubernetes_asyncio import config as ak8s_config
from kubernetes_asyncio import watch as awatch

log = logging.getLogger("previews")
NAMESPACE = "previews"


def core_api() -> k8s.CoreV1Api:  # expect: clean
    k8s_config.load_incluster_config()
    return k8s.CoreV1Api()


def apps_api() -> k8s.AppsV1Api:  # expect: clean
    k8s_config.load_incluster_config()
    return k8s.AppsV1Api()


async def async_core_api() -> ak8s.CoreV1Api:  # expect: clean
    await ak8s_config.load_kube_config()
    return ak8s.CoreV1Api()


async def stuck_pods() -> list[str]:  # expect: blocking-call
    pods = core_api().list_namespaced_pod(NAMESPACE, field_selector="status.phase=Pending")
    return [p.metadata.name for p in pods.items]


async def stuck_pods_async() -> list[str]:  # expect: clean  # near: blocking-call
    api = await async_core_api()
    pods = await api.list_namespaced_pod(NAMESPACE, field_selector="status.phase=Pending")
    return [p.metadata.name for p in pods.items]


async def delete_pod(name: str) -> None:  # expect: unawaited-coroutine
    api = await async_core_api()
    api.delete_namespaced_pod(name, NAMESPACE, grace_period_seconds=0)
    log.info("deleted %s", name)


class PodReaper:  # expect: unawaited-coroutine
    api: ak8s.CoreV1Api

    def __init__(self, max_age_s: int = 3600) -> None:
        self.max_age_s = max_age_s
        self.reaped: list[str] = []

    async def start(self) -> None:
        self.api = await async_core_api()

    async def reap(self, names: list[str]) -> None:
        for name in names:
            self.api.delete_namespaced_pod(name, NAMESPACE)
            self.reaped.append(name)


class PodReaperAwaited:  # expect: clean  # near: unawaited-coroutine
    api: ak8s.CoreV1Api

    async def start(self) -> None:
        self.api = await async_core_api()

    async def reap(self, names: list[str]) -> None:
        await asyncio.gather(*(self.api.delete_namespaced_pod(n, NAMESPACE) for n in names))


async def follow_events(on_event) -> None:  # expect: blocking-call
    w = watch.Watch()
    for ev in w.stream(core_api().list_namespaced_event, NAMESPACE, timeout_seconds=60):
        await on_event(ev["object"])


async def follow_events_async(on_event) -> None:  # expect: clean  # near: blocking-call
    api = await async_core_api()
    async with awatch.Watch() as w:
        async for ev in w.stream(api.list_namespaced_event, NAMESPACE, timeout_seconds=60):
            await on_event(ev["object"])


async def read_secret(name: str) -> dict:  # expect: blocking-call
    k8s_config.load_incluster_config()
    with k8s.ApiClient() as api_client:
        v1 = k8s.CoreV1Api(api_client)
        return v1.read_namespaced_secret(name, NAMESPACE).data


def restart_deployment(name: str) -> None:  # expect: clean
    body = {"spec": {"template": {"metadata": {"annotations": {"previews/restartedAt": "now"}}}}}
    apps_api().patch_namespaced_deployment(name, NAMESPACE, body)


async def restart_all(names: list[str]) -> None:  # expect: clean  # near: blocking-call
    await asyncio.gather(*(asyncio.to_thread(restart_deployment, n) for n in names))


async def restart_inline(name: str) -> None:  # expect: blocking-call
    restart_deployment(name)
    log.info("restarted %s", name)


async def build_image(path: str, tag: str) -> str:  # expect: blocking-call
    client = docker.from_env()
    image, _logs = client.images.build(path=path, tag=tag, rm=True)
    return image.id


def build_image_sync(path: str, tag: str) -> str:  # expect: clean
    image, _logs = docker.from_env().images.build(path=path, tag=tag, rm=True)
    return image.id


async def build_image_offloaded(path: str, tag: str) -> str:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, functools.partial(build_image_sync, path, tag=tag))


async def run_preview(tag: str, name: str) -> str:  # expect: clean  # near: blocking-call
    client = aiodocker.Docker()
    try:
        container = await client.containers.run(config={"Image": tag, "Env": ["PREVIEW=1"]}, name=name)
        return container.id
    finally:
        await client.close()


async def stop_preview(name: str) -> None:  # expect: unawaited-coroutine
    client = aiodocker.Docker()
    try:
        container = await client.containers.get(name)
        container.stop(t=5)
    finally:
        await client.close()


async def tail_logs(container: Container, send) -> None:  # expect: blocking-call
    for line in container.logs(stream=True, follow=True):
        await send(line.decode(errors="replace"))


def container_summary(container: Container) -> dict:  # expect: clean
    container.reload()
    return {"id": container.short_id, "status": container.status, "image": container.image.tags}


class PreviewRegistry:  # expect: lock-across-await
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.active: dict[str, str] = {}

    async def ensure(self, name: str, tag: str) -> str:
        with self._lock:
            if name not in self.active:
                self.active[name] = await run_preview(tag, name)
            return self.active[name]


class PreviewRegistryAsync:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self.active: dict[str, str] = {}

    async def ensure(self, name: str, tag: str) -> str:
        async with self._lock:
            if name not in self.active:
                self.active[name] = await run_preview(tag, name)
            return self.active[name]


async def reconcile_once() -> None:  # expect: clean
    pods = await stuck_pods_async()
    for name in pods:
        log.info("pending: %s", name)


async def reconcile_forever(interval: float = 30.0) -> None:  # expect: cancellation-swallowed
    while True:
        try:
            await reconcile_once()
            await asyncio.sleep(interval)
        except asyncio.CancelledError:
            log.warning("reconcile interrupted, retrying")
        except Exception:
            log.exception("reconcile failed")
            await asyncio.sleep(interval)


async def reconcile_until_stopped(interval: float = 30.0) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        try:
            await reconcile_once()
            await asyncio.sleep(interval)
        except asyncio.CancelledError:
            log.info("reconcile stopping")
            raise
        except Exception:
            log.exception("reconcile failed")
            await asyncio.sleep(interval)


def start_reconciler_thread() -> threading.Thread:  # expect: unawaited-coroutine
    t = threading.Thread(target=reconcile_forever, name="reconciler", daemon=True)
    t.start()
    return t


def start_reconciler_loop_thread() -> threading.Thread:  # expect: clean  # near: unawaited-coroutine
    t = threading.Thread(target=asyncio.run, args=(reconcile_until_stopped(),), name="reconciler", daemon=True)
    t.start()
    return t


def k8s_retry(fn):  # expect: clean
    @functools.wraps(fn)
    async def wrapper(*args, **kwargs):
        for delay in (0.5, 1, 2, 4):
            try:
                return await fn(*args, **kwargs)
            except ak8s.ApiException as exc:
                if exc.status not in (409, 429, 500, 503):
                    raise
                await asyncio.sleep(delay)
        return await fn(*args, **kwargs)

    return wrapper


@k8s_retry
async def scale(name: str, replicas: int) -> None:  # expect: clean
    api = ak8s.AppsV1Api()
    await api.patch_namespaced_deployment_scale(name, NAMESPACE, {"spec": {"replicas": replicas}})


async def scale_down_all(names: list[str]) -> None:  # expect: unawaited-coroutine
    for name in names:
        scale(name, 0)
    log.info("scaled down %d previews", len(names))


async def scale_down_all_ok(names: list[str]) -> None:  # expect: clean  # near: unawaited-coroutine
    await asyncio.gather(*(scale(name, 0) for name in names))


class Expiry:  # expect: unawaited-coroutine
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.handles: dict[str, asyncio.TimerHandle] = {}

    def arm(self, name: str, ttl: float) -> None:
        self.handles[name] = self.loop.call_later(ttl, functools.partial(scale, name, 0))


class ExpiryTasks:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.handles: dict[str, asyncio.TimerHandle] = {}
        self.tasks: set[asyncio.Task] = set()

    def _spawn(self, name: str) -> None:
        task = self.loop.create_task(scale(name, 0))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    def arm(self, name: str, ttl: float) -> None:
        self.handles[name] = self.loop.call_later(ttl, self._spawn, name)
