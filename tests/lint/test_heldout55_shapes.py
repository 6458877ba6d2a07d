"""Shapes found missing on the fifty-fifth held-out set (operations and automation code: deploy tools, runners,
agents): each flagged shape beside the look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked, project_findings

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108"]


def test_an_async_context_manager_that_keeps_a_thread_lock_from_aenter_to_aexit_is_reported_where_it_acquires():
    # no `async with` over it in this module: its users are out of sight, the adapter itself is reported
    check_marked('''
        import asyncio
        import threading
        from multiprocessing import Lock as ProcLock

        class ConnectionQuota:
            def __init__(self, limit: int) -> None:
                self._slots = threading.BoundedSemaphore(limit)

            async def __aenter__(self) -> "ConnectionQuota":
                self._slots.acquire()  # ACK201
                return self

            async def __aexit__(self, *exc) -> None:
                self._slots.release()

        class HostMutex:
            def __init__(this) -> None:
                this.mutex = ProcLock()

            async def __aenter__(this):
                this.mutex.acquire(timeout=30)  # ACK201
                return this

            async def __aexit__(me, exc_type, exc, tb):
                me.mutex.release()

        _rotation = threading.RLock()

        class RotationWindow:
            async def __aenter__(self):
                _rotation.acquire()  # ACK201

            async def __aexit__(self, *exc):
                _rotation.release()

        class AsyncQuota:
            def __init__(self, limit: int) -> None:
                self._slots = asyncio.BoundedSemaphore(limit)

            async def __aenter__(self):
                await self._slots.acquire()
                return self

            async def __aexit__(self, *exc):
                self._slots.release()

        class CountedEntry:
            # the lock only guards the counter: released before __aenter__ returns
            def __init__(self) -> None:
                self._guard = threading.Lock()
                self.active = 0

            async def __aenter__(self):
                self._guard.acquire()
                try:
                    self.active += 1
                finally:
                    self._guard.release()
                return self

            async def __aexit__(self, *exc):
                with self._guard:
                    self.active -= 1

        class LocalHandoff:
            # a lock made and dropped inside __aenter__ pairs with nothing in __aexit__
            async def __aenter__(self):
                lock = threading.Lock()
                lock.acquire()
                return self

            async def __aexit__(self, *exc):
                pass

        class SyncOnly:
            # a plain `with` manager for thread code: no `async with` holds it
            def __init__(self) -> None:
                self._lock = threading.Lock()

            def __enter__(self):
                self._lock.acquire()
                return self

            def __exit__(self, *exc):
                self._lock.release()
    ''', ["ACK201"] + BLOCKING)


def test_an_adapter_entered_in_its_own_module_is_reported_at_the_blocks_that_await_not_twice():
    check_marked('''
        import threading

        class DeployWindow:
            def __init__(self) -> None:
                self._gate = threading.Semaphore(2)

            async def __aenter__(self):
                self._gate.acquire()  # ACK106
                return self

            async def __aexit__(self, *exc):
                self._gate.release()

        window = DeployWindow()

        async def roll(host, action) -> None:
            async with window:  # ACK201
                await action(host)

        async def quick_check(hosts) -> int:
            async with window:
                return len(hosts)
    ''', ["ACK201"] + BLOCKING)


def test_alembic_command_api_runs_migrations_on_the_calling_thread():
    check_marked('''
        import asyncio
        from alembic import command
        from alembic.command import upgrade as apply_revisions
        from alembic.config import Config

        async def on_startup(ini: str) -> None:
            cfg = Config(ini)
            command.upgrade(cfg, "head")  # ACK105
            command.history(cfg)  # ACK103

        async def rollback(cfg: Config, to: str) -> None:
            apply_revisions(cfg, to)  # ACK105

        async def on_startup_off_loop(ini: str) -> None:
            cfg = Config(ini)
            await asyncio.to_thread(command.upgrade, cfg, "head")

        def _upgrade_on(connection, cfg: Config) -> None:
            # handed to `AsyncConnection.run_sync`: Alembic's documented way to share an async engine
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")

        async def on_startup_shared(engine, cfg: Config) -> None:
            async with engine.begin() as conn:
                await conn.run_sync(_upgrade_on, cfg)

        class Migrations:
            """A project object whose methods merely share Alembic's names."""

            def upgrade(self, target: str) -> str:
                return target

            async def run(self) -> str:
                return self.upgrade("head")
    ''', BLOCKING)


def test_aiodocker_objects_fetched_through_the_client_collections_make_coroutines():
    check_marked('''
        import aiodocker

        async def bounce(client: aiodocker.Docker, name: str) -> None:
            box = await client.containers.get(name)
            box.restart(timeout=5)  # ACK301
            await box.wait()

        async def sweep(client: aiodocker.Docker) -> None:
            client.images.prune()  # ACK301
            scratch = await client.volumes.create({"Name": "scratch"})
            scratch.delete()  # ACK301
            handle = client.containers.container("0123abcd")
            handle.kill()  # ACK301

        async def tail(client: aiodocker.Docker, name: str, sink) -> None:
            box = await client.containers.get(name)
            async for line in box.log(stdout=True, follow=True):
                await sink(line)
            job = await box.exec(["uptime"])
            stream = job.start(detach=False)
            await stream.close()
            await client.close()
    ''', ["ACK301"])


def test_a_sync_docker_client_or_a_project_class_named_like_aiodocker_makes_no_coroutine():
    check_marked('''
        import asyncio
        import docker

        class Docker:
            """The project's own wrapper: plain methods."""

            def __init__(self) -> None:
                self.restarted: list = []

            def restart(self, name: str) -> None:
                self.restarted.append(name)

        def bounce_sync(name: str) -> None:
            docker.from_env().containers.get(name).restart()

        async def bounce_off_loop(name: str) -> None:
            await asyncio.to_thread(bounce_sync, name)

        async def bounce_recorded(wrapper: Docker, name: str) -> None:
            wrapper.restart(name)
    ''', ["ACK301"] + BLOCKING)


def test_a_callable_handed_to_the_constructor_of_a_thread_subclass_that_calls_it_from_run_runs_in_that_thread():
    check_marked('''
        import asyncio
        import threading
        import time

        class Repeater(threading.Thread):
            def __init__(self, every: float, action) -> None:
                super().__init__(daemon=True)
                self.every = every
                self.action = action

            def run(self) -> None:
                while True:
                    self.action()
                    time.sleep(self.every)

        class Notifier(threading.Thread):
            # hands its callback back to the loop: what it is given does not run in the thread
            def __init__(self, loop: asyncio.AbstractEventLoop, on_done) -> None:
                super().__init__()
                self.loop = loop
                self.on_done = on_done

            def run(self) -> None:
                time.sleep(1)
                self.loop.call_soon_threadsafe(self.on_done)

        class Recipe:
            # not a thread: `run` is called by whoever owns it
            def __init__(self, step) -> None:
                self.step = step

            def run(self) -> None:
                self.step()

        class SyncReporter:
            def __init__(self) -> None:
                self.finished = asyncio.Event()
                self.loop = asyncio.get_event_loop()

            def mark(self) -> None:
                self.loop.create_task(self.record())  # ACK402

            async def record(self) -> None:
                self.finished.set()

            def begin(self, work) -> None:
                Repeater(30, lambda: (work(), self.mark())).start()

        def watch(stopped: asyncio.Event, loop: asyncio.AbstractEventLoop) -> None:
            Repeater(5, stopped.set).start()  # ACK401
            Notifier(loop, stopped.set).start()
            Recipe(stopped.set).run()
            Repeater(5, lambda: loop.call_soon_threadsafe(stopped.set)).start()
    ''', ["ACK401", "ACK402"])


def test_a_thread_subclass_of_another_module_handed_an_asyncio_objects_method(tmp_path):
    found = project_findings(tmp_path, {
        "pyproject.toml": '[project]\nname = "fleet"\n',
        "fleet/__init__.py": "",
        "fleet/ticker.py": '''
            import threading
            import time

            class Ticker(threading.Thread):
                def __init__(self, period: float, callback) -> None:
                    super().__init__(daemon=True)
                    self.period = period
                    self.callback = callback

                def run(self) -> None:
                    while True:
                        time.sleep(self.period)
                        self.callback()

            def make_label(name: str, callback) -> str:
                return name
        ''',
        "fleet/agent.py": '''
            import asyncio
            from fleet.ticker import Ticker, make_label

            async def main() -> None:
                expired = asyncio.Event()
                Ticker(60, expired.set).start()
                make_label("ttl", expired.set)
                await expired.wait()
        ''',
    }, ["ACK401"])
    assert found == {("fleet/agent.py", 6, "ACK401")}


def test_a_handler_that_reraises_only_what_a_narrowing_predicate_of_the_project_names_swallows_cancellation():
    check_marked('''
        import asyncio
        import logging

        log = logging.getLogger(__name__)

        def must_stop(error: BaseException) -> bool:
            """Errors the service never survives."""
            return isinstance(error, (SystemExit, KeyboardInterrupt, MemoryError))

        def must_stop_or_cancel(error: BaseException) -> bool:
            return isinstance(error, (SystemExit, KeyboardInterrupt, asyncio.CancelledError))

        def noisy(error: BaseException) -> bool:
            log.debug("checking %r", error)
            return isinstance(error, SystemExit)

        def escalating(error: BaseException) -> bool:
            escalate(error)
            return isinstance(error, SystemExit)

        async def tick(job) -> None:
            try:
                await job.step()
            except BaseException as err:  # ACK602
                if must_stop(err):
                    raise
                log.exception("tick failed")

        async def tick_cancellable(job) -> None:
            try:
                await job.step()
            except BaseException as err:
                if must_stop_or_cancel(err):
                    raise
                log.exception("tick failed")

        async def tick_unknown(job, fatal) -> None:
            # what the caller's predicate holds for is not known here
            try:
                await job.step()
            except BaseException as err:
                if fatal(err):
                    raise
                log.exception("tick failed")

        async def tick_logging_first(job) -> None:
            # a predicate that logs before its test still only tests: a log call raises nothing
            try:
                await job.step()
            except BaseException as err:  # ACK602
                if noisy(err):
                    raise
                log.exception("tick failed")

        async def tick_not_only_a_test(job) -> None:
            try:
                await job.step()
            except BaseException as err:
                if escalating(err):
                    raise
                log.exception("tick failed")
    ''', ["ACK601", "ACK602"])


def test_a_narrowing_predicate_of_another_module(tmp_path):
    found = project_findings(tmp_path, {
        "pyproject.toml": '[project]\nname = "crew"\n',
        "crew/__init__.py": "",
        "crew/errors.py": '''
            import asyncio

            def is_fatal(exc: BaseException) -> bool:
                return isinstance(exc, (KeyboardInterrupt, SystemExit))

            def ends_task(exc: BaseException) -> bool:
                return isinstance(exc, (KeyboardInterrupt, asyncio.CancelledError))
        ''',
        "crew/loop.py": '''
            import logging
            from crew.errors import ends_task, is_fatal

            async def run_step(step) -> None:
                try:
                    await step()
                except BaseException as exc:
                    if is_fatal(exc):
                        raise
                    logging.exception("step failed")

            async def run_step_ok(step) -> None:
                try:
                    await step()
                except BaseException as exc:
                    if ends_task(exc):
                        raise
                    logging.exception("step failed")
        ''',
    }, ["ACK601", "ACK602"])
    assert found == {("crew/loop.py", 7, "ACK602")}


def test_an_aexit_that_returns_whether_an_exception_came_suppresses_cancellation_too():
    check_marked('''
        import logging

        log = logging.getLogger(__name__)

        class Tolerant:
            async def __aenter__(self):
                return self

            async def __aexit__(self, kind, error, trace):
                if kind is not None:
                    log.warning("ignored: %r", error)
                return kind is not None  # ACK601

        class TolerantBool:
            async def __aenter__(self):
                return self

            async def __aexit__(self, kind, error, trace):
                return bool(error)  # ACK601

        class TolerantStar:
            async def __aenter__(self):
                return self

            async def __aexit__(self, *info):
                return info[0] is not None  # ACK601

        class OnlyClean:
            async def __aenter__(self):
                return self

            async def __aexit__(self, kind, error, trace):
                return kind is None

        class OnlyValueErrors:
            async def __aenter__(self):
                return self

            async def __aexit__(self, kind, error, trace):
                return kind is not None and issubclass(kind, ValueError)

        class Delegating:
            def __init__(self, inner) -> None:
                self.inner = inner

            async def __aenter__(self):
                return await self.inner.__aenter__()

            async def __aexit__(self, kind, error, trace):
                return await self.inner.__aexit__(kind, error, trace)
    ''', ["ACK601", "ACK602"])


def test_a_task_stored_over_the_last_one_in_the_same_attribute_each_round_loses_the_others():
    check_marked('''
        import asyncio
        import logging

        log = logging.getLogger(__name__)

        class Prober:
            def __init__(self, probe) -> None:
                self.probe = probe
                self.latest: asyncio.Task | None = None
                self.inflight: set = set()
                self.by_target: dict = {}

            async def probe_all(self, targets: list) -> None:
                for target in targets:
                    log.debug("probing %s", target)
                    self.latest = asyncio.create_task(self.probe(target))  # ACK302
                if self.latest is not None:
                    await self.latest

            async def probe_all_kept(self, targets: list) -> None:
                for target in targets:
                    self.latest = asyncio.create_task(self.probe(target))
                    self.inflight.add(self.latest)
                    self.latest.add_done_callback(self.inflight.discard)

            async def probe_all_awaited(self, targets: list) -> None:
                for target in targets:
                    self.latest = asyncio.create_task(self.probe(target))
                    await asyncio.sleep(0.1)

            async def probe_all_tracked(self, targets: list) -> None:
                for target in targets:
                    self.latest = asyncio.create_task(self.probe(target))
                    self.remember()

            def remember(self) -> None:
                self.inflight.add(self.latest)

            async def probe_all_keyed(self, targets: list) -> None:
                for target in targets:
                    self.by_target[target] = asyncio.create_task(self.probe(target))

            async def probe_first(self, targets: list) -> None:
                for target in targets:
                    self.latest = asyncio.create_task(self.probe(target))
                    break
    ''', ["ACK302"])


def test_pynetbox_requests_through_its_apps_and_endpoints_and_record_sets_fetched_as_iterated():
    check_marked('''
        import asyncio
        import pynetbox

        async def active_sites(base: str, key: str) -> list:
            netbox = pynetbox.api(base, token=key)
            return [s.slug for s in netbox.dcim.sites.filter(status="active")]  # ACK102

        async def one_prefix(netbox: pynetbox.api, cidr: str):
            found = netbox.ipam.prefixes.get(prefix=cidr)  # ACK102
            total = netbox.ipam.prefixes.count()  # ACK102
            return found, total

        async def all_vms(netbox: pynetbox.api) -> list:
            lazy = netbox.virtualization.virtual_machines.all()
            return await asyncio.to_thread(list, lazy)

        def all_vms_sync(netbox: pynetbox.api) -> list:
            return list(netbox.virtualization.virtual_machines.all())

        async def all_vms_threaded(netbox: pynetbox.api) -> list:
            return await asyncio.to_thread(all_vms_sync, netbox)
    ''', BLOCKING)


def test_a_concurrent_futures_result_after_awaiting_the_event_its_done_callback_sets_does_not_wait():
    check_marked('''
        import asyncio
        import concurrent.futures

        workers = concurrent.futures.ThreadPoolExecutor(max_workers=2)

        async def build(spec, compile_spec):
            ready = asyncio.Event()
            loop = asyncio.get_running_loop()
            job = workers.submit(compile_spec, spec)
            job.add_done_callback(lambda _job: loop.call_soon_threadsafe(ready.set))
            await ready.wait()
            return job.result()

        async def build_unrelated(spec, compile_spec, go: asyncio.Event):
            ready = asyncio.Event()
            loop = asyncio.get_running_loop()
            job = workers.submit(compile_spec, spec)
            job.add_done_callback(lambda _job: loop.call_soon_threadsafe(ready.set))
            await go.wait()
            return job.result()  # ACK106

        async def build_logged(spec, compile_spec, go: asyncio.Event):
            job = workers.submit(compile_spec, spec)
            job.add_done_callback(lambda _job: print("built"))
            await go.wait()
            return job.result()  # ACK106
    ''', BLOCKING)


def test_invoke_kubernetes_exec_streams_and_compute_engine_clients_block():
    check_marked('''
        import asyncio
        import invoke
        from google.cloud import compute_v1
        from kubernetes import client as kube
        from kubernetes.stream import stream

        async def make_target(c: invoke.Context, target: str) -> str:
            return c.run(f"make {target}", hide=True).stdout  # ACK104

        async def pod_uptime(core: kube.CoreV1Api, pod: str) -> str:
            return stream(core.connect_get_namespaced_pod_exec, pod, "default",  # ACK102
                          command=["uptime"], stdout=True, stderr=True, stdin=False, tty=False)

        async def vm_names(project: str, zone: str) -> list:
            vms = compute_v1.InstancesClient()
            link = vms.instance_path(project, zone, "web-1")
            return [link] + [vm.name for vm in vms.list(project=project, zone=zone)]  # ACK102

        def make_target_sync(c: invoke.Context, target: str) -> str:
            return c.run(f"make {target}", hide=True).stdout

        async def make_target_threaded(c: invoke.Context, target: str) -> str:
            return await asyncio.to_thread(make_target_sync, c, target)

        class Context:
            """The project's own run context: `run` records the command for a later batch."""

            def __init__(self) -> None:
                self.commands: list = []

            def run(self, command: str) -> None:
                self.commands.append(command)

        async def queue_target(c: Context, target: str) -> None:
            c.run(f"make {target}")
    ''', BLOCKING)
