"""Shapes found missing or misread on heldout52's set (long-lived network programs: bots, feeds, consumers,
proxies, RPC servers): each flagged shape beside the look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked, project_findings


def test_a_local_named_like_an_attribute_is_still_only_given_a_done_callback():
    # `.refresh` in `cache.refresh(...)` and `refresh=` are not the local `refresh`
    check_marked('''
        import asyncio
        import logging

        log = logging.getLogger(__name__)

        async def on_tick(tick, cache):
            refresh = asyncio.create_task(cache.refresh(tick.key))  # ACK302
            refresh.add_done_callback(lambda t: log.debug("refreshed %s", tick.key))

        async def on_tick_kw(tick, cache, pending: set):
            refresh = asyncio.create_task(cache.load(tick.key, refresh=True))  # ACK302
            refresh.add_done_callback(lambda t: log.debug("loaded"))

        async def on_tick_kept(tick, cache, pending: set):
            refresh = asyncio.create_task(cache.refresh(tick.key))
            pending.add(refresh)
            refresh.add_done_callback(pending.discard)

        async def on_tick_awaited(tick, cache):
            refresh = asyncio.create_task(cache.refresh(tick.key))
            refresh.add_done_callback(lambda t: log.debug("refreshed"))
            await refresh
    ''', ["ACK302"])


def test_a_helper_that_binds_its_task_only_to_log_it_hands_it_back_to_be_kept():
    check_marked('''
        import asyncio
        import logging

        log = logging.getLogger(__name__)
        _running: set = set()

        def _report(task):
            if not task.cancelled() and task.exception():
                log.error("background job failed", exc_info=task.exception())

        def launch(coro, label=None):
            job = asyncio.create_task(coro, name=label)
            job.add_done_callback(_report)
            return job

        def launch_kept(coro):
            job = asyncio.create_task(coro)
            _running.add(job)
            job.add_done_callback(_running.discard)
            return job

        def launch_or_none(coro, enabled):
            job = asyncio.create_task(coro) if enabled else None
            return job

        async def poll(feed):
            await feed.pull()

        async def start(feed, owner):
            launch(poll(feed), label="poll")  # ACK302
            owner.poller = launch(poll(feed))
            launch_kept(poll(feed))
            launch_or_none(poll(feed), True)
    ''', ["ACK302"])


def test_the_helper_may_live_in_another_module(tmp_path):
    found = project_findings(tmp_path, {
        "svc/__init__.py": "",
        "svc/jobs.py": '''
            import asyncio

            def fire(coro):
                handle = asyncio.ensure_future(coro)
                handle.add_done_callback(lambda h: None)
                return handle

            def fire_tracked(coro, into: set):
                handle = asyncio.ensure_future(coro)
                into.add(handle)
                return handle
        ''',
        "svc/stream.py": '''
            from .jobs import fire, fire_tracked

            class Stream:
                def __init__(self):
                    self.live = set()
                    self.pinger = None

                async def _ping(self):
                    pass

                async def open(self):
                    fire(self._ping())
                    fire_tracked(self._ping(), self.live)
                    self.pinger = fire(self._ping())
        ''',
    }, ["ACK302"])
    assert found == {("svc/stream.py", 12, "ACK302")}


def test_netmiko_connections_wait_for_the_device():
    check_marked('''
        import asyncio
        from netmiko import ConnectHandler, Netmiko

        async def push(device: dict, lines: list):
            conn = ConnectHandler(**device)  # ACK105
            out = conn.send_config_set(lines)  # ACK105
            out += conn.save_config()  # ACK105
            conn.disconnect()  # ACK105
            return out

        async def show(device: dict):
            with Netmiko(**device) as conn:  # ACK105
                return conn.send_command("show version")  # ACK105

        def _push_sync(device: dict, lines: list):
            with ConnectHandler(**device) as conn:
                return conn.send_config_set(lines)

        async def push_threaded(device: dict, lines: list):
            return await asyncio.to_thread(_push_sync, device, lines)

        class Switch:
            def send_command(self, text):
                return text

        async def local_send(sw: Switch):
            return sw.send_command("show clock")
    ''', ["ACK102", "ACK103", "ACK104", "ACK105", "ACK106"])
